package dev.armature.api.monitoring;

import static java.util.Objects.requireNonNull;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A rule the alert engine evaluates at each tick ({@code armature.alerts.interval}, 15 s by
 * default), one alert per rule, identified by its name and labels.
 *
 * <ul>
 *   <li>The alert becomes PENDING when the {@code condition} holds — on {@code debounceHits} of the
 *       last {@code debounceWindow} evaluations with data, 1 of 1 by default — and FIRING once it has
 *       held for {@code forDuration} (at once when zero).
 *   <li>A firing alert RESOLVES when the {@code resolveCondition} has held for {@code keepFiringFor}
 *       (at once when zero); without a resolve condition, when the condition no longer holds. A
 *       resolve condition below the firing threshold gives hysteresis: a value between the two keeps
 *       the alert firing.
 *   <li>An evaluation without data means what {@code noData} says; by default nothing changes.
 * </ul>
 *
 * <p>Annotations are templates: {@code ${value}} is the value read, {@code ${rule}} the rule's name
 * and {@code ${labels.x}} the label {@code x}, which must be one of the rule's labels.
 *
 * <pre>{@code
 * AlertRule heap = AlertRule.builder("heap-high", new AlertCondition.Threshold(
 *                 MeterQuery.of("jvm.memory.used", Map.of("area", "heap")), Comparison.ABOVE, 800e6))
 *         .resolveCondition(new AlertCondition.Threshold(
 *                 MeterQuery.of("jvm.memory.used", Map.of("area", "heap")), Comparison.BELOW, 700e6))
 *         .forDuration(Duration.ofMinutes(2))
 *         .severity(AlertSeverity.WARNING)
 *         .addLabel("team", "platform")
 *         .addAnnotation("summary", "heap at ${value} bytes (team ${labels.team})")
 *         .runbook(URI.create("https://runbooks.example.com/heap"))
 *         .build();
 * }</pre>
 *
 * @param name the rule's name: lowercase letters and digits in words joined by {@code -}, {@code _}
 *     or {@code .}
 * @param condition what fires the alert
 * @param resolveCondition what resolves it; empty for the condition's absence
 * @param forDuration how long the condition must hold before the alert fires
 * @param keepFiringFor how long the resolve condition must hold before a firing alert resolves
 * @param debounceHits how many of the last {@code debounceWindow} evaluations must breach
 * @param debounceWindow how many evaluations with data the debounce looks at, 1 to {@value
 *     #MAX_DEBOUNCE_WINDOW}
 * @param noData what an evaluation without data means
 * @param severity how urgent the alert is when it fires
 * @param labels labels of the alert, which identify it with the rule's name
 * @param annotations templates filled in when the alert fires, such as {@code summary}
 * @param runbook where a responder finds what to do
 * @since 0.1
 */
public record AlertRule(
        String name,
        AlertCondition condition,
        Optional<AlertCondition> resolveCondition,
        Duration forDuration,
        Duration keepFiringFor,
        int debounceHits,
        int debounceWindow,
        NoDataPolicy noData,
        AlertSeverity severity,
        Map<String, String> labels,
        Map<String, String> annotations,
        Optional<URI> runbook) {
    /** The most evaluations a debounce looks back over: {@value}. */
    public static final int MAX_DEBOUNCE_WINDOW = 64;

    /** The default severity: {@link AlertSeverity#WARNING}. */
    public static final AlertSeverity DEFAULT_SEVERITY = AlertSeverity.WARNING;

    private static final Pattern NAME = Pattern.compile("[a-z0-9]+(?:[._-][a-z0-9]+)*");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([^}]*)}");

    /**
     * Checks every part and copies the maps.
     *
     * @param name the name
     * @param condition the condition
     * @param resolveCondition the resolve condition
     * @param forDuration the for duration
     * @param keepFiringFor the keep-firing-for duration
     * @param debounceHits the debounce hits
     * @param debounceWindow the debounce window
     * @param noData the no-data policy
     * @param severity the severity
     * @param labels the labels
     * @param annotations the annotations
     * @param runbook the runbook link
     * @throws IllegalArgumentException naming the rule and the part that is wrong
     */
    public AlertRule {
        requireNonNull(name, "name");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("alert rule name '" + name
                    + "' must be lowercase letters and digits in words joined by '-', '_' or '.'");
        }
        requireNonNull(condition, "condition");
        requireNonNull(resolveCondition, "resolveCondition");
        requireNonNull(forDuration, "forDuration");
        requireNonNull(keepFiringFor, "keepFiringFor");
        if (forDuration.isNegative() || keepFiringFor.isNegative()) {
            throw new IllegalArgumentException("alert rule " + name
                    + ": for and keepFiringFor must not be negative, were " + forDuration + " and " + keepFiringFor);
        }
        if (debounceWindow < 1 || debounceWindow > MAX_DEBOUNCE_WINDOW) {
            throw new IllegalArgumentException("alert rule " + name + ": the debounce window must be 1 to "
                    + MAX_DEBOUNCE_WINDOW + " evaluations, was " + debounceWindow);
        }
        if (debounceHits < 1 || debounceHits > debounceWindow) {
            throw new IllegalArgumentException("alert rule " + name + ": the debounce needs 1 to " + debounceWindow
                    + " breaching evaluations (its window), was " + debounceHits);
        }
        requireNonNull(noData, "noData");
        requireNonNull(severity, "severity");
        labels = Map.copyOf(labels);
        annotations = Map.copyOf(annotations);
        requireNonNull(runbook, "runbook");
        for (String key : labels.keySet()) {
            if (key.isBlank()) {
                throw new IllegalArgumentException("alert rule " + name + " has a blank label name");
            }
        }
        for (Map.Entry<String, String> a : annotations.entrySet()) {
            Matcher m = PLACEHOLDER.matcher(a.getValue());
            while (m.find()) {
                String ref = m.group(1);
                boolean known = ref.equals("value")
                        || ref.equals("rule")
                        || (ref.startsWith("labels.") && labels.containsKey(ref.substring("labels.".length())));
                if (!known) {
                    throw new IllegalArgumentException("alert rule " + name + ", annotation " + a.getKey()
                            + ": ${" + ref + "} is neither ${value}, ${rule} nor ${labels.x} of a label x of the rule"
                            + " (its labels: " + labels.keySet() + ")");
                }
            }
        }
    }

    /**
     * Starts a rule.
     *
     * @param name the rule's name
     * @param condition what fires its alert
     * @return a builder
     */
    public static Builder builder(String name, AlertCondition condition) {
        return new Builder(name, condition);
    }

    /**
     * Returns a builder that starts from this rule, for variants.
     *
     * @return a builder with every part of this rule
     */
    public Builder toBuilder() {
        Builder b = new Builder(name, condition)
                .forDuration(forDuration)
                .keepFiringFor(keepFiringFor)
                .debounce(debounceHits, debounceWindow)
                .noData(noData)
                .severity(severity);
        resolveCondition.ifPresent(b::resolveCondition);
        b.labels.putAll(labels);
        b.annotations.putAll(annotations);
        runbook.ifPresent(b::runbook);
        return b;
    }

    /**
     * Returns the SRE workbook's multiwindow, multi-burn-rate alerts for an SLO over 30 days, one
     * rule per window pair, named {@code <name>-page-1h}, {@code <name>-page-6h} ({@link
     * AlertSeverity#CRITICAL}), {@code <name>-ticket-1d} and {@code <name>-ticket-3d} ({@link
     * AlertSeverity#WARNING}):
     *
     * <table>
     *   <caption>The workbook's windows</caption>
     *   <tr><th>long window</th><th>short window</th><th>burn rate</th><th>budget spent</th><th>severity</th></tr>
     *   <tr><td>1 h</td><td>5 min</td><td>14.4</td><td>2%</td><td>page</td></tr>
     *   <tr><td>6 h</td><td>30 min</td><td>6</td><td>5%</td><td>page</td></tr>
     *   <tr><td>1 d</td><td>2 h</td><td>3</td><td>10%</td><td>ticket</td></tr>
     *   <tr><td>3 d</td><td>6 h</td><td>1</td><td>10%</td><td>ticket</td></tr>
     * </table>
     *
     * <p>Each rule carries the label {@code slo} (the name) and an annotation {@code summary}; change
     * them, or the severities, with {@link #toBuilder()}.
     *
     * @param name the SLO's name, the rules' prefix
     * @param bad the counters of bad events
     * @param total the counters of all events
     * @param objective the target share of good events, such as {@code 0.999}
     * @return the four rules
     * @throws IllegalArgumentException if the name or the objective is invalid
     */
    public static List<AlertRule> burnRateRules(String name, MeterQuery bad, MeterQuery total, double objective) {
        record Window(
                String suffix, Duration longWindow, Duration shortWindow, double factor, AlertSeverity severity) {}
        List<Window> windows = List.of(
                new Window("page-1h", Duration.ofHours(1), Duration.ofMinutes(5), 14.4, AlertSeverity.CRITICAL),
                new Window("page-6h", Duration.ofHours(6), Duration.ofMinutes(30), 6, AlertSeverity.CRITICAL),
                new Window("ticket-1d", Duration.ofDays(1), Duration.ofHours(2), 3, AlertSeverity.WARNING),
                new Window("ticket-3d", Duration.ofDays(3), Duration.ofHours(6), 1, AlertSeverity.WARNING));
        List<AlertRule> rules = new ArrayList<>();
        for (Window w : windows) {
            rules.add(builder(
                            name + "-" + w.suffix(),
                            new AlertCondition.BurnRate(
                                    bad, total, objective, w.longWindow(), w.shortWindow(), w.factor()))
                    .severity(w.severity())
                    .addLabel("slo", name)
                    .addAnnotation(
                            "summary",
                            "SLO ${labels.slo} burns its error budget at ${value}x over " + w.longWindow()
                                    + " (alerting above " + w.factor() + "x)")
                    .build());
        }
        return List.copyOf(rules);
    }

    /**
     * Builds an {@link AlertRule}. Not thread-safe.
     *
     * @since 0.1
     */
    public static final class Builder {
        private final String name;
        private final AlertCondition condition;
        private Optional<AlertCondition> resolveCondition = Optional.empty();
        private Duration forDuration = Duration.ZERO;
        private Duration keepFiringFor = Duration.ZERO;
        private int debounceHits = 1;
        private int debounceWindow = 1;
        private NoDataPolicy noData = NoDataPolicy.KEEP_STATE;
        private AlertSeverity severity = DEFAULT_SEVERITY;
        private final Map<String, String> labels = new LinkedHashMap<>();
        private final Map<String, String> annotations = new LinkedHashMap<>();
        private Optional<URI> runbook = Optional.empty();

        Builder(String name, AlertCondition condition) {
            this.name = requireNonNull(name, "name");
            this.condition = requireNonNull(condition, "condition");
        }

        /**
         * Sets what resolves a firing alert. None by default: the condition's absence resolves it.
         *
         * @param resolveCondition the resolve condition
         * @return this builder
         */
        public Builder resolveCondition(AlertCondition resolveCondition) {
            this.resolveCondition = Optional.of(requireNonNull(resolveCondition, "resolveCondition"));
            return this;
        }

        /**
         * Sets how long the condition must hold before the alert fires. Zero by default.
         *
         * @param forDuration the duration, not negative
         * @return this builder
         */
        public Builder forDuration(Duration forDuration) {
            this.forDuration = requireNonNull(forDuration, "forDuration");
            return this;
        }

        /**
         * Sets how long the resolve condition must hold before a firing alert resolves. Zero by
         * default.
         *
         * @param keepFiringFor the duration, not negative
         * @return this builder
         */
        public Builder keepFiringFor(Duration keepFiringFor) {
            this.keepFiringFor = requireNonNull(keepFiringFor, "keepFiringFor");
            return this;
        }

        /**
         * Sets the debounce: the condition holds when {@code hits} of the last {@code window}
         * evaluations with data breached. 1 of 1 by default.
         *
         * @param hits the breaching evaluations needed
         * @param window the evaluations looked at
         * @return this builder
         */
        public Builder debounce(int hits, int window) {
            this.debounceHits = hits;
            this.debounceWindow = window;
            return this;
        }

        /**
         * Sets what an evaluation without data means. {@link NoDataPolicy#KEEP_STATE} by default.
         *
         * @param noData the policy
         * @return this builder
         */
        public Builder noData(NoDataPolicy noData) {
            this.noData = requireNonNull(noData, "noData");
            return this;
        }

        /**
         * Sets how urgent the alert is. {@link #DEFAULT_SEVERITY} by default.
         *
         * @param severity the severity
         * @return this builder
         */
        public Builder severity(AlertSeverity severity) {
            this.severity = requireNonNull(severity, "severity");
            return this;
        }

        /**
         * Adds a label, replacing one of the same name.
         *
         * @param label the label's name
         * @param value its value
         * @return this builder
         */
        public Builder addLabel(String label, String value) {
            labels.put(requireNonNull(label, "label"), requireNonNull(value, "value"));
            return this;
        }

        /**
         * Adds an annotation template, replacing one of the same name.
         *
         * @param annotation the annotation's name, such as {@code summary}
         * @param template its text, with {@code ${value}}, {@code ${rule}} and {@code ${labels.x}}
         * @return this builder
         */
        public Builder addAnnotation(String annotation, String template) {
            annotations.put(requireNonNull(annotation, "annotation"), requireNonNull(template, "template"));
            return this;
        }

        /**
         * Sets where a responder finds what to do. None by default.
         *
         * @param runbook the link
         * @return this builder
         */
        public Builder runbook(URI runbook) {
            this.runbook = Optional.of(requireNonNull(runbook, "runbook"));
            return this;
        }

        /**
         * Builds the rule.
         *
         * @return the rule
         * @throws IllegalArgumentException naming the part that is wrong
         */
        public AlertRule build() {
            return new AlertRule(
                    name,
                    condition,
                    resolveCondition,
                    forDuration,
                    keepFiringFor,
                    debounceHits,
                    debounceWindow,
                    noData,
                    severity,
                    labels,
                    annotations,
                    runbook);
        }
    }
}

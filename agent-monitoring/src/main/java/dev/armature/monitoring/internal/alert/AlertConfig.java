package dev.armature.monitoring.internal.alert;

import dev.armature.api.config.ConfigException;
import dev.armature.api.config.ConfigProperty;
import dev.armature.api.config.ConfigSchema;
import dev.armature.api.config.ConfigSnapshot;
import dev.armature.api.config.ConfigType;
import dev.armature.api.monitoring.AlertCondition;
import dev.armature.api.monitoring.AlertRule;
import dev.armature.api.monitoring.AlertSeverity;
import dev.armature.api.monitoring.Comparison;
import dev.armature.api.monitoring.MeterQuery;
import dev.armature.api.monitoring.NoDataPolicy;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Internal: the keys under {@code armature.alerts} and the rules of {@code
 * armature.alerts.rules.<name>.*}. A config rule has a {@code type} — {@code threshold}, {@code
 * rate}, {@code ratio}, {@code absence}, {@code prediction} or {@code burn-rate} — and reads the keys of its type; a
 * missing or contradictory key is a {@link ConfigException} naming it.
 */
public final class AlertConfig {
    /** The prefix of every key. */
    public static final String PREFIX = "armature.alerts";

    /** The evaluation interval's key. */
    public static final String INTERVAL = PREFIX + ".interval";

    /** The evaluation interval when none is set. */
    public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(15);

    private static final String RULES = PREFIX + ".rules.";

    /** The code every error about a rule's keys carries. */
    public static final String INVALID_RULE = "armature.alerts.invalid-rule";

    private static final List<String> TYPES =
            List.of("threshold", "rate", "ratio", "absence", "prediction", "burn-rate");

    private AlertConfig() {}

    /** Returns the schema, owned by the plugin of the given id. */
    public static ConfigSchema schema(String owner) {
        ConfigSchema.Builder b = ConfigSchema.builder(owner).addPrefix(PREFIX);
        b.add(ConfigProperty.builder(INTERVAL, ConfigType.DURATION)
                .defaultValue("15s")
                .min("1s")
                .description("How often every alert rule is evaluated.")
                .build());
        String r = RULES + "*.";
        b.add(ConfigProperty.builder(r + "type", ConfigType.STRING)
                .allowedValues(TYPES.toArray(String[]::new))
                .description("What the rule checks: threshold, rate, ratio, absence, prediction or burn-rate.")
                .build());
        add(
                b,
                r + "meter",
                ConfigType.STRING,
                "The meter read (the numerator of a ratio, the bad events of a burn rate).");
        add(b, r + "tags", ConfigType.mapOf(ConfigType.STRING), "Tags the meter must have.");
        add(
                b,
                r + "statistic",
                ConfigType.enumOf(MeterQuery.Statistic.class),
                "Which number of the meter: value (default), count, total, mean, max.");
        add(b, r + "denominator.meter", ConfigType.STRING, "The denominator of a ratio; all events of a burn rate.");
        add(b, r + "denominator.tags", ConfigType.mapOf(ConfigType.STRING), "Tags the denominator's meter must have.");
        add(
                b,
                r + "denominator.statistic",
                ConfigType.enumOf(MeterQuery.Statistic.class),
                "Which number of the denominator's meter.");
        add(
                b,
                r + "comparison",
                ConfigType.enumOf(Comparison.class),
                "above, at-or-above, below or at-or-below the threshold.");
        add(b, r + "threshold", ConfigType.DOUBLE, "The threshold the value is compared with.");
        add(b, r + "per", ConfigType.DURATION, "The unit of time of a rate, such as 1m for per minute.");
        add(b, r + "lookback", ConfigType.DURATION, "How far back the readings of a prediction reach.");
        add(b, r + "horizon", ConfigType.DURATION, "How far ahead a prediction looks.");
        add(b, r + "objective", ConfigType.DOUBLE, "The SLO of a burn rate, such as 0.999.");
        add(b, r + "long-window", ConfigType.DURATION, "The long window of a burn rate.");
        add(b, r + "short-window", ConfigType.DURATION, "The short window of a burn rate.");
        add(b, r + "factor", ConfigType.DOUBLE, "The burn rate above which a burn-rate rule breaches.");
        add(
                b,
                r + "resolve.comparison",
                ConfigType.enumOf(Comparison.class),
                "The resolve condition's comparison (same value as the condition).");
        add(b, r + "resolve.threshold", ConfigType.DOUBLE, "The resolve condition's threshold, for hysteresis.");
        add(b, r + "for", ConfigType.DURATION, "How long the condition must hold before the alert fires; 0s.");
        add(
                b,
                r + "keep-firing-for",
                ConfigType.DURATION,
                "How long the resolve condition must hold before it resolves; 0s.");
        add(b, r + "debounce.hits", ConfigType.INT, "Breaching evaluations needed of the debounce window; 1.");
        add(b, r + "debounce.window", ConfigType.INT, "Evaluations the debounce looks at, 1 to 64; 1.");
        add(b, r + "no-data", ConfigType.enumOf(NoDataPolicy.class), "keep-state (default), alerting or ok.");
        add(b, r + "severity", ConfigType.enumOf(AlertSeverity.class), "critical, warning (default) or info.");
        add(b, r + "labels", ConfigType.mapOf(ConfigType.STRING), "Labels of the alert.");
        add(
                b,
                r + "annotations",
                ConfigType.mapOf(ConfigType.STRING),
                "Annotation templates with ${value}, ${rule}, ${labels.x}.");
        add(b, r + "runbook", ConfigType.STRING, "A link to the runbook.");
        return b.build();
    }

    private static void add(ConfigSchema.Builder b, String key, ConfigType type, String description) {
        b.add(ConfigProperty.builder(key, type).description(description).build());
    }

    /** Returns the evaluation interval. */
    public static Duration interval(ConfigSnapshot config) {
        return config.getOptional(INTERVAL, Duration.class).orElse(DEFAULT_INTERVAL);
    }

    /**
     * Returns the rules of {@code armature.alerts.rules.*}, by name.
     *
     * @throws ConfigException naming the key of the first rule that is wrong
     */
    public static List<AlertRule> rules(ConfigSnapshot config) {
        TreeSet<String> names = new TreeSet<>();
        for (String key : config.keys()) {
            if (key.startsWith(RULES)) {
                String rest = key.substring(RULES.length());
                int dot = rest.indexOf('.');
                names.add(dot < 0 ? rest : rest.substring(0, dot));
            }
        }
        List<AlertRule> rules = new ArrayList<>();
        for (String name : names) {
            rules.add(new RuleKeys(config, name).rule());
        }
        return List.copyOf(rules);
    }

    /** The keys of one rule, read with errors that name them. */
    private record RuleKeys(ConfigSnapshot config, String name) {
        String key(String suffix) {
            return RULES + name + "." + suffix;
        }

        <T> Optional<T> optional(String suffix, Class<T> type) {
            return config.getOptional(key(suffix), type);
        }

        <T> T required(String suffix, Class<T> type, String kind, String what) {
            return optional(suffix, type)
                    .orElseThrow(() -> new ConfigException(
                            INVALID_RULE,
                            "alert rule '" + name + "' of type " + kind + " needs " + key(suffix) + ": " + what,
                            key(suffix),
                            null));
        }

        MeterQuery query(String prefix, String type, String what) {
            return new MeterQuery(
                    required(prefix + "meter", String.class, type, what),
                    config.getMap(key(prefix + "tags"), String.class),
                    optional(prefix + "statistic", MeterQuery.Statistic.class).orElse(MeterQuery.Statistic.VALUE));
        }

        AlertRule rule() {
            String type = required("type", String.class, "?", "one of " + TYPES);
            try {
                AlertCondition condition = condition(type, false);
                AlertRule.Builder b = AlertRule.builder(name, condition);
                if (optional("resolve.comparison", Comparison.class).isPresent()
                        || optional("resolve.threshold", Double.class).isPresent()) {
                    b.resolveCondition(condition(type, true));
                }
                optional("for", Duration.class).ifPresent(b::forDuration);
                optional("keep-firing-for", Duration.class).ifPresent(b::keepFiringFor);
                b.debounce(
                        optional("debounce.hits", Integer.class).orElse(1),
                        optional("debounce.window", Integer.class).orElse(1));
                optional("no-data", NoDataPolicy.class).ifPresent(b::noData);
                optional("severity", AlertSeverity.class).ifPresent(b::severity);
                config.getMap(key("labels"), String.class).forEach(b::addLabel);
                config.getMap(key("annotations"), String.class).forEach(b::addAnnotation);
                Optional<String> runbook = optional("runbook", String.class);
                if (runbook.isPresent()) {
                    try {
                        b.runbook(new URI(runbook.get()));
                    } catch (URISyntaxException e) {
                        throw new ConfigException(
                                INVALID_RULE,
                                "alert rule '" + name + "': " + key("runbook") + " is not a URI: " + e.getMessage(),
                                key("runbook"),
                                e);
                    }
                }
                return b.build();
            } catch (IllegalArgumentException e) {
                throw new ConfigException(
                        INVALID_RULE,
                        "alert rule '" + name + "' under " + RULES + name + " is invalid: " + e.getMessage(),
                        RULES + name,
                        e);
            }
        }

        /** The condition, or with {@code resolve} the resolve condition: the same reading, another comparison. */
        private AlertCondition condition(String type, boolean resolve) {
            String c = resolve ? "resolve.comparison" : "comparison";
            String t = resolve ? "resolve.threshold" : "threshold";
            if (resolve && (type.equals("absence") || type.equals("burn-rate"))) {
                throw new ConfigException(
                        INVALID_RULE,
                        "alert rule '" + name + "' of type " + type + " has no resolve condition: remove "
                                + key("resolve.comparison") + " and " + key("resolve.threshold"),
                        key("resolve"),
                        null);
            }
            return switch (type) {
                case "threshold" -> new AlertCondition.Threshold(
                        query("", type, "the meter's name"),
                        required(c, Comparison.class, type, "above, at-or-above, below or at-or-below"),
                        required(t, Double.class, type, "the threshold"));
                case "rate" -> new AlertCondition.RateOfChange(
                        query("", type, "the meter's name"),
                        optional("per", Duration.class).orElse(Duration.ofSeconds(1)),
                        required(c, Comparison.class, type, "above, at-or-above, below or at-or-below"),
                        required(t, Double.class, type, "the threshold"));
                case "ratio" -> new AlertCondition.Ratio(
                        query("", type, "the numerator's meter"),
                        query("denominator.", type, "the denominator's meter"),
                        required(c, Comparison.class, type, "above, at-or-above, below or at-or-below"),
                        required(t, Double.class, type, "the threshold"));
                case "prediction" -> new AlertCondition.LinearPrediction(
                        query("", type, "the meter's name"),
                        required("lookback", Duration.class, type, "such as 15m"),
                        required("horizon", Duration.class, type, "such as 30m"),
                        required(c, Comparison.class, type, "above, at-or-above, below or at-or-below"),
                        required(t, Double.class, type, "the threshold"));
                case "absence" -> new AlertCondition.Absence(query("", type, "the meter that must exist"));
                case "burn-rate" -> new AlertCondition.BurnRate(
                        query("", type, "the counter of bad events"),
                        query("denominator.", type, "the counter of all events"),
                        required("objective", Double.class, type, "the SLO, such as 0.999"),
                        required("long-window", Duration.class, type, "such as 1h"),
                        required("short-window", Duration.class, type, "such as 5m"),
                        required("factor", Double.class, type, "the burn rate that alerts, such as 14.4"));
                default -> throw new ConfigException(
                        INVALID_RULE,
                        "alert rule '" + name + "': " + key("type") + " must be one of " + TYPES + ", was " + type,
                        key("type"),
                        null);
            };
        }
    }
}

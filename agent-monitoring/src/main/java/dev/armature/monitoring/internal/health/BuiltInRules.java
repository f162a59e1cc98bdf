package dev.armature.monitoring.internal.health;

import dev.armature.api.ComponentState;
import dev.armature.api.health.CheckReport;
import dev.armature.api.health.CheckResult;
import dev.armature.api.health.HealthStatus;
import dev.armature.api.health.Indicator;
import dev.armature.api.health.Prediction;
import dev.armature.api.health.Recommendation;
import dev.armature.api.health.Recommendation.Action;
import dev.armature.api.health.Recommendation.Severity;
import dev.armature.api.resilience.CircuitState;
import dev.armature.api.resilience.RecoveryTarget;
import dev.armature.spi.health.RecommendationRule;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Internal: the built-in recommendation table. Each rule reads one check's report:
 *
 * <ul>
 *   <li>{@code predicted-breach}: an indicator's trend reaches its critical value within the horizon;
 *   <li>{@code resource-pressure}: a resource check is not UP (heap, non-heap, GC, threads, file
 *       descriptors, disk, CPU), with the advice for that resource;
 *   <li>{@code flapping}: a check's raw status keeps changing;
 *   <li>{@code circuit-open}: a guard's circuit is open, bound to the guard's recovery chain;
 *   <li>{@code component-failed}: the supervisor gave up on a component, bound to the component's
 *       recovery chain (restart from its last good checkpoint).
 * </ul>
 */
final class BuiltInRules {
    /** A breach predicted sooner than this is CRITICAL rather than WARNING. */
    static final Duration URGENT = Duration.ofMinutes(5);

    private static final String WORK_IN_FLIGHT =
            "lower the work in flight (armature.guards.<name>.bulkhead.max-concurrent-calls)";

    /** What to do about each resource, by check name. */
    private static final Map<String, String> ADVICE = Map.of(
            "resources.heap",
            "raise -Xmx or " + WORK_IN_FLIGHT,
            "resources.non-heap",
            "raise -XX:MaxMetaspaceSize or -XX:ReservedCodeCacheSize, or look for a class loader that leaks",
            "resources.gc",
            "raise -Xmx or find what allocates (a JFR recording shows it), or " + WORK_IN_FLIGHT,
            "resources.threads",
            "take a thread dump: look for a pool without bound or threads that never end",
            "resources.file-descriptors",
            "close leaked streams and sockets, or raise the limit (ulimit -n)",
            "resources.disk",
            "free space, keep less history, or move the data directory (AgentSystem.Builder"
                    + "#dataDirectory) to a larger disk",
            "resources.cpu",
            WORK_IN_FLIGHT + ", or give the process more CPUs");

    /** What each built-in indicator is called in a text, by indicator name. */
    private static final Map<String, String> WHAT = Map.of(
            "heap.used-percent", "heap",
            "non-heap.used-percent", "non-heap memory",
            "gc.time-percent", "time in GC",
            "threads.live", "live threads",
            "fds.open", "open file descriptors",
            "disk.free-bytes", "free disk");

    private BuiltInRules() {}

    static List<RecommendationRule> all() {
        return List.of(
                RecommendationRule.of("predicted-breach", BuiltInRules::predictedBreach),
                RecommendationRule.of("resource-pressure", BuiltInRules::resourcePressure),
                RecommendationRule.of("flapping", BuiltInRules::flapping),
                RecommendationRule.of("circuit-open", BuiltInRules::circuitOpen),
                RecommendationRule.of("component-failed", BuiltInRules::componentFailed));
    }

    static List<Recommendation> predictedBreach(CheckReport check) {
        Optional<CheckResult> last = check.lastResult();
        if (last.isEmpty() || last.get().prediction().isEmpty()) {
            return List.of();
        }
        Prediction p = last.get().prediction().get();
        Duration eta = Duration.between(last.get().at(), p.predictedBreachAt());
        Indicator.Direction direction =
                p.ratePerSecond() < 0 ? Indicator.Direction.FALLING : Indicator.Direction.RISING;
        String what = WHAT.getOrDefault(p.indicator(), p.indicator() + " of " + check.name());
        String text = what + " " + amount(p.indicator(), p.value()) + " and "
                + (direction == Indicator.Direction.RISING ? "rising " : "falling ")
                + amount(p.indicator(), Math.abs(p.ratePerSecond()) * 60) + "/min: "
                + amount(p.indicator(), p.critical()) + " in ~" + duration(eta)
                + ADVICE.getOrDefault(check.name(), "").transform(a -> a.isEmpty() ? "" : "; " + a);
        Map<String, String> evidence = new LinkedHashMap<>();
        evidence.put("indicator", p.indicator());
        evidence.put("value", number(p.value()));
        evidence.put("critical", number(p.critical()));
        evidence.put("rate-per-minute", number(p.ratePerSecond() * 60));
        evidence.put("predicted-breach-at", p.predictedBreachAt().toString());
        evidence.put("confidence", number(p.confidence()));
        evidence.put("samples", Integer.toString(p.samples()));
        return List.of(new Recommendation(
                "predicted-breach:" + check.name() + ":" + p.indicator(),
                check.name(),
                eta.compareTo(URGENT) <= 0 ? Severity.CRITICAL : Severity.WARNING,
                text,
                Optional.ofNullable(ADVICE.get(check.name())).map(Action::manual),
                evidence));
    }

    static List<Recommendation> resourcePressure(CheckReport check) {
        String advice = ADVICE.get(check.name());
        Optional<CheckResult> last = check.lastResult();
        if (advice == null
                || last.isEmpty()
                || last.get().prediction().isPresent() // the breach rule says it better
                || (check.status() != HealthStatus.DEGRADED
                        && check.status() != HealthStatus.DOWN
                        && check.status() != HealthStatus.OUT_OF_SERVICE)) {
            return List.of();
        }
        String why = last.get().error().orElse(check.name() + " is " + check.status());
        return List.of(new Recommendation(
                "resource-pressure:" + check.name(),
                check.name(),
                check.status() == HealthStatus.DEGRADED ? Severity.WARNING : Severity.CRITICAL,
                why + "; " + advice,
                Optional.of(Action.manual(advice)),
                last.get().details()));
    }

    static List<Recommendation> flapping(CheckReport check) {
        if (!check.flapping()) {
            return List.of();
        }
        Map<String, String> evidence = new LinkedHashMap<>();
        evidence.put("status", check.status().name());
        check.lastResult().ifPresent(r -> evidence.put("last", r.status().name()));
        evidence.put("failure-threshold", Integer.toString(check.spec().failureThreshold()));
        evidence.put("success-threshold", Integer.toString(check.spec().successThreshold()));
        return List.of(new Recommendation(
                "flapping:" + check.name(),
                check.name(),
                Severity.WARNING,
                "check " + check.name() + " is flapping: its results keep changing while its status stays "
                        + check.status() + "; find why its subject comes and goes, or raise the check's"
                        + " failureThreshold and successThreshold",
                Optional.of(Action.manual("find why " + check.name() + " comes and goes")),
                evidence));
    }

    static List<Recommendation> circuitOpen(CheckReport check) {
        if (!check.name().equals("circuits") || check.lastResult().isEmpty()) {
            return List.of();
        }
        List<Recommendation> out = new ArrayList<>();
        check.lastResult().get().details().forEach((subject, state) -> {
            if (state.equals(CircuitState.OPEN.name()) || state.equals(CircuitState.FORCED_OPEN.name())) {
                int bracket = subject.indexOf('[');
                String guard = bracket < 0 ? subject : subject.substring(0, bracket);
                out.add(new Recommendation(
                        "circuit-open:" + subject,
                        check.name(),
                        Severity.WARNING,
                        "the circuit of guard " + subject + " is " + state + ": its calls fail at once; look at what"
                                + " the guard calls, and answer with a fallback until it closes",
                        Optional.of(Action.recover(
                                "run the recovery chain of guard " + guard + " (its fallbacks)",
                                RecoveryTarget.guard(guard))),
                        Map.of("guard", subject, "state", state)));
            }
        });
        return out;
    }

    static List<Recommendation> componentFailed(CheckReport check) {
        if (!check.name().equals("components") || check.lastResult().isEmpty()) {
            return List.of();
        }
        List<Recommendation> out = new ArrayList<>();
        check.lastResult().get().details().forEach((component, state) -> {
            if (state.equals(ComponentState.FAILED.name())) {
                out.add(new Recommendation(
                        "component-failed:" + component,
                        check.name(),
                        Severity.CRITICAL,
                        "component " + component + " has FAILED and its supervisor gave up; restart it from its"
                                + " last good checkpoint once the cause is fixed",
                        Optional.of(Action.recover(
                                "restart component " + component + " from its last good checkpoint",
                                RecoveryTarget.component(component))),
                        Map.of("component", component, "state", state)));
            }
        });
        return out;
    }

    /** A value as people read it: bytes in MiB or GiB, percentages with a sign, counts as counts. */
    static String amount(String indicator, double value) {
        if (indicator.endsWith("-bytes")) {
            double mib = value / (1024 * 1024);
            return mib >= 1024
                    ? String.format(Locale.ROOT, "%.1f GiB", mib / 1024)
                    : String.format(Locale.ROOT, "%.1f MiB", mib);
        }
        if (indicator.endsWith("-percent")) {
            return String.format(Locale.ROOT, "%.1f%%", value);
        }
        return number(value);
    }

    static String number(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15
                ? Long.toString((long) value)
                : String.format(Locale.ROOT, "%.3g", value);
    }

    /** A duration rounded for people: seconds, minutes or hours. */
    static String duration(Duration d) {
        long seconds = Math.max(0, d.toSeconds());
        if (seconds < 90) {
            return seconds + " s";
        }
        if (seconds < 90 * 60) {
            return Math.round(seconds / 60.0) + " min";
        }
        return Math.round(seconds / 3600.0) + " h";
    }
}

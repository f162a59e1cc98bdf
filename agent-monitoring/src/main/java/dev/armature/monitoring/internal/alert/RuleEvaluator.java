package dev.armature.monitoring.internal.alert;

import static java.util.Objects.requireNonNull;

import dev.armature.api.monitoring.Alert;
import dev.armature.api.monitoring.AlertEvent;
import dev.armature.api.monitoring.AlertRule;
import dev.armature.api.monitoring.AlertState;
import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Internal: one rule's alert — its conditions' evaluators and its state machine — turning each
 * evaluation into the event of its transition. Not thread-safe: the engine evaluates one rule at a
 * time.
 */
final class RuleEvaluator {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([^}]*)}");

    private final AlertRule rule;
    private final ConditionEvaluator condition;
    private final @Nullable ConditionEvaluator resolve;
    private final AlertStateMachine machine;

    RuleEvaluator(AlertRule rule, AlertStateMachine.State restored) {
        this.rule = requireNonNull(rule, "rule");
        this.condition = ConditionEvaluator.of(rule.condition());
        this.resolve = rule.resolveCondition().map(ConditionEvaluator::of).orElse(null);
        this.machine = AlertStateMachine.restore(settings(rule), restored);
    }

    static AlertStateMachine.Settings settings(AlertRule rule) {
        return new AlertStateMachine.Settings(
                rule.forDuration(),
                rule.keepFiringFor(),
                rule.debounceHits(),
                rule.debounceWindow(),
                AlertStateMachine.NoData.valueOf(rule.noData().name()));
    }

    AlertRule rule() {
        return rule;
    }

    AlertStateMachine.State snapshot() {
        return machine.snapshot();
    }

    /** Evaluates the rule now; returns the event of its transition, if it moved to a state that has one. */
    Optional<AlertEvent> evaluate(Instant now, MeterReader readings) {
        ConditionEvaluator.Outcome fired = condition.evaluate(now, readings);
        AlertStateMachine.Reading reading;
        if (!fired.hasData()) {
            reading = AlertStateMachine.Reading.NO_DATA;
            if (resolve != null) {
                resolve.evaluate(now, readings); // keeps a rate's memory of readings in step
            }
        } else if (resolve == null) {
            reading = AlertStateMachine.Reading.of(fired.value(), fired.breached());
        } else {
            ConditionEvaluator.Outcome resolved = resolve.evaluate(now, readings);
            reading = new AlertStateMachine.Reading(
                    fired.value(), fired.breached(), resolved.hasData() && resolved.breached());
        }
        Optional<Instant> firedBefore = machine.firedAt();
        return machine.evaluate(now, reading).flatMap(t -> event(t, firedBefore));
    }

    private Optional<AlertEvent> event(AlertStateMachine.Transition t, Optional<Instant> firedBefore) {
        return switch (t.to()) {
            case PENDING -> Optional.of(new AlertEvent.AlertPending(
                    rule.name(), rule.labels(), t.value(), machine.activeSince().orElse(t.at())));
            case FIRING -> Optional.of(new AlertEvent.AlertFired(
                    rule.name(),
                    rule.severity(),
                    rule.labels(),
                    annotations(t.value()),
                    t.value(),
                    machine.activeSince().orElse(t.at()),
                    t.at()));
            case RESOLVED -> Optional.of(new AlertEvent.AlertResolved(
                    rule.name(),
                    rule.severity(),
                    rule.labels(),
                    t.value(),
                    machine.firedAt().or(() -> firedBefore).orElse(t.at()),
                    t.at()));
            case INACTIVE -> Optional.empty();
        };
    }

    /** Returns the alert as it stands. */
    Alert alert() {
        AlertStateMachine.State s = machine.snapshot();
        return new Alert(
                rule.name(),
                rule.labels(),
                s.state(),
                rule.severity(),
                s.lastValue(),
                s.activeSince(),
                s.firedAt(),
                annotations(s.lastValue()));
    }

    boolean active() {
        AlertState s = machine.state();
        return s == AlertState.PENDING || s == AlertState.FIRING;
    }

    /** The rule's annotations with their placeholders filled in, and the runbook as {@code runbook}. */
    Map<String, String> annotations(double value) {
        Map<String, String> out = new LinkedHashMap<>();
        rule.annotations().forEach((name, template) -> out.put(name, render(template, value)));
        rule.runbook().ifPresent(uri -> out.putIfAbsent("runbook", uri.toString()));
        return out;
    }

    private String render(String template, double value) {
        Matcher m = PLACEHOLDER.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String ref = m.group(1);
            String replacement;
            if (ref.equals("value")) {
                replacement = format(value);
            } else if (ref.equals("rule")) {
                replacement = rule.name();
            } else {
                // AlertRule accepts no other placeholder than labels of its own.
                replacement = requireNonNull(rule.labels().get(ref.substring("labels.".length())), ref);
            }
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** Four significant digits, without trailing zeros or an exponent: 85, 14.4, 0.0213. */
    static String format(double value) {
        if (!Double.isFinite(value)) {
            return Double.toString(value);
        }
        return BigDecimal.valueOf(value)
                .round(new MathContext(4))
                .stripTrailingZeros()
                .toPlainString();
    }
}

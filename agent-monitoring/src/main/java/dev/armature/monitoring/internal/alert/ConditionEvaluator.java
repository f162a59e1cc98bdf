package dev.armature.monitoring.internal.alert;

import static java.util.Objects.requireNonNull;

import dev.armature.api.monitoring.AlertCondition;
import java.time.Duration;
import java.time.Instant;

/**
 * Internal: evaluates one {@link AlertCondition} at each tick. Rate of change and burn rate keep
 * what earlier evaluations read (in memory only: after a restart they read anew, and a firing alert
 * keeps firing meanwhile under the default no-data policy). Not thread-safe: its rule's evaluator
 * owns it.
 */
abstract class ConditionEvaluator {
    /**
     * What one evaluation found.
     *
     * @param value the value, {@code NaN} for no data
     * @param breached whether the condition holds
     */
    record Outcome(double value, boolean breached) {
        static final Outcome NO_DATA = new Outcome(Double.NaN, false);

        boolean hasData() {
            return !Double.isNaN(value);
        }
    }

    /** Evaluates the condition now. */
    abstract Outcome evaluate(Instant now, MeterReader readings);

    /** Returns the evaluator of a condition, fresh. */
    static ConditionEvaluator of(AlertCondition condition) {
        requireNonNull(condition, "condition");
        if (condition instanceof AlertCondition.Threshold c) {
            return new ConditionEvaluator() {
                @Override
                Outcome evaluate(Instant now, MeterReader readings) {
                    return compare(readings.read(c.query()), c.comparison(), c.threshold());
                }
            };
        } else if (condition instanceof AlertCondition.Ratio c) {
            return new ConditionEvaluator() {
                @Override
                Outcome evaluate(Instant now, MeterReader readings) {
                    double n = readings.read(c.numerator());
                    double d = readings.read(c.denominator());
                    return compare(d == 0 ? Double.NaN : n / d, c.comparison(), c.threshold());
                }
            };
        } else if (condition instanceof AlertCondition.Absence c) {
            return new ConditionEvaluator() {
                @Override
                Outcome evaluate(Instant now, MeterReader readings) {
                    boolean absent = Double.isNaN(readings.read(c.query()));
                    return new Outcome(absent ? 1 : 0, absent);
                }
            };
        } else if (condition instanceof AlertCondition.RateOfChange c) {
            return new RateEvaluator(c);
        } else if (condition instanceof AlertCondition.LinearPrediction c) {
            return new PredictionEvaluator(c);
        } else if (condition instanceof AlertCondition.BurnRate c) {
            return new BurnRateEvaluator(c);
        }
        throw new IllegalArgumentException(
                "unknown alert condition " + condition.getClass().getName());
    }

    static Outcome compare(double value, dev.armature.api.monitoring.Comparison comparison, double threshold) {
        if (!Double.isFinite(value)) {
            return Outcome.NO_DATA;
        }
        return new Outcome(value, comparison.test(value, threshold));
    }

    /** The change between this evaluation and the one before, per the condition's unit of time. */
    private static final class RateEvaluator extends ConditionEvaluator {
        private final AlertCondition.RateOfChange condition;
        private double previous = Double.NaN;
        private Instant previousAt = Instant.MIN;

        RateEvaluator(AlertCondition.RateOfChange condition) {
            this.condition = condition;
        }

        @Override
        Outcome evaluate(Instant now, MeterReader readings) {
            double current = readings.read(condition.query());
            double before = previous;
            Duration elapsed = Duration.between(previousAt, now);
            previous = current;
            previousAt = now;
            if (Double.isNaN(current) || Double.isNaN(before) || elapsed.isNegative() || elapsed.isZero()) {
                return Outcome.NO_DATA;
            }
            double rate = (current - before) * condition.per().toNanos() / (double) elapsed.toNanos();
            return compare(rate, condition.comparison(), condition.threshold());
        }
    }
}

package dev.armature.monitoring.internal.alert;

import dev.armature.api.monitoring.AlertCondition;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Internal: the multiwindow burn rate of {@link AlertCondition.BurnRate}. It keeps the counters'
 * readings over the long window, at most one per 1/{@value #SAMPLES_PER_SHORT_WINDOW} of the short
 * window (so a 3-day window at 15 s ticks keeps 480 readings, not 17,280), and computes each
 * window's increase Prometheus-style: a counter that went down was reset, and its new reading is
 * the increase since. Not thread-safe.
 */
final class BurnRateEvaluator extends ConditionEvaluator {
    /** How finely the kept readings resolve the short window. */
    static final int SAMPLES_PER_SHORT_WINDOW = 20;

    private record Sample(Instant at, double bad, double total) {}

    private final AlertCondition.BurnRate condition;
    private final Duration spacing;
    private final List<Sample> samples = new ArrayList<>();

    BurnRateEvaluator(AlertCondition.BurnRate condition) {
        this.condition = condition;
        this.spacing = condition.shortWindow().dividedBy(SAMPLES_PER_SHORT_WINDOW);
    }

    @Override
    Outcome evaluate(Instant now, MeterReader readings) {
        double bad = readings.read(condition.bad());
        double total = readings.read(condition.total());
        if (Double.isNaN(total)) {
            return Outcome.NO_DATA;
        }
        // No bad events recorded yet (a counter created on first error) means none so far.
        Sample current = new Sample(now, Double.isNaN(bad) ? 0 : bad, total);
        double longBurn = burnRate(current, condition.longWindow());
        double shortBurn = burnRate(current, condition.shortWindow());
        keep(current);
        if (Double.isNaN(longBurn)) {
            return Outcome.NO_DATA;
        }
        // A short window without events burns nothing, so it cannot confirm the long one.
        boolean breached = longBurn > condition.factor() && shortBurn > condition.factor();
        return new Outcome(longBurn, breached);
    }

    /** The burn rate from the window's start (or the oldest reading kept) to {@code current}; NaN without events. */
    private double burnRate(Sample current, Duration window) {
        if (samples.isEmpty()) {
            return Double.NaN;
        }
        Instant start = current.at().minus(window);
        int from = 0;
        for (int i = samples.size() - 1; i >= 0; i--) {
            if (!samples.get(i).at().isAfter(start)) {
                from = i;
                break;
            }
        }
        double badIncrease = 0;
        double totalIncrease = 0;
        Sample before = samples.get(from);
        for (int i = from + 1; i <= samples.size(); i++) {
            Sample next = i < samples.size() ? samples.get(i) : current;
            badIncrease += increase(before.bad(), next.bad());
            totalIncrease += increase(before.total(), next.total());
            before = next;
        }
        if (totalIncrease <= 0) {
            return Double.NaN;
        }
        return badIncrease / totalIncrease / condition.errorBudget();
    }

    private static double increase(double from, double to) {
        return to >= from ? to - from : to; // a reset: the counter started again from zero
    }

    private void keep(Sample current) {
        if (samples.isEmpty()
                || !Duration.between(samples.get(samples.size() - 1).at(), current.at())
                        .minus(spacing)
                        .isNegative()) {
            samples.add(current);
        }
        // Keep one reading at or before the long window's start, and nothing older.
        Instant start = current.at().minus(condition.longWindow());
        int drop = 0;
        while (drop + 1 < samples.size() && !samples.get(drop + 1).at().isAfter(start)) {
            drop++;
        }
        samples.subList(0, drop).clear();
    }

    /** Returns how many readings are kept, for tests. */
    int samplesKept() {
        return samples.size();
    }
}

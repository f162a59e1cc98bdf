package dev.armature.api.monitoring;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * What an alert rule checks at each evaluation. Each condition reads one value (named in {@code
 * ${value}} of annotations) and says whether it breaches; a condition that cannot compute its value
 * has no data, which the rule's {@link NoDataPolicy} interprets.
 *
 * <pre>{@code
 * AlertCondition heapHigh = new AlertCondition.Threshold(
 *         MeterQuery.of("jvm.memory.used", Map.of("area", "heap")), Comparison.ABOVE, 800e6);
 * AlertCondition errors = new AlertCondition.Ratio(
 *         MeterQuery.of("http.errors"), MeterQuery.of("http.requests"), Comparison.ABOVE, 0.05);
 * }</pre>
 *
 * @since 0.1
 */
public sealed interface AlertCondition
        permits AlertCondition.Threshold,
                AlertCondition.RateOfChange,
                AlertCondition.Ratio,
                AlertCondition.Absence,
                AlertCondition.LinearPrediction,
                AlertCondition.BurnRate {
    /**
     * The value a query reads, compared with a threshold.
     *
     * @param query the meters to read
     * @param comparison how the value compares with the threshold when it breaches
     * @param threshold the threshold
     */
    record Threshold(MeterQuery query, Comparison comparison, double threshold) implements AlertCondition {
        /**
         * Checks every part.
         *
         * @param query the query
         * @param comparison the comparison
         * @param threshold the threshold
         * @throws IllegalArgumentException if the threshold is not finite
         */
        public Threshold {
            requireNonNull(query, "query");
            requireNonNull(comparison, "comparison");
            requireFinite(threshold, "threshold of " + query);
        }
    }

    /**
     * How fast the value a query reads changes, per {@code per}, between one evaluation and the one
     * before it (so the first evaluation has no data); for a counter, its rate. A decrease is a
     * negative rate.
     *
     * @param query the meters to read
     * @param per the unit of time of the rate, such as one minute for "per minute"
     * @param comparison how the rate compares with the threshold when it breaches
     * @param threshold the threshold, in the query's unit per {@code per}
     */
    record RateOfChange(MeterQuery query, Duration per, Comparison comparison, double threshold)
            implements AlertCondition {
        /**
         * Checks every part.
         *
         * @param query the query
         * @param per the unit of time
         * @param comparison the comparison
         * @param threshold the threshold
         * @throws IllegalArgumentException if {@code per} is not positive or the threshold not finite
         */
        public RateOfChange {
            requireNonNull(query, "query");
            requirePositive(per, "per (the rate's unit of time) of " + query);
            requireNonNull(comparison, "comparison");
            requireFinite(threshold, "threshold of " + query);
        }
    }

    /**
     * The quotient of two queries' values, such as errors over requests; no data when the
     * denominator reads zero.
     *
     * @param numerator the meters above the line
     * @param denominator the meters below the line
     * @param comparison how the ratio compares with the threshold when it breaches
     * @param threshold the threshold
     */
    record Ratio(MeterQuery numerator, MeterQuery denominator, Comparison comparison, double threshold)
            implements AlertCondition {
        /**
         * Checks every part.
         *
         * @param numerator the numerator
         * @param denominator the denominator
         * @param comparison the comparison
         * @param threshold the threshold
         * @throws IllegalArgumentException if the threshold is not finite
         */
        public Ratio {
            requireNonNull(numerator, "numerator");
            requireNonNull(denominator, "denominator");
            requireNonNull(comparison, "comparison");
            requireFinite(threshold, "threshold of " + numerator + " / " + denominator);
        }
    }

    /**
     * Breaches while no meter matches the query (or its number is not finite): for a signal that
     * must be present, such as a heartbeat gauge. Its value is 1 when absent and 0 when present, and
     * it always has data.
     *
     * @param query the meters that must exist
     */
    record Absence(MeterQuery query) implements AlertCondition {
        /**
         * Checks the query.
         *
         * @param query the query
         */
        public Absence {
            requireNonNull(query, "query");
        }
    }

    /**
     * A breach predicted within a horizon: a least-squares line through the query's readings of the
     * last {@code lookback}, extended {@code horizon} ahead, compared with the threshold. Its value
     * is the line's prediction at {@code now + horizon}; with {@link Comparison#ABOVE}, say, it
     * breaches when the line reaches the threshold within the horizon (or is above it already). No
     * data until the lookback holds {@value #MIN_POINTS} readings.
     *
     * <pre>{@code
     * // Fires when the disk, filling at its recent pace, would pass 95% within 30 minutes.
     * new AlertCondition.LinearPrediction(MeterQuery.of("disk.used.ratio"),
     *         Duration.ofMinutes(15), Duration.ofMinutes(30), Comparison.ABOVE, 0.95);
     * }</pre>
     *
     * @param query the meters to read
     * @param lookback how far back the readings fitted reach
     * @param horizon how far ahead the line is extended
     * @param comparison how the prediction compares with the threshold when it breaches
     * @param threshold the threshold
     */
    record LinearPrediction(
            MeterQuery query, Duration lookback, Duration horizon, Comparison comparison, double threshold)
            implements AlertCondition {
        /** The fewest readings a prediction is made from: {@value}. */
        public static final int MIN_POINTS = 3;

        /**
         * Checks every part.
         *
         * @param query the query
         * @param lookback the lookback
         * @param horizon the horizon
         * @param comparison the comparison
         * @param threshold the threshold
         * @throws IllegalArgumentException if a duration is not positive or the threshold not finite
         */
        public LinearPrediction {
            requireNonNull(query, "query");
            requirePositive(lookback, "lookback of a prediction of " + query);
            requirePositive(horizon, "horizon of a prediction of " + query);
            requireNonNull(comparison, "comparison");
            requireFinite(threshold, "threshold of " + query);
        }
    }

    /**
     * The burn rate of a service level objective's error budget over two windows, after the Google
     * SRE workbook ("Alerting on SLOs", multiwindow, multi-burn-rate alerts): it breaches when the
     * burn rate over <em>both</em> the long and the short window exceeds {@code factor}. The long
     * window makes the alert significant, the short one lets it resolve soon after the burning stops.
     *
     * <p>The burn rate over a window is the error ratio in that window — the increase of {@code bad}
     * over the increase of {@code total}, both counters — divided by the error budget {@code 1 -
     * objective}; burning at 1 spends exactly the budget over the SLO's period. The value of the
     * condition is the long window's burn rate. Until the engine has seen a window's start, it uses
     * the data it has; with no increase of {@code total} there is no data.
     *
     * <p>The workbook's set for a 30-day SLO, built by {@link AlertRule#burnRateRules}: page at 14.4
     * over 1 h and 5 min (2% of the budget in an hour), page at 6 over 6 h and 30 min (5%), ticket at
     * 3 over 1 d and 2 h (10%), ticket at 1 over 3 d and 6 h (10%).
     *
     * @param bad the counters of bad events (errors, slow requests)
     * @param total the counters of all events
     * @param objective the target share of good events, above 0 and below 1, such as {@code 0.999}
     * @param longWindow the long window
     * @param shortWindow the short window, at most the long one (the workbook uses 1/12 of it)
     * @param factor the burn rate above which the condition breaches
     */
    record BurnRate(
            MeterQuery bad,
            MeterQuery total,
            double objective,
            Duration longWindow,
            Duration shortWindow,
            double factor)
            implements AlertCondition {
        /**
         * Checks every part.
         *
         * @param bad the bad events
         * @param total all events
         * @param objective the objective
         * @param longWindow the long window
         * @param shortWindow the short window
         * @param factor the factor
         * @throws IllegalArgumentException naming the part out of range
         */
        public BurnRate {
            requireNonNull(bad, "bad");
            requireNonNull(total, "total");
            if (!(objective > 0 && objective < 1)) {
                throw new IllegalArgumentException(
                        "the objective of a burn rate must be above 0 and below 1 (such as 0.999), was " + objective);
            }
            requirePositive(longWindow, "longWindow of a burn rate");
            requirePositive(shortWindow, "shortWindow of a burn rate");
            if (shortWindow.compareTo(longWindow) > 0) {
                throw new IllegalArgumentException("the short window of a burn rate (" + shortWindow
                        + ") must not be longer than its long window (" + longWindow + ")");
            }
            if (!(factor > 0) || !Double.isFinite(factor)) {
                throw new IllegalArgumentException("the factor of a burn rate must be positive, was " + factor);
            }
        }

        /**
         * Returns the error budget, {@code 1 - objective}.
         *
         * @return the share of events allowed to be bad
         */
        public double errorBudget() {
            return 1 - objective;
        }

        /**
         * Returns the share of an SLO period's error budget spent when the long window burns at
         * exactly {@code factor}: {@code factor × longWindow / period}; 0.02 for 14.4 over one hour of
         * a 30-day period.
         *
         * @param period the SLO's period, such as 30 days
         * @return the share of the budget, 1 for all of it
         */
        public double budgetConsumed(Duration period) {
            requirePositive(period, "period");
            return factor * longWindow.toNanos() / (double) period.toNanos();
        }
    }

    private static void requireFinite(double value, String what) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("the " + what + " must be a finite number, was " + value);
        }
    }

    private static void requirePositive(Duration d, String what) {
        requireNonNull(d, what);
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException("the " + what + " must be positive, was " + d);
        }
    }
}

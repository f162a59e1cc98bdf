package dev.armature.core.internal.errors.detect;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * Internal: the thresholds of the {@link ErrorDetector}'s rules. Not API.
 *
 * <p>Errors are counted per fingerprint in buckets of {@code window}; every rule looks only at
 * whole, completed windows. Each rule fires once per episode and re-arms when its measure falls
 * back to {@code rearmFraction} of its trigger level (hysteresis), as each rule below says.
 *
 * <ul>
 *   <li><b>Spike</b>: a window's count is at least {@code spikeMinCount} and more than {@code
 *       spikeFactor} × the baseline, an EWMA (half-life {@code baselineHalfLife}) of the windows
 *       before it, once the baseline is primed (has covered one half-life). Re-arms when a window's
 *       count is at most {@code rearmFraction} × max({@code spikeFactor} × baseline, {@code
 *       spikeMinCount}).
 *   <li><b>Escalating</b>: the error rate over the last {@code escalationShortWindow} is more than
 *       {@code escalationRatio} × the rate over the last {@code escalationLongWindow} (or over the
 *       time since the fingerprint was first seen, if shorter), with at least {@code
 *       escalationMinCount} errors in the short window. Re-arms when the ratio is at most {@code
 *       rearmFraction} × {@code escalationRatio}, or the short window holds fewer than {@code
 *       rearmFraction} × {@code escalationMinCount} errors.
 *   <li><b>Rising trend</b>: a least-squares line through the per-minute rates of the last {@code
 *       trendWindow} (once the fingerprint has been seen that long) rises, fits with {@code r2} at
 *       least {@code trendMinR2}, and reaches {@code trendThreshold} errors per minute within
 *       {@code trendHorizon}. Re-arms when the line no longer reaches the threshold within {@code
 *       trendHorizon} ÷ {@code rearmFraction} or its {@code r2} falls below {@code rearmFraction}
 *       × {@code trendMinR2}.
 * </ul>
 *
 * @param window the width of one counting window, the spike's window and the trend's step; default
 *     1 minute
 * @param baselineHalfLife the half-life of the spike baseline's EWMA; default 30 minutes
 * @param spikeFactor how many times the baseline a window must exceed, above 1; default 3
 * @param spikeMinCount the fewest errors in a window that can be a spike, at least 1; default 10
 * @param escalationShortWindow the recent window of the escalation rule, a whole number of windows;
 *     default 5 minutes
 * @param escalationLongWindow the long window it is compared with, a whole number of windows
 *     longer than the short one; default 60 minutes
 * @param escalationRatio how many times the long rate the short rate must exceed, above 1; default
 *     3
 * @param escalationMinCount the fewest errors in the short window that can escalate, at least 1;
 *     default 10
 * @param trendWindow how much history the trend line is fitted to, at least 3 windows and at most
 *     the long window; default 15 minutes
 * @param trendMinR2 the least {@code r2} of a trend line, in {@code [0, 1]}; default 0.8
 * @param trendThreshold the rate that matters, in errors per minute, positive; default 60
 * @param trendHorizon how soon the line must reach the threshold; default 30 minutes
 * @param rearmFraction where each rule re-arms, as a fraction of its trigger level, in {@code (0,
 *     1)}; default 0.5
 * @param maxFingerprints how many fingerprints are tracked at most; the least recently seen is
 *     forgotten beyond it (and is new again if it comes back); default 1000
 * @param evaluateEvery how often the owner should call {@link ErrorDetector#evaluate()}, at most
 *     the long window; default 10 seconds (a window's findings come at the first evaluation after
 *     it completes)
 */
public record DetectorSettings(
        Duration window,
        Duration baselineHalfLife,
        double spikeFactor,
        long spikeMinCount,
        Duration escalationShortWindow,
        Duration escalationLongWindow,
        double escalationRatio,
        long escalationMinCount,
        Duration trendWindow,
        double trendMinR2,
        double trendThreshold,
        Duration trendHorizon,
        double rearmFraction,
        int maxFingerprints,
        Duration evaluateEvery) {

    /** The defaults given for each component above. */
    public static final DetectorSettings DEFAULTS = new DetectorSettings(
            Duration.ofMinutes(1),
            Duration.ofMinutes(30),
            3.0,
            10,
            Duration.ofMinutes(5),
            Duration.ofMinutes(60),
            3.0,
            10,
            Duration.ofMinutes(15),
            0.8,
            60.0,
            Duration.ofMinutes(30),
            0.5,
            1000,
            Duration.ofSeconds(10));

    /**
     * Checks every threshold, naming the one that is wrong.
     *
     * @param window the window
     * @param baselineHalfLife the baseline's half-life
     * @param spikeFactor the spike factor
     * @param spikeMinCount the spike's least count
     * @param escalationShortWindow the short window
     * @param escalationLongWindow the long window
     * @param escalationRatio the escalation ratio
     * @param escalationMinCount the escalation's least count
     * @param trendWindow the trend's history
     * @param trendMinR2 the trend's least r2
     * @param trendThreshold the trend's threshold
     * @param trendHorizon the trend's horizon
     * @param rearmFraction the re-arm fraction
     * @param maxFingerprints the most fingerprints tracked
     * @param evaluateEvery the evaluation period
     */
    public DetectorSettings {
        positive(window, "window");
        positive(baselineHalfLife, "baselineHalfLife");
        positive(trendHorizon, "trendHorizon");
        positive(evaluateEvery, "evaluateEvery");
        long shortWindows = windows(escalationShortWindow, window, "escalationShortWindow");
        long longWindows = windows(escalationLongWindow, window, "escalationLongWindow");
        long trendWindows = windows(trendWindow, window, "trendWindow");
        if (longWindows <= shortWindows) {
            throw invalid("escalationLongWindow", escalationLongWindow, "longer than escalationShortWindow");
        }
        if (trendWindows < 3 || trendWindows > longWindows) {
            throw invalid("trendWindow", trendWindow, "at least 3 windows and at most escalationLongWindow");
        }
        if (evaluateEvery.compareTo(escalationLongWindow) > 0) {
            throw invalid("evaluateEvery", evaluateEvery, "at most escalationLongWindow");
        }
        if (longWindows > 100_000) {
            throw invalid("escalationLongWindow", escalationLongWindow, "at most 100000 windows");
        }
        above1(spikeFactor, "spikeFactor");
        above1(escalationRatio, "escalationRatio");
        if (spikeMinCount < 1) {
            throw invalid("spikeMinCount", spikeMinCount, "at least 1");
        }
        if (escalationMinCount < 1) {
            throw invalid("escalationMinCount", escalationMinCount, "at least 1");
        }
        if (!(trendMinR2 >= 0.0 && trendMinR2 <= 1.0)) {
            throw invalid("trendMinR2", trendMinR2, "in [0, 1]");
        }
        if (!(trendThreshold > 0.0) || Double.isInfinite(trendThreshold)) {
            throw invalid("trendThreshold", trendThreshold, "a positive number");
        }
        if (!(rearmFraction > 0.0 && rearmFraction < 1.0)) {
            throw invalid("rearmFraction", rearmFraction, "in (0, 1)");
        }
        if (maxFingerprints < 1) {
            throw invalid("maxFingerprints", maxFingerprints, "at least 1");
        }
    }

    /** The number of windows in the escalation rule's short window. */
    long shortWindows() {
        return escalationShortWindow.toNanos() / window.toNanos();
    }

    /** The number of windows in the escalation rule's long window. */
    long longWindows() {
        return escalationLongWindow.toNanos() / window.toNanos();
    }

    /** The number of windows the trend line is fitted to. */
    long trendWindows() {
        return trendWindow.toNanos() / window.toNanos();
    }

    /** The length of one window in minutes, the unit of the findings' rates. */
    double windowMinutes() {
        return window.toNanos() / 60e9;
    }

    private static void positive(Duration value, String name) {
        requireNonNull(value, name);
        if (value.isNegative() || value.isZero()) {
            throw invalid(name, value, "positive");
        }
    }

    private static long windows(Duration value, Duration window, String name) {
        positive(value, name);
        try {
            long nanos = value.toNanos();
            long width = window.toNanos();
            if (nanos % width != 0) {
                throw invalid(name, value, "a whole number of windows of " + window);
            }
            return nanos / width;
        } catch (ArithmeticException e) {
            throw invalid(name, value, "short enough to count in nanoseconds");
        }
    }

    private static void above1(double value, String name) {
        if (!(value > 1.0) || Double.isInfinite(value)) {
            throw invalid(name, value, "a finite number above 1");
        }
    }

    private static IllegalArgumentException invalid(String name, Object value, String expected) {
        return new IllegalArgumentException(
                "error detector setting " + name + " must be " + expected + ", was " + value);
    }
}

package dev.armature.core.internal.resilience.limit;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * Internal: the settings of {@link Gradient2Limit}, which follows the ratio of long-term to current
 * round-trip time.
 *
 * <p>Options beyond those of {@link AdaptiveLimiterSettings}:
 *
 * <ul>
 *   <li>{@code smoothing}: how far each sample moves the limit toward its new estimate, in {@code
 *       (0, 1]}, 1 meaning all the way; default {@value #DEFAULT_SMOOTHING};
 *   <li>{@code queue-size}: how many calls the estimate allows beyond what the gradient gives, so
 *       the limit can grow while latency stays low; at least 0; default {@value
 *       #DEFAULT_QUEUE_SIZE};
 *   <li>{@code rtt-tolerance}: how many times the long-term round-trip time the current one may
 *       reach before the limit shrinks, at least 1.0; default {@value #DEFAULT_RTT_TOLERANCE};
 *   <li>{@code long-window}: the number of samples the long-term average spans (its weight is
 *       {@code 2 / (long-window + 1)}, after a plain mean of the first {@value
 *       Gradient2Limit#WARMUP_SAMPLES}); at least 1; default {@value #DEFAULT_LONG_WINDOW}.
 * </ul>
 *
 * @param initialLimit the limit before any sample
 * @param minLimit the lowest limit, at least 1
 * @param maxLimit the highest limit
 * @param smoothing the step toward each new estimate, in {@code (0, 1]}
 * @param queueSize the calls allowed beyond the gradient's estimate
 * @param rttTolerance the ratio of current to long-term round-trip time tolerated
 * @param longWindow the span of the long-term average, in samples
 */
public record Gradient2Settings(
        int initialLimit,
        int minLimit,
        int maxLimit,
        double smoothing,
        int queueSize,
        double rttTolerance,
        int longWindow)
        implements AdaptiveLimiterSettings {
    /** The configuration name of this algorithm. */
    public static final String NAME = "gradient2";
    /** The option of the smoothing. */
    public static final String SMOOTHING = "smoothing";
    /** The option of the queue size. */
    public static final String QUEUE_SIZE = "queue-size";
    /** The option of the round-trip time tolerance. */
    public static final String RTT_TOLERANCE = "rtt-tolerance";
    /** The option of the long window. */
    public static final String LONG_WINDOW = "long-window";
    /** The default smoothing, as in the reference. */
    public static final double DEFAULT_SMOOTHING = 0.2;
    /** The default queue size, as in the reference. */
    public static final int DEFAULT_QUEUE_SIZE = 4;
    /** The default tolerance, as in the reference. */
    public static final double DEFAULT_RTT_TOLERANCE = 1.5;
    /** The default long window, as in the reference. */
    public static final int DEFAULT_LONG_WINDOW = 600;

    /**
     * Checks every setting.
     *
     * @throws IllegalArgumentException naming the option out of range
     */
    public Gradient2Settings {
        InvalidOptionException.checkLimits(initialLimit, minLimit, maxLimit);
        // Written so that NaN fails too.
        if (!(smoothing > 0.0 && smoothing <= 1.0)) {
            throw new InvalidOptionException(
                    SMOOTHING, "must be above 0 and at most 1, got " + smoothing + "; 0.2 is usual");
        }
        if (queueSize < 0) {
            throw new InvalidOptionException(QUEUE_SIZE, "must be 0 or more, got " + queueSize);
        }
        if (!(rttTolerance >= 1.0 && rttTolerance < Double.POSITIVE_INFINITY)) {
            throw new InvalidOptionException(
                    RTT_TOLERANCE, "must be at least 1.0 and finite, got " + rttTolerance + "; 1.5 is usual");
        }
        if (longWindow < 1) {
            throw new InvalidOptionException(LONG_WINDOW, "must be at least 1 sample, got " + longWindow);
        }
    }

    /**
     * Returns the defaults.
     *
     * @return initial 20, min 1, max 200, smoothing 0.2, queue size 4, tolerance 1.5, long window 600
     */
    public static Gradient2Settings defaults() {
        return new Gradient2Settings(
                DEFAULT_INITIAL_LIMIT,
                DEFAULT_MIN_LIMIT,
                DEFAULT_MAX_LIMIT,
                DEFAULT_SMOOTHING,
                DEFAULT_QUEUE_SIZE,
                DEFAULT_RTT_TOLERANCE,
                DEFAULT_LONG_WINDOW);
    }

    @Override
    public String algorithm() {
        return NAME;
    }

    @Override
    public Gradient2Limit newLimit() {
        return new Gradient2Limit(this);
    }

    @Override
    public Map<String, String> toOptions() {
        var options = new TreeMap<String, String>();
        options.put(ALGORITHM, NAME);
        options.put(INITIAL_LIMIT, Integer.toString(initialLimit));
        options.put(MIN_LIMIT, Integer.toString(minLimit));
        options.put(MAX_LIMIT, Integer.toString(maxLimit));
        options.put(SMOOTHING, Double.toString(smoothing));
        options.put(QUEUE_SIZE, Integer.toString(queueSize));
        options.put(RTT_TOLERANCE, Double.toString(rttTolerance));
        options.put(LONG_WINDOW, Integer.toString(longWindow));
        return Collections.unmodifiableMap(options);
    }
}

package dev.armature.core.internal.resilience.limit;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * Internal: the settings of {@link AimdLimit}, additive increase and multiplicative decrease.
 *
 * <p>Options beyond those of {@link AdaptiveLimiterSettings}:
 *
 * <ul>
 *   <li>{@code backoff-ratio}: what the limit is multiplied by after a drop or a slow call, in
 *       {@code [0.5, 1.0)}; default {@value #DEFAULT_BACKOFF_RATIO};
 *   <li>{@code timeout}: a call in flight longer than this counts as a drop even when it succeeded;
 *       positive; default {@link #DEFAULT_TIMEOUT} (the reference's 5 s suits RPCs, but a model call
 *       routinely takes tens of seconds: a shorter default would back off under normal load).
 * </ul>
 *
 * @param initialLimit the limit before any sample
 * @param minLimit the lowest limit, at least 1
 * @param maxLimit the highest limit
 * @param backoffRatio the factor applied on a drop, in {@code [0.5, 1.0)}
 * @param timeout the round-trip time above which a call counts as a drop
 */
public record AimdSettings(int initialLimit, int minLimit, int maxLimit, double backoffRatio, Duration timeout)
        implements AdaptiveLimiterSettings {
    /** The configuration name of this algorithm. */
    public static final String NAME = "aimd";
    /** The option of the backoff ratio. */
    public static final String BACKOFF_RATIO = "backoff-ratio";
    /** The option of the timeout. */
    public static final String TIMEOUT = "timeout";
    /** The default backoff ratio, as in the reference. */
    public static final double DEFAULT_BACKOFF_RATIO = 0.9;
    /** The default timeout. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

    /**
     * Checks every setting.
     *
     * @throws IllegalArgumentException naming the option out of range
     */
    public AimdSettings {
        requireNonNull(timeout, "timeout");
        InvalidOptionException.checkLimits(initialLimit, minLimit, maxLimit);
        // Also false for NaN.
        if (!(backoffRatio >= 0.5 && backoffRatio < 1.0)) {
            throw new InvalidOptionException(
                    BACKOFF_RATIO, "must be at least 0.5 and below 1.0, got " + backoffRatio + "; 0.9 is usual");
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw new InvalidOptionException(TIMEOUT, "must be positive, got " + timeout);
        }
    }

    /**
     * Returns the defaults.
     *
     * @return initial {@value AdaptiveLimiterSettings#DEFAULT_INITIAL_LIMIT}, min {@value
     *     AdaptiveLimiterSettings#DEFAULT_MIN_LIMIT}, max {@value
     *     AdaptiveLimiterSettings#DEFAULT_MAX_LIMIT}, backoff ratio 0.9, timeout 30 s
     */
    public static AimdSettings defaults() {
        return new AimdSettings(
                DEFAULT_INITIAL_LIMIT, DEFAULT_MIN_LIMIT, DEFAULT_MAX_LIMIT, DEFAULT_BACKOFF_RATIO, DEFAULT_TIMEOUT);
    }

    @Override
    public String algorithm() {
        return NAME;
    }

    @Override
    public AimdLimit newLimit() {
        return new AimdLimit(this);
    }

    @Override
    public Map<String, String> toOptions() {
        var options = new TreeMap<String, String>();
        options.put(ALGORITHM, NAME);
        options.put(INITIAL_LIMIT, Integer.toString(initialLimit));
        options.put(MIN_LIMIT, Integer.toString(minLimit));
        options.put(MAX_LIMIT, Integer.toString(maxLimit));
        options.put(BACKOFF_RATIO, Double.toString(backoffRatio));
        options.put(TIMEOUT, timeout.toString());
        return Collections.unmodifiableMap(options);
    }
}

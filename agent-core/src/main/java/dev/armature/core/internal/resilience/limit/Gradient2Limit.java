package dev.armature.core.internal.resilience.limit;

import static java.util.Objects.requireNonNull;

/**
 * Internal: a latency-based limit that follows the gradient between a long-term and the current
 * round-trip time, after Netflix concurrency-limits' {@code Gradient2Limit}.
 *
 * <p>On each sample, with the sample's round-trip time as the short-term RTT:
 *
 * <ol>
 *   <li>the long-term RTT takes the sample: a plain mean of the first {@value #WARMUP_SAMPLES}, then
 *       an exponentially weighted average with weight {@code 2 / (long-window + 1)};
 *   <li>when the long-term RTT is more than twice the short one, it is cut by 5%, so that the limit
 *       recovers quickly after a long spell of load instead of waiting for the average to decay;
 *   <li>when the call was admitted with less than half the limit in flight, the limit stays: the
 *       caller, not the dependency, limited the load;
 *   <li>otherwise {@code gradient = clamp(rtt-tolerance * long / short, 0.5, 1.0)}, the estimate is
 *       {@code limit * gradient + queue-size}, and the limit moves toward it by {@code smoothing}:
 *       {@code limit * (1 - smoothing) + estimate * smoothing}, within min..max.
 * </ol>
 *
 * <p>While latency stays within tolerance the gradient is 1 and the limit grows by {@code
 * smoothing * queue-size} per sample; when the current RTT rises above the tolerated long-term one,
 * the gradient falls below 1 and the limit shrinks, by at most half of {@code smoothing} per sample.
 * Like the reference, a drop counts only through its round-trip time: a dependency that refuses
 * quickly does not shrink this limit — use AIMD for those.
 *
 * <p>The limit is kept as a fraction and read as its whole part. Thread-safe; see {@link
 * AbstractConcurrencyLimit}.
 */
public final class Gradient2Limit extends AbstractConcurrencyLimit {
    /** The samples averaged plainly before the exponential average takes over, as in the reference. */
    public static final int WARMUP_SAMPLES = 10;

    private final Gradient2Settings settings;
    private final double longFactor;

    // Guarded by the lock of onSample.
    private double estimatedLimit;
    private double longRtt;
    private double warmupSum;
    private int warmupCount;

    /**
     * Creates the limit at its initial value.
     *
     * @param settings the settings
     */
    public Gradient2Limit(Gradient2Settings settings) {
        super(requireNonNull(settings, "settings").initialLimit());
        this.settings = settings;
        this.longFactor = 2.0 / (settings.longWindow() + 1);
        this.estimatedLimit = settings.initialLimit();
    }

    /**
     * Returns the settings.
     *
     * @return the settings this limit was created with
     */
    public Gradient2Settings settings() {
        return settings;
    }

    /**
     * Returns the long-term round-trip time, for diagnosis.
     *
     * @return the long-term average in nanoseconds, 0 before the first sample
     */
    public synchronized double longRttNanos() {
        return longRtt;
    }

    @Override
    protected int update(int current, long startNanos, long rttNanos, int inflight, boolean didDrop) {
        // A zero RTT (a call answered within the clock's resolution) would divide by zero.
        double shortRtt = Math.max(1L, rttNanos);
        double longTerm = addLongSample(shortRtt);
        if (longTerm / shortRtt > 2) {
            longRtt = longTerm * 0.95;
        }
        if (inflight < estimatedLimit / 2) {
            return (int) estimatedLimit;
        }
        double gradient = Math.max(0.5, Math.min(1.0, settings.rttTolerance() * longTerm / shortRtt));
        double estimate = estimatedLimit * gradient + settings.queueSize();
        double next = estimatedLimit * (1 - settings.smoothing()) + estimate * settings.smoothing();
        estimatedLimit = Math.max(settings.minLimit(), Math.min(settings.maxLimit(), next));
        return (int) estimatedLimit;
    }

    private double addLongSample(double rtt) {
        if (warmupCount < WARMUP_SAMPLES) {
            warmupCount++;
            warmupSum += rtt;
            longRtt = warmupSum / warmupCount;
        } else {
            longRtt = longRtt * (1 - longFactor) + rtt * longFactor;
        }
        return longRtt;
    }

    @Override
    public String toString() {
        return "Gradient2Limit[limit=" + limit() + "]";
    }
}

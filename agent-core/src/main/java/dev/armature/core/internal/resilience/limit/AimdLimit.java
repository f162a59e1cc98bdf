package dev.armature.core.internal.resilience.limit;

import static java.util.Objects.requireNonNull;

/**
 * Internal: a loss-based limit — additive increase, multiplicative decrease, as TCP's congestion
 * window, after Netflix concurrency-limits' {@code AIMDLimit}.
 *
 * <p>On each sample:
 *
 * <ul>
 *   <li>a drop, or a round-trip time above {@link AimdSettings#timeout()}, multiplies the limit by
 *       {@link AimdSettings#backoffRatio()}, rounding down;
 *   <li>otherwise, when the call was admitted with at least half the limit in flight, the limit grows
 *       by one — a dependency used at a fraction of the limit proves nothing about a higher one;
 *   <li>the result stays within {@link AimdSettings#minLimit()}..{@link AimdSettings#maxLimit()}.
 * </ul>
 *
 * <p>Thread-safe; see {@link AbstractConcurrencyLimit}.
 */
public final class AimdLimit extends AbstractConcurrencyLimit {
    private final AimdSettings settings;
    private final long timeoutNanos;

    /**
     * Creates the limit at its initial value.
     *
     * @param settings the settings
     */
    public AimdLimit(AimdSettings settings) {
        super(requireNonNull(settings, "settings").initialLimit());
        this.settings = settings;
        this.timeoutNanos = saturatedNanos(settings);
    }

    /**
     * Returns the settings.
     *
     * @return the settings this limit was created with
     */
    public AimdSettings settings() {
        return settings;
    }

    @Override
    protected int update(int current, long startNanos, long rttNanos, int inflight, boolean didDrop) {
        int next;
        if (didDrop || rttNanos > timeoutNanos) {
            next = (int) (current * settings.backoffRatio());
        } else if ((long) inflight * 2 >= current) {
            next = current + 1;
        } else {
            next = current;
        }
        return Math.max(settings.minLimit(), Math.min(settings.maxLimit(), next));
    }

    private static long saturatedNanos(AimdSettings settings) {
        try {
            return settings.timeout().toNanos();
        } catch (ArithmeticException e) {
            // Beyond ~292 years: no round-trip time can exceed it.
            return Long.MAX_VALUE;
        }
    }

    @Override
    public String toString() {
        return "AimdLimit[limit=" + limit() + "]";
    }
}

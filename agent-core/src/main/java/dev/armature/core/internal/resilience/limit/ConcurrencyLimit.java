package dev.armature.core.internal.resilience.limit;

/**
 * Internal: an algorithm that sets how many calls may be in flight from what past calls measured.
 *
 * <p>The {@link AdaptiveLimiter} that owns an instance feeds it one sample per call whose outcome
 * says something about the dependency's capacity. An instance belongs to one limiter: samples of
 * two limiters mixed in one algorithm measure neither. Implementations are thread-safe; {@link
 * #limit()} is read on every admission and must be a plain volatile read.
 */
public interface ConcurrencyLimit {
    /**
     * Returns the current limit.
     *
     * @return the number of calls that may be in flight, at least 1
     */
    int limit();

    /**
     * Takes the sample of one finished call and moves the limit if the algorithm says so.
     *
     * @param startNanos the monotonic time the call was admitted at
     * @param rttNanos how long the call was in flight, in nanoseconds; not negative
     * @param inflight the calls in flight when this one was admitted, itself included
     * @param didDrop whether the dependency refused the call or it timed out
     */
    void onSample(long startNanos, long rttNanos, int inflight, boolean didDrop);

    /**
     * Adds a listener told of each later change of the limit; see {@link LimitChangeListener} for
     * the thread it runs on. A listener's exception is caught, logged and counted.
     *
     * @param listener the listener
     */
    void addListener(LimitChangeListener listener);
}

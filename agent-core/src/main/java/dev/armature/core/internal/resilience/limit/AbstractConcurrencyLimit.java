package dev.armature.core.internal.resilience.limit;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Internal: the shared part of the limit algorithms — one lock around each update, a volatile limit
 * for the admission path, and listeners told of each change in order.
 *
 * <p>The lock is taken once per sampled call, never on admission: the algorithms keep averages that
 * a lock-free update could only approximate, and an uncontended monitor costs less than the clock
 * read that precedes it.
 */
public abstract class AbstractConcurrencyLimit implements ConcurrencyLimit {
    private static final Logger log = LoggerFactory.getLogger(AbstractConcurrencyLimit.class);

    private final List<LimitChangeListener> listeners = new CopyOnWriteArrayList<>();
    private final AtomicLong listenerFailures = new AtomicLong();
    private volatile int limit;

    /**
     * Starts at a limit.
     *
     * @param initialLimit the first limit, at least 1
     */
    protected AbstractConcurrencyLimit(int initialLimit) {
        if (initialLimit < 1) {
            throw new IllegalArgumentException("initialLimit must be at least 1, got " + initialLimit);
        }
        this.limit = initialLimit;
    }

    @Override
    public final int limit() {
        return limit;
    }

    @Override
    public final synchronized void onSample(long startNanos, long rttNanos, int inflight, boolean didDrop) {
        int from = limit;
        int to = update(from, startNanos, Math.max(0L, rttNanos), inflight, didDrop);
        if (to != from) {
            limit = to;
            notifyListeners(from, to);
        }
    }

    /**
     * Computes the limit after one sample; called under the lock, one sample at a time.
     *
     * @param current the limit before the sample
     * @param startNanos the monotonic time the call was admitted at
     * @param rttNanos how long the call was in flight; not negative
     * @param inflight the calls in flight when this one was admitted, itself included
     * @param didDrop whether the dependency refused the call or it timed out
     * @return the new limit, at least 1
     */
    protected abstract int update(int current, long startNanos, long rttNanos, int inflight, boolean didDrop);

    @Override
    public final void addListener(LimitChangeListener listener) {
        listeners.add(requireNonNull(listener, "listener"));
    }

    /**
     * Returns how many times a listener threw.
     *
     * @return the count since creation
     */
    public final long listenerFailures() {
        return listenerFailures.get();
    }

    private void notifyListeners(int from, int to) {
        for (LimitChangeListener listener : listeners) {
            try {
                listener.limitChanged(from, to);
            } catch (RuntimeException e) {
                // The caller is releasing a guarded call: a listener's bug must not fail that call.
                listenerFailures.incrementAndGet();
                log.atWarn()
                        .addKeyValue("listener", listener)
                        .addKeyValue("from", from)
                        .addKeyValue("to", to)
                        .setCause(e)
                        .log("a concurrency limit listener threw");
            }
        }
    }
}

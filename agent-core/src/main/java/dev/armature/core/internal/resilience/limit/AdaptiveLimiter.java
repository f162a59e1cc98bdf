package dev.armature.core.internal.resilience.limit;

import static java.util.Objects.requireNonNull;

import dev.armature.api.time.TimeSource;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Internal: admits calls while fewer than an adaptive limit are in flight, and feeds each call's
 * outcome back to the {@link ConcurrencyLimit} that sets the limit.
 *
 * <pre>{@code
 * AdaptiveLimiter limiter = AdaptiveLimiter.create(AdaptiveLimiterSettings.defaults(), time);
 * limiter.addListener((from, to) -> publish(new ConcurrencyLimitChanged(name, from, to)));
 * Optional<AdaptiveLimiter.Permit> permit = limiter.tryAcquire();
 * if (permit.isEmpty()) {
 *     throw rejected(CONCURRENCY_LIMITED);
 * }
 * try {
 *     T value = operation.call();
 *     permit.get().onSuccess();
 *     return value;
 * } catch (Throwable t) {
 *     if (refusedOrTimedOut(t)) permit.get().onDropped(); else permit.get().onIgnore();
 *     throw t;
 * }
 * }</pre>
 *
 * <p>Admission is lock-free: a compare-and-set on the in-flight count against a volatile read of the
 * limit, so no call is admitted while the limit's worth are in flight. When the limit falls below
 * the calls already in flight, they finish and no new one is admitted until the count is under the
 * new limit.
 *
 * <p>Time: {@link #tryAcquire()} reads {@link TimeSource#nanoTime()} once, and only when it admits;
 * {@link Permit#onSuccess()} and {@link Permit#onDropped()} read it once; {@link Permit#onIgnore()}
 * never does. The variants taking {@code nowNanos} read no clock, for a guard that shares one reading
 * across its layers. Per call the limiter allocates only the permit and its {@link Optional}.
 *
 * <p>Thread-safe. A permit's first release counts; later releases of the same permit do nothing and
 * return {@code false} — a time limiter and a late completion may race to release one call, and
 * that race must not fail either path.
 */
public final class AdaptiveLimiter {
    private final ConcurrencyLimit limit;
    private final TimeSource time;
    private final AtomicInteger inflight = new AtomicInteger();

    private AdaptiveLimiter(ConcurrencyLimit limit, TimeSource time) {
        this.limit = limit;
        this.time = time;
    }

    /**
     * Creates a limiter over an algorithm, which then belongs to it.
     *
     * @param limit the algorithm; not shared with another limiter
     * @param time the source of monotonic time for round-trip times
     * @return the limiter, with nothing in flight
     */
    public static AdaptiveLimiter create(ConcurrencyLimit limit, TimeSource time) {
        return new AdaptiveLimiter(requireNonNull(limit, "limit"), requireNonNull(time, "time"));
    }

    /**
     * Creates a limiter with a fresh algorithm made from settings.
     *
     * @param settings the settings
     * @param time the source of monotonic time for round-trip times
     * @return the limiter, with nothing in flight
     */
    public static AdaptiveLimiter create(AdaptiveLimiterSettings settings, TimeSource time) {
        return create(requireNonNull(settings, "settings").newLimit(), time);
    }

    /**
     * Admits a call if fewer than the limit are in flight, reading the clock once if it does.
     *
     * @return the permit to release when the call ends, or empty when the limit is reached
     */
    public Optional<Permit> tryAcquire() {
        int admittedWith = admit();
        if (admittedWith == 0) {
            return Optional.empty();
        }
        return Optional.of(new Permit(this, time.nanoTime(), admittedWith));
    }

    /**
     * Admits a call if fewer than the limit are in flight, without reading the clock.
     *
     * @param nowNanos the current reading of this limiter's {@link TimeSource#nanoTime()}
     * @return the permit to release when the call ends, or empty when the limit is reached
     */
    public Optional<Permit> tryAcquire(long nowNanos) {
        int admittedWith = admit();
        if (admittedWith == 0) {
            return Optional.empty();
        }
        return Optional.of(new Permit(this, nowNanos, admittedWith));
    }

    /** Returns the in-flight count including the admitted call, or 0 when the limit is reached. */
    private int admit() {
        while (true) {
            int current = inflight.get();
            if (current >= limit.limit()) {
                return 0;
            }
            if (inflight.compareAndSet(current, current + 1)) {
                return current + 1;
            }
        }
    }

    /**
     * Returns the calls admitted and not yet released.
     *
     * @return the in-flight count, never negative; may exceed {@link #limit()} just after the limit
     *     fell
     */
    public int inflight() {
        return inflight.get();
    }

    /**
     * Returns the current limit, for example for a gauge.
     *
     * @return the limit, at least 1
     */
    public int limit() {
        return limit.limit();
    }

    /**
     * Adds a listener told of each later change of the limit, on the releasing thread; a guard turns
     * it into {@code GuardEvent.ConcurrencyLimitChanged}. AIMD moves its limit by one on most
     * samples under load, so a listener that publishes should coalesce.
     *
     * @param listener the listener; its exceptions are caught, logged and counted
     */
    public void addListener(LimitChangeListener listener) {
        limit.addListener(listener);
    }

    @Override
    public String toString() {
        return "AdaptiveLimiter[inflight=" + inflight() + ", limit=" + limit() + "]";
    }

    /**
     * One admitted call, released exactly once by {@link #onSuccess()}, {@link #onDropped()} or
     * {@link #onIgnore()}. Thread-safe: concurrent releases are resolved by one compare-and-set.
     */
    public static final class Permit {
        private static final VarHandle RELEASED;

        static {
            try {
                RELEASED = MethodHandles.lookup().findVarHandle(Permit.class, "released", int.class);
            } catch (ReflectiveOperationException e) {
                throw new ExceptionInInitializerError(e);
            }
        }

        private final AdaptiveLimiter limiter;
        private final long startNanos;
        private final int admittedWith;

        // 0 until the first release; set through RELEASED so that one release wins a race.
        private volatile int released;

        private Permit(AdaptiveLimiter limiter, long startNanos, int admittedWith) {
            this.limiter = limiter;
            this.startNanos = startNanos;
            this.admittedWith = admittedWith;
        }

        /**
         * Returns the monotonic time the call was admitted at.
         *
         * @return nanoseconds of the limiter's {@link TimeSource}
         */
        public long startNanos() {
            return startNanos;
        }

        /**
         * Returns whether the permit has been released.
         *
         * @return {@code true} after the first release
         */
        public boolean isReleased() {
            return released != 0;
        }

        /**
         * Releases the permit after the dependency answered, reading the clock once for the sample.
         *
         * @return {@code true} if this call released the permit, {@code false} if it was released before
         */
        public boolean onSuccess() {
            return markReleased() && finish(limiter.time.nanoTime(), false);
        }

        /**
         * Releases the permit after the dependency answered, at a time already read.
         *
         * @param nowNanos the current reading of the limiter's {@link TimeSource#nanoTime()}
         * @return {@code true} if this call released the permit, {@code false} if it was released before
         */
        public boolean onSuccess(long nowNanos) {
            return markReleased() && finish(nowNanos, false);
        }

        /**
         * Releases the permit after the dependency refused the call or it timed out — a sign of
         * overload — reading the clock once for the sample.
         *
         * @return {@code true} if this call released the permit, {@code false} if it was released before
         */
        public boolean onDropped() {
            return markReleased() && finish(limiter.time.nanoTime(), true);
        }

        /**
         * Releases the permit after the dependency refused the call or it timed out, at a time already
         * read.
         *
         * @param nowNanos the current reading of the limiter's {@link TimeSource#nanoTime()}
         * @return {@code true} if this call released the permit, {@code false} if it was released before
         */
        public boolean onDropped(long nowNanos) {
            return markReleased() && finish(nowNanos, true);
        }

        /**
         * Releases the permit without a sample, for an outcome that says nothing about the
         * dependency's capacity (a bad request, a cancellation); reads no clock.
         *
         * @return {@code true} if this call released the permit, {@code false} if it was released before
         */
        public boolean onIgnore() {
            if (!markReleased()) {
                return false;
            }
            limiter.inflight.decrementAndGet();
            return true;
        }

        private boolean markReleased() {
            return RELEASED.compareAndSet(this, 0, 1);
        }

        private boolean finish(long nowNanos, boolean didDrop) {
            // Free the slot before the sample, which may wait for the algorithm's lock.
            limiter.inflight.decrementAndGet();
            limiter.limit.onSample(startNanos, Math.max(0L, nowNanos - startNanos), admittedWith, didDrop);
            return true;
        }

        @Override
        public String toString() {
            return "Permit[startNanos=" + startNanos + ", released=" + isReleased() + "]";
        }
    }
}

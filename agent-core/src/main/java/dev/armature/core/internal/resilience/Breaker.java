package dev.armature.core.internal.resilience;

import static java.util.Objects.requireNonNull;

import dev.armature.api.resilience.CircuitState;
import dev.armature.api.time.TimeSource;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.internal.CircuitBreakerStateMachine;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.random.RandomGenerator;
import org.jspecify.annotations.Nullable;

/**
 * Internal: a guard's circuit breaker — Resilience4j's state machine on the system's clock, driven
 * directly with the durations the guard measured, so that no layer reads the clock again — plus
 * Armature's own tripping modes on top: consecutive failures and a count of failures per time window
 * (both trip the breaker with a transition and say why), and a throttled failure, which opens it for
 * exactly the dependency's retry-after time ({@link CircuitBreaker#transitionToOpenStateFor}).
 *
 * <p>No consumer is registered on Resilience4j's event publisher: with one, every call would allocate
 * an event and read the system clock. Transitions are found instead by comparing the state after
 * each interaction with the last one reported; whoever sees a change first reports it, once. The
 * move from OPEN to HALF_OPEN happens, as in Resilience4j without its own timer thread, on the first
 * call after the open wait. Thread-safe.
 */
final class Breaker {
    /** Told of each transition. */
    interface Listener {
        void changed(CircuitState from, CircuitState to, String reason);
    }

    final GuardSettings.Breaker settings;
    private final CircuitBreaker cb;
    private final RandomGenerator random;
    private final Listener listener;
    private final AtomicInteger consecutive = new AtomicInteger();
    /** The times of the last failures-per-window failures, a ring; guarded by itself. */
    private final long[] failureTimes;

    private int failureNext;
    private int failureCount;
    private final AtomicReference<CircuitBreaker.State> observed = new AtomicReference<>(CircuitBreaker.State.CLOSED);
    private volatile long lastWaitNanos;
    private volatile long openUntilNanos;

    Breaker(String name, GuardSettings.Breaker settings, TimeSource time, RandomGenerator random, Listener listener) {
        this.settings = settings;
        this.random = random;
        this.listener = listener;
        this.failureTimes = new long[Math.max(1, settings.failuresPerWindow())];
        CircuitBreakerConfig config = CircuitBreakerConfig.custom()
                .failureRateThreshold(settings.failureRateThreshold())
                .slowCallRateThreshold(settings.slowCallRateThreshold())
                .slowCallDurationThreshold(settings.slowCallDuration())
                .slidingWindow(
                        settings.slidingWindowSize(),
                        Math.min(settings.minimumNumberOfCalls(), settings.slidingWindowSize()),
                        CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .permittedNumberOfCallsInHalfOpenState(settings.maxConcurrentProbes())
                .waitIntervalFunctionInOpenState(attempt -> openWaitMillis())
                .clock(new TimeSourceJavaClock(time))
                .currentTimestampFunction(clock -> time.nanoTime(), TimeUnit.NANOSECONDS)
                .writableStackTraceEnabled(false)
                .build();
        this.cb = new CircuitBreakerStateMachine(name, config);
    }

    /** The open wait: wait-in-open plus a random share of up to wait-jitter of it, from the guard's stream. */
    private long openWaitMillis() {
        long base = settings.waitInOpen().toMillis();
        double u;
        synchronized (random) {
            u = random.nextDouble();
        }
        long wait = base + (long) (base * settings.waitJitter() * u);
        lastWaitNanos = TimeUnit.MILLISECONDS.toNanos(wait);
        return wait;
    }

    /** Asks for a permission; {@code now} is the call's start, for the open-until figure. */
    boolean tryAcquire(long now) {
        boolean permitted = cb.tryAcquirePermission();
        observe(now, null);
        return permitted;
    }

    /** Gives back a permission the call did not use (a later layer refused it). */
    void release() {
        cb.releasePermission();
    }

    void onSuccess(long durationNanos, long now) {
        cb.onSuccess(durationNanos, TimeUnit.NANOSECONDS);
        if (consecutive.get() != 0) {
            consecutive.set(0);
        }
        observe(now, null);
    }

    /** An outcome that is not the dependency's failure: frees a half-open probe slot, counts nothing. */
    void onIgnored(long now) {
        cb.releasePermission();
        observe(now, null);
    }

    void onFailure(long durationNanos, long now, Throwable error) {
        cb.onError(durationNanos, TimeUnit.NANOSECONDS, error);
        observe(now, null);
        if (cb.getState() != CircuitBreaker.State.CLOSED) {
            return;
        }
        int n = settings.consecutiveFailures();
        if (n > 0 && consecutive.incrementAndGet() >= n) {
            trip(now, n + " consecutive failures");
        } else if (settings.failuresPerWindow() > 0 && windowFull(now)) {
            trip(now, settings.failuresPerWindow() + " failures within " + settings.failuresWindow());
        }
    }

    /** Opens the breaker for the retry-after time, unless it is already open at least that long. */
    void onThrottled(long durationNanos, long now, Throwable error, Duration retryAfter) {
        cb.onError(durationNanos, TimeUnit.NANOSECONDS, error);
        synchronized (this) {
            CircuitBreaker.State s = cb.getState();
            if (s != CircuitBreaker.State.CLOSED
                    && s != CircuitBreaker.State.HALF_OPEN
                    && s != CircuitBreaker.State.OPEN) {
                return;
            }
            long until = now + retryAfter.toNanos();
            if (s == CircuitBreaker.State.OPEN && openUntilNanos - until >= 0) {
                return;
            }
            lastWaitNanos = retryAfter.toNanos();
            cb.transitionToOpenStateFor(retryAfter);
            openUntilNanos = until;
            observe(now, "throttled: the dependency asked to retry after " + retryAfter);
        }
    }

    private synchronized void trip(long now, String why) {
        if (cb.getState() == CircuitBreaker.State.CLOSED) {
            cb.transitionToOpenState();
            observe(now, why);
        }
    }

    private boolean windowFull(long now) {
        synchronized (failureTimes) {
            failureTimes[failureNext] = now;
            failureNext = (failureNext + 1) % failureTimes.length;
            failureCount = Math.min(failureCount + 1, failureTimes.length);
            // After the write, the next slot holds the oldest of the last N failures.
            return failureCount == failureTimes.length
                    && now - failureTimes[failureNext]
                            <= settings.failuresWindow().toNanos();
        }
    }

    /** Moves the breaker to CLOSED with empty counts, as after a fix; reported as a transition. */
    synchronized void close(long now, String why) {
        cb.reset(); // CLOSED with fresh metrics, from any state
        observe(now, why);
    }

    /** Reports a transition once: the first caller to see the new state publishes it. */
    private void observe(long now, @Nullable String reason) {
        CircuitBreaker.State current = cb.getState();
        CircuitBreaker.State before = requireNonNull(observed.get());
        if (current == before || !observed.compareAndSet(before, current)) {
            return;
        }
        if (current == CircuitBreaker.State.OPEN) {
            openUntilNanos = now + lastWaitNanos;
        } else if (current == CircuitBreaker.State.CLOSED) {
            consecutive.set(0);
            synchronized (failureTimes) {
                failureCount = 0;
            }
        }
        listener.changed(map(before), map(current), reason != null ? reason : reason(before, current));
    }

    private String reason(CircuitBreaker.State from, CircuitBreaker.State to) {
        CircuitBreaker.Metrics m = cb.getMetrics();
        return switch (to) {
            case HALF_OPEN -> "the open wait passed; letting up to " + settings.maxConcurrentProbes()
                    + " probes through";
            case CLOSED -> "the probes succeeded";
            case OPEN -> String.format(
                    Locale.ROOT,
                    "%s: failure rate %.1f%% (threshold %.1f%%), slow-call rate %.1f%% (threshold %.1f%%) over %d calls",
                    from == CircuitBreaker.State.HALF_OPEN ? "the probes failed" : "rate threshold reached",
                    m.getFailureRate(),
                    settings.failureRateThreshold(),
                    m.getSlowCallRate(),
                    settings.slowCallRateThreshold(),
                    m.getNumberOfBufferedCalls());
            default -> "moved to " + to;
        };
    }

    /** How long until the open wait passes, from {@code now}; null when not open. */
    @Nullable
    Duration remainingOpen(long now) {
        return switch (cb.getState()) {
            case OPEN -> Duration.ofNanos(Math.max(0, openUntilNanos - now));
            default -> null;
        };
    }

    CircuitState state() {
        return map(cb.getState());
    }

    CircuitBreaker.Metrics metrics() {
        return cb.getMetrics();
    }

    static CircuitState map(CircuitBreaker.State s) {
        return switch (s) {
            case CLOSED -> CircuitState.CLOSED;
            case OPEN -> CircuitState.OPEN;
            case HALF_OPEN -> CircuitState.HALF_OPEN;
            case FORCED_OPEN -> CircuitState.FORCED_OPEN;
            case DISABLED, METRICS_ONLY -> CircuitState.DISABLED;
        };
    }
}

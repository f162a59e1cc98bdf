package dev.armature.core.internal.resilience;

import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.micrometer.core.instrument.Timer;
import org.jspecify.annotations.Nullable;

/**
 * Internal: the layers one configuration of a guard built, immutable; a change builds a new one and
 * the guard swaps it in, so a call sees one configuration from its first attempt to the next.
 *
 * <p>To add a layer between the time limiter and the bulkhead (the adaptive concurrency limiter, an
 * alternative to the bulkhead): add its component here, build it in {@link DefaultGuard#build}, admit
 * through it in {@link DefaultGuard#admit} after the rate limiter, and release it where the bulkhead
 * is released ({@code succeeded} / {@code failed}, which receive the attempt's duration).
 */
record Pipeline(
        GuardSettings settings,
        @Nullable Breaker breaker,
        @Nullable RateLimiter limiter,
        @Nullable Bulkhead bulkhead,
        RetryBudget budget,
        RetryDelays delays,
        Timer successTimer,
        Timer failureTimer,
        Timer ignoredTimer) {
    /** Attempts per call: 1 when retry is off. */
    int maxAttempts() {
        return settings.retry().enabled() ? settings.retry().maxAttempts() : 1;
    }
}

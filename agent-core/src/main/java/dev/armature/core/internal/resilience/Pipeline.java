package dev.armature.core.internal.resilience;

import dev.armature.api.time.TimeSource;
import dev.armature.core.internal.resilience.limit.AdaptiveLimiter;
import dev.armature.core.internal.resilience.limit.LimitChangeListener;
import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadConfig;
import io.github.resilience4j.bulkhead.internal.SemaphoreBulkhead;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.ratelimiter.internal.AtomicRateLimiter;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Map;
import java.util.random.RandomGenerator;
import org.jspecify.annotations.Nullable;

/**
 * Internal: the layers one configuration of a guard built, immutable; a change builds a new one and
 * the guard swaps it in, so a call sees one configuration from its first attempt to the next.
 */
record Pipeline(
        GuardSettings settings,
        @Nullable Breaker breaker,
        @Nullable RateLimiter limiter,
        @Nullable Bulkhead bulkhead,
        @Nullable AdaptiveLimiter adaptive,
        RetryBudget budget,
        RetryDelays delays,
        Timer successTimer,
        Timer failureTimer,
        Timer ignoredTimer) {
    /** Builds the layers of a configuration, keeping those whose settings did not change. */
    static Pipeline build(
            @Nullable Pipeline previous,
            GuardSettings s,
            String name,
            TimeSource time,
            RandomGenerator retryRandom,
            RandomGenerator breakerRandom,
            Breaker.Listener listener,
            LimitChangeListener limitListener,
            GuardMeters meters) {
        Breaker breaker = null;
        if (s.breaker().enabled()) {
            Breaker old = previous == null ? null : previous.breaker();
            breaker = old != null && old.settings.equals(s.breaker())
                    ? old
                    : new Breaker(name, s.breaker(), time, breakerRandom, listener);
        }
        RateLimiter limiter = null;
        if (s.rateLimiter().enabled()) {
            RateLimiter old = previous == null ? null : previous.limiter();
            limiter = previous != null
                            && old != null
                            && previous.settings().rateLimiter().equals(s.rateLimiter())
                    ? old
                    : new AtomicRateLimiter(
                            name,
                            RateLimiterConfig.custom()
                                    .limitForPeriod(s.rateLimiter().limitForPeriod())
                                    .limitRefreshPeriod(s.rateLimiter().refreshPeriod())
                                    .timeoutDuration(Duration.ZERO)
                                    .writableStackTraceEnabled(false)
                                    .build(),
                            Map.of(),
                            time::nanoTime);
        }
        Bulkhead bulkhead = null;
        if (s.bulkhead().enabled()) {
            Bulkhead old = previous == null ? null : previous.bulkhead();
            bulkhead = previous != null
                            && old != null
                            && previous.settings().bulkhead().equals(s.bulkhead())
                    ? old
                    : new SemaphoreBulkhead(
                            name,
                            BulkheadConfig.custom()
                                    .maxConcurrentCalls(s.bulkhead().maxConcurrentCalls())
                                    .maxWaitDuration(Duration.ZERO)
                                    .writableStackTraceEnabled(false)
                                    .build());
        }
        AdaptiveLimiter adaptive = null;
        if (s.adaptive().enabled()) {
            AdaptiveLimiter old = previous == null ? null : previous.adaptive();
            adaptive = previous != null
                            && old != null
                            && previous.settings().adaptive().equals(s.adaptive())
                    ? old
                    : AdaptiveLimiter.create(s.adaptive().limiter(), time);
            if (adaptive != old) {
                adaptive.addListener(limitListener);
            }
        }
        RetryBudget budget = previous != null && previous.settings().budget().equals(s.budget())
                ? previous.budget()
                : new RetryBudget(s.budget());
        Timer[] timers = meters.attemptTimers(breaker != null);
        return new Pipeline(
                s,
                breaker,
                limiter,
                bulkhead,
                adaptive,
                budget,
                new RetryDelays(s.retry(), retryRandom),
                timers[0],
                timers[1],
                timers[2]);
    }

    /** Attempts per call: 1 when retry is off. */
    int maxAttempts() {
        return settings.retry().enabled() ? settings.retry().maxAttempts() : 1;
    }
}

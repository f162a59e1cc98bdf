package dev.armature.core.internal.resilience;

import java.time.Duration;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * Internal: a guard's retry delays. The n-th retry (n from 1) waits {@code initialDelay ×
 * multiplier^(n-1)}, capped at {@code maxDelay}, then scaled by a factor drawn uniformly from {@code
 * [1 - jitter, 1 + jitter]}; a throttled failure's retry-after is the least it waits. The factors are
 * the successive {@code nextDouble()} draws of the guard's own random stream (named {@code
 * guard.<name>.retry}, keyed guards {@code guard.<name>[<key>].retry}), one per retry in the order
 * the guard computes them: the same seed and the same sequence of retries give the same delays.
 * Thread-safe: the generator is not, so draws are serialised.
 */
final class RetryDelays {
    private final GuardSettings.Retry settings;
    private final RandomGenerator random;

    RetryDelays(GuardSettings.Retry settings, RandomGenerator random) {
        this.settings = settings;
        this.random = random;
    }

    /**
     * Returns the delay before a retry.
     *
     * @param retry which retry, from 1
     * @param retryAfter the wait a throttled failure asked for
     * @return the delay
     */
    Duration delay(int retry, Optional<Duration> retryAfter) {
        double base = (double) settings.initialDelay().toNanos() * Math.pow(settings.multiplier(), retry - 1.0);
        base = Math.min(base, (double) settings.maxDelay().toNanos());
        double u;
        synchronized (random) {
            u = random.nextDouble();
        }
        double factor = 1 - settings.jitter() + 2 * settings.jitter() * u;
        Duration d = Duration.ofNanos((long) (base * factor));
        if (retryAfter.isPresent() && retryAfter.get().compareTo(d) > 0) {
            return retryAfter.get();
        }
        return d;
    }
}

package dev.armature.core.internal.orchestrator;

import dev.armature.api.Backoff;
import java.time.Duration;
import java.util.random.RandomGenerator;

/** Internal: the delay before the n-th restart under a {@link Backoff}. */
final class Backoffs {
    private Backoffs() {}

    /**
     * Returns {@code min × multiplier^(attempt−1)}, capped at {@code max}, spread by ±jitter and
     * capped again, so that jitter never exceeds {@code max}.
     */
    static Duration delay(Backoff backoff, int attempt, RandomGenerator random) {
        if (attempt < 1) {
            throw new IllegalArgumentException("attempt must be at least 1, was " + attempt);
        }
        double minNanos = backoff.min().toNanos();
        double maxNanos = backoff.max().toNanos();
        double base = Math.min(maxNanos, minNanos * Math.pow(backoff.multiplier(), attempt - 1));
        double spread = backoff.jitter() == 0.0 ? 0.0 : (random.nextDouble() * 2 - 1) * backoff.jitter();
        double jittered = Math.min(maxNanos, Math.max(0, base * (1 + spread)));
        return Duration.ofNanos(Math.round(jittered));
    }
}

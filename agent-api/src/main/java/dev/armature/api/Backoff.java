package dev.armature.api;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * The delay before each restart: {@code min × multiplier^(n−1)} for the n-th restart, capped at
 * {@code max}, spread by ±{@code jitter} (drawn from the system's {@code RandomSource}), and back to
 * {@code min} once the component has run for {@code resetAfter} without failing.
 *
 * @param min the first delay, not negative
 * @param max the largest delay, at least {@code min}
 * @param multiplier how much each delay grows, at least 1
 * @param jitter the relative spread in {@code [0, 1)}, for example 0.2 for ±20%
 * @param resetAfter how long a component must run to reset the sequence; positive
 * @since 0.1
 */
public record Backoff(Duration min, Duration max, double multiplier, double jitter, Duration resetAfter) {
    /** The default: 1 s doubling to 60 s, ±20% jitter, reset after 5 minutes of stable running. */
    public static final Backoff DEFAULT =
            new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(60), 2.0, 0.2, Duration.ofMinutes(5));

    /**
     * Checks every bound.
     *
     * @param min the first delay
     * @param max the largest delay
     * @param multiplier the growth factor
     * @param jitter the relative spread
     * @param resetAfter the stable period that resets the sequence
     */
    public Backoff {
        requireNonNull(min, "min");
        requireNonNull(max, "max");
        requireNonNull(resetAfter, "resetAfter");
        if (min.isNegative()) {
            throw new IllegalArgumentException("backoff min must not be negative, was " + min);
        }
        if (max.compareTo(min) < 0) {
            throw new IllegalArgumentException("backoff max " + max + " must be at least min " + min);
        }
        if (!(multiplier >= 1.0) || Double.isInfinite(multiplier)) {
            throw new IllegalArgumentException("backoff multiplier must be a finite number ≥ 1, was " + multiplier);
        }
        if (!(jitter >= 0.0 && jitter < 1.0)) {
            throw new IllegalArgumentException("backoff jitter must be in [0, 1), was " + jitter);
        }
        if (resetAfter.isNegative() || resetAfter.isZero()) {
            throw new IllegalArgumentException("backoff resetAfter must be positive, was " + resetAfter);
        }
    }

    /**
     * Returns a fixed delay without jitter, reset after the default stable period.
     *
     * @param delay the delay before every restart
     * @return the backoff
     */
    public static Backoff fixed(Duration delay) {
        return new Backoff(delay, delay, 1.0, 0.0, DEFAULT.resetAfter());
    }
}

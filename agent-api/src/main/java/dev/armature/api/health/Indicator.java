package dev.armature.api.health;

import static java.util.Objects.requireNonNull;

/**
 * A number a check publishes with each result, with the value at which it turns critical, so that
 * the health checker can watch its trend and predict when it gets there (see {@link Prediction}).
 *
 * <pre>{@code
 * return CheckOutcome.up()
 *         .withIndicator("disk.free-bytes", Indicator.falling(free, minimum));
 * }</pre>
 *
 * @param value the value now; finite
 * @param critical the value at which the indicator is critical; finite
 * @param direction whether the indicator turns critical by rising to {@code critical} or by falling
 *     to it
 * @since 0.1
 */
public record Indicator(double value, double critical, Direction direction) {
    /**
     * Which way an indicator goes to be critical.
     *
     * @since 0.1
     */
    public enum Direction {
        /** Critical at or above the threshold: heap in use, threads, open files. */
        RISING,
        /** Critical at or below the threshold: free disk, free memory. */
        FALLING
    }

    /**
     * Checks every part.
     *
     * @param value the value
     * @param critical the critical value
     * @param direction the direction
     * @throws IllegalArgumentException if a value is not finite
     */
    public Indicator {
        if (!Double.isFinite(value) || !Double.isFinite(critical)) {
            throw new IllegalArgumentException(
                    "an indicator's value and critical value must be finite, were " + value + " and " + critical);
        }
        requireNonNull(direction, "direction");
    }

    /**
     * Returns an indicator that is critical at or above a threshold.
     *
     * @param value the value now
     * @param critical the threshold
     * @return the indicator
     */
    public static Indicator rising(double value, double critical) {
        return new Indicator(value, critical, Direction.RISING);
    }

    /**
     * Returns an indicator that is critical at or below a threshold.
     *
     * @param value the value now
     * @param critical the threshold
     * @return the indicator
     */
    public static Indicator falling(double value, double critical) {
        return new Indicator(value, critical, Direction.FALLING);
    }

    /**
     * Says whether the value is critical already.
     *
     * @return whether the value is at or past its critical value
     */
    public boolean isCritical() {
        return direction == Direction.RISING ? value >= critical : value <= critical;
    }
}

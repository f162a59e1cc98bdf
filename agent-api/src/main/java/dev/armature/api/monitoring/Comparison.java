package dev.armature.api.monitoring;

/**
 * How an alert condition compares the value it reads with its threshold.
 *
 * @since 0.1
 */
public enum Comparison {
    /** The value is greater than the threshold. */
    ABOVE,
    /** The value is greater than or equal to the threshold. */
    AT_OR_ABOVE,
    /** The value is less than the threshold. */
    BELOW,
    /** The value is less than or equal to the threshold. */
    AT_OR_BELOW;

    /**
     * Returns whether a value compares so with a threshold; never for {@code NaN}.
     *
     * @param value the value read
     * @param threshold the threshold
     * @return whether the comparison holds
     */
    public boolean test(double value, double threshold) {
        return switch (this) {
            case ABOVE -> value > threshold;
            case AT_OR_ABOVE -> value >= threshold;
            case BELOW -> value < threshold;
            case AT_OR_BELOW -> value <= threshold;
        };
    }
}

package dev.armature.core.internal.resilience.limit;

import static java.util.Objects.requireNonNull;

/**
 * Internal: a setting out of its range, naming the option it belongs to, so that settings read from
 * configuration can report the full key while typed callers see a plain {@link
 * IllegalArgumentException}.
 */
public final class InvalidOptionException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    /** The option's configuration name, such as {@code backoff-ratio}. */
    private final String option;

    InvalidOptionException(String option, String message) {
        super(option + " " + message);
        this.option = requireNonNull(option, "option");
    }

    /**
     * Returns the option at fault.
     *
     * @return its configuration name, such as {@code backoff-ratio}
     */
    public String option() {
        return option;
    }

    /** Checks the bounds every algorithm shares: {@code 1 <= min <= initial <= max}. */
    static void checkLimits(int initialLimit, int minLimit, int maxLimit) {
        if (minLimit < 1) {
            throw new InvalidOptionException(
                    AdaptiveLimiterSettings.MIN_LIMIT, "must be at least 1, got " + minLimit + "; set it to 1 or more");
        }
        if (maxLimit < minLimit) {
            throw new InvalidOptionException(
                    AdaptiveLimiterSettings.MAX_LIMIT,
                    "(" + maxLimit + ") is below min-limit (" + minLimit + "); raise max-limit or lower min-limit");
        }
        if (initialLimit < minLimit || initialLimit > maxLimit) {
            throw new InvalidOptionException(
                    AdaptiveLimiterSettings.INITIAL_LIMIT,
                    "(" + initialLimit + ") is outside min-limit..max-limit (" + minLimit + ".." + maxLimit
                            + "); set it within those bounds");
        }
    }
}

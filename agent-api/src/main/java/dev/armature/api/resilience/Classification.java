package dev.armature.api.resilience;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.Optional;

/**
 * The class of one failure and, for {@link ErrorClass#THROTTLED}, how long the dependency asked the
 * caller to wait.
 *
 * @param errorClass the class
 * @param retryAfter the wait the dependency asked for; present only for {@code THROTTLED}
 * @since 0.1
 */
public record Classification(ErrorClass errorClass, Optional<Duration> retryAfter) {
    private static final Classification TRANSIENT = new Classification(ErrorClass.TRANSIENT, Optional.empty());
    private static final Classification PERMANENT = new Classification(ErrorClass.PERMANENT, Optional.empty());
    private static final Classification IGNORED = new Classification(ErrorClass.IGNORED, Optional.empty());

    /**
     * Checks that a retry-after time comes only with {@code THROTTLED} and is not negative.
     *
     * @param errorClass the class
     * @param retryAfter the wait
     */
    public Classification {
        requireNonNull(errorClass, "errorClass");
        requireNonNull(retryAfter, "retryAfter");
        if (retryAfter.isPresent() && errorClass != ErrorClass.THROTTLED) {
            throw new IllegalArgumentException("only THROTTLED carries a retry-after time, not " + errorClass);
        }
        if (retryAfter.isPresent() && retryAfter.get().isNegative()) {
            throw new IllegalArgumentException("retryAfter must not be negative, was " + retryAfter.get());
        }
    }

    /**
     * Returns the classification of a failure that may pass when tried again.
     *
     * @return {@code TRANSIENT}
     */
    public static Classification transientFailure() {
        return TRANSIENT;
    }

    /**
     * Returns the classification of a failure that will not pass when tried again.
     *
     * @return {@code PERMANENT}
     */
    public static Classification permanent() {
        return PERMANENT;
    }

    /**
     * Returns the classification of an outcome that is not a failure of the dependency.
     *
     * @return {@code IGNORED}
     */
    public static Classification ignored() {
        return IGNORED;
    }

    /**
     * Returns the classification of a refusal to serve until a time has passed.
     *
     * @param retryAfter how long the dependency asked the caller to wait
     * @return {@code THROTTLED} with that wait
     */
    public static Classification throttled(Duration retryAfter) {
        return new Classification(ErrorClass.THROTTLED, Optional.of(retryAfter));
    }
}

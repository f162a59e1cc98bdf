package dev.armature.api.resilience;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The guard refused a call without running the operation.
 *
 * @since 0.1
 */
public class GuardRejectedException extends GuardException {
    private static final long serialVersionUID = 1L;

    /** Why the call was refused. */
    private final Reason reason;

    /** When trying again may succeed, if known. */
    private final @Nullable Duration retryAfter;

    /**
     * Creates the exception.
     *
     * @param guard the guard's name
     * @param reason why the call was refused
     * @param retryAfter when trying again may succeed, if known
     * @param message what happened and what to do
     */
    public GuardRejectedException(String guard, Reason reason, @Nullable Duration retryAfter, String message) {
        super("armature.guard.rejected." + requireNonNull(reason, "reason").code, guard, message, null);
        this.reason = reason;
        this.retryAfter = retryAfter;
    }

    /**
     * Returns why the call was refused.
     *
     * @return the reason
     */
    public Reason reason() {
        return reason;
    }

    /**
     * Returns how long to wait before trying again, where the guard knows it.
     *
     * @return the wait, or empty
     */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }

    /** Why a guard refuses a call. */
    public enum Reason {
        /** The circuit breaker is open, or half-open with every probe slot taken. */
        CIRCUIT_OPEN("circuit-open"),
        /** The rate limiter has no permit left in this period. */
        RATE_LIMITED("rate-limited"),
        /** The bulkhead is full. */
        BULKHEAD_FULL("bulkhead-full"),
        /** The adaptive concurrency limit is reached. */
        CONCURRENCY_LIMITED("concurrency-limited");

        private final String code;

        Reason(String code) {
            this.code = code;
        }
    }
}

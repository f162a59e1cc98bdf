package dev.armature.api.resilience;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * An attempt of a guarded call ran longer than the guard's time limit.
 *
 * @since 0.1
 */
public class GuardTimeoutException extends GuardException {
    private static final long serialVersionUID = 1L;

    /** The limit that was exceeded. */
    private final Duration timeout;

    /**
     * Creates the exception.
     *
     * @param guard the guard's name
     * @param timeout the limit that was exceeded
     */
    public GuardTimeoutException(String guard, Duration timeout) {
        super(
                "armature.guard.timeout",
                guard,
                "guarded call " + guard + " took longer than its time limit of " + requireNonNull(timeout, "timeout")
                        + "; raise armature.guards." + guard + ".time-limiter.timeout if the dependency is slow by"
                        + " design",
                null);
        this.timeout = timeout;
    }

    /**
     * Returns the time limit that was exceeded.
     *
     * @return the limit
     */
    public Duration timeout() {
        return timeout;
    }
}

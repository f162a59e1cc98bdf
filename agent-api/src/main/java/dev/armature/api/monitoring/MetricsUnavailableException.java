package dev.armature.api.monitoring;

import dev.armature.api.ArmatureException;

/**
 * Thrown by {@link MetricsExposition#scrape()} when there is nothing to expose: the exposition is
 * switched off by configuration, or its component is not running (before the system starts, after
 * it stops). An HTTP handler answers it with 503. The message names the key or state to change.
 *
 * @since 0.1
 */
public final class MetricsUnavailableException extends ArmatureException {
    private static final long serialVersionUID = 1L;

    /**
     * Why the meters cannot be exposed.
     *
     * @since 0.1
     */
    public enum Reason {
        /** Configuration switched the exposition off. */
        DISABLED,
        /** The component that holds the exposition is not running. */
        NOT_RUNNING
    }

    /** Why the meters cannot be exposed. */
    private final Reason reason;

    /**
     * Creates the exception.
     *
     * @param reason why the meters cannot be exposed
     * @param message what was wrong, where, and what to do
     */
    public MetricsUnavailableException(Reason reason, String message) {
        super(codeOf("armature.metrics.unavailable.", reason), message);
        this.reason = reason;
    }

    /**
     * Returns why the meters cannot be exposed.
     *
     * @return the reason
     */
    public Reason reason() {
        return reason;
    }
}

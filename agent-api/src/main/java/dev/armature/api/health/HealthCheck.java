package dev.armature.api.health;

/**
 * A check that a component offers to its supervisor.
 *
 * <p>The supervisor runs it periodically on its own threads. A {@link CheckKind#LIVENESS} check
 * that reports {@link HealthStatus#DOWN} for {@link #failureThreshold()} consecutive evaluations
 * restarts its component; a check that throws, or returns {@code null}, counts as DOWN.
 * Implementations must be thread-safe and should return quickly.
 *
 * @since 0.1
 */
public interface HealthCheck {
    /** The default number of consecutive DOWN results that act on a liveness check. */
    int DEFAULT_FAILURE_THRESHOLD = 3;

    /**
     * Returns the check's name, unique within its component.
     *
     * @return the name, for example {@code model-endpoint}
     */
    String name();

    /**
     * Returns what the check is for.
     *
     * @return the kind
     */
    CheckKind kind();

    /**
     * Evaluates the check.
     *
     * @return the current status
     * @throws Exception if the check could not be evaluated, which counts as {@link
     *     HealthStatus#DOWN}
     */
    HealthStatus check() throws Exception;

    /**
     * Returns how many consecutive DOWN results make a liveness check act.
     *
     * @return the threshold, at least 1; {@value #DEFAULT_FAILURE_THRESHOLD} by default
     */
    default int failureThreshold() {
        return DEFAULT_FAILURE_THRESHOLD;
    }
}

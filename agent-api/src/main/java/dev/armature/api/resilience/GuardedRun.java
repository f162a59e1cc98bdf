package dev.armature.api.resilience;

/**
 * An operation that a {@link Guard} runs for its effect.
 *
 * @since 0.1
 */
@FunctionalInterface
public interface GuardedRun {
    /**
     * Performs the operation.
     *
     * @throws Exception when the operation fails
     */
    void run() throws Exception;
}

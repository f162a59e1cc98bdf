package dev.armature.api;

/**
 * A host's task that runs in one {@link ShutdownPhase}. Tasks of one phase run in parallel on the
 * orchestrator's pool; a task still running when its phase times out is interrupted.
 *
 * @since 0.1
 */
@FunctionalInterface
public interface ShutdownTask {
    /**
     * Runs the task.
     *
     * @throws Exception if it failed; the failure is reported and the shutdown goes on
     */
    void run() throws Exception;
}

package dev.armature.api.time;

/**
 * A handle on a scheduled task.
 *
 * @since 0.1
 */
public interface Cancellable {
    /**
     * Cancels the task if it has not run yet, and stops a periodic task from running again; a run
     * already in progress is not interrupted. Safe to call more than once and from any thread.
     *
     * @return {@code true} if this call cancelled the task, {@code false} if it had already run to
     *     completion or been cancelled
     */
    boolean cancel();
}

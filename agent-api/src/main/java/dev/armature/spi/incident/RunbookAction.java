package dev.armature.spi.incident;

import java.util.Optional;

/**
 * An automated action of a runbook. A run calls {@link #run} at most once, on the system's worker
 * pool, bounded by its step's timeout (an action that overruns is interrupted); {@code run} must be
 * idempotent all the same, since a person may run the runbook again. A dry run calls only {@link
 * #describe}.
 *
 * <pre>{@code
 * RunbookAction drainQueue = new RunbookAction() {
 *     public String run(RunbookContext context) { return "drained " + queue.drain() + " tasks"; }
 *     public String describe(RunbookContext context) { return "drain the task queue"; }
 *     public Optional<RunbookAction> rollback() { return Optional.of(refill); }
 * };
 * }</pre>
 *
 * @since 0.1
 */
public interface RunbookAction {
    /**
     * Acts.
     *
     * @param context the run's context
     * @return what it did, one line for the timeline
     * @throws Exception if it failed, which fails the step and runs the {@link #rollback()}
     */
    String run(RunbookContext context) throws Exception;

    /**
     * Says what {@link #run} would do, without doing anything; a dry run lists it.
     *
     * @param context the run's context
     * @return one line for people, such as {@code force the circuit of guard model.chat open}
     */
    String describe(RunbookContext context);

    /**
     * Returns the action that undoes this one, run when this action's step fails (throws or
     * overruns its timeout); none by default.
     *
     * @return the rollback, or empty
     */
    default Optional<RunbookAction> rollback() {
        return Optional.empty();
    }
}

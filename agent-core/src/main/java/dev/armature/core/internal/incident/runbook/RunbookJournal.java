package dev.armature.core.internal.incident.runbook;

import dev.armature.api.incident.RunbookRun;
import dev.armature.api.incident.RunbookStepOutcome;

/**
 * Internal: where a {@link RunbookRunner} reports what its runs do; the incident manager implements
 * it to append RUNBOOK entries to the incident's timeline. Calls for one run come one at a time, in
 * the order things happened, from the runner's threads (a worker, the scheduler, or an approver's);
 * an implementation must not block for long. An exception it throws is logged and the run goes on.
 */
public interface RunbookJournal {
    /**
     * Reports an outcome of one step.
     *
     * @param incidentId the incident's id
     * @param runbook the runbook's name
     * @param step the step's name
     * @param outcome what became of it
     * @param detail what it reported, one line for people
     * @param dryRun whether the run is a dry run (the outcome is then {@link RunbookStepOutcome#PLANNED})
     */
    void stepFinished(
            String incidentId, String runbook, String step, RunbookStepOutcome outcome, String detail, boolean dryRun);

    /**
     * Reports that a run ended; after the last {@link #stepFinished} of the run.
     *
     * @param run the run as it ended
     */
    default void runFinished(RunbookRun run) {}
}

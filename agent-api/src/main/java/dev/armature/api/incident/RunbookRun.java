package dev.armature.api.incident;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Where one run of a runbook for an incident stands, or, for a dry run, its plan. An immutable copy.
 *
 * @param runbook the runbook's name
 * @param incidentId the incident's id
 * @param dryRun whether this is a dry run, which lists the plan and touches nothing
 * @param startedAt when the run started
 * @param state where the run is
 * @param position the index of the step that runs or waits now; the number of steps once the run
 *     has ended
 * @param steps every step of the runbook, in order, with what became of it so far
 * @since 0.1
 */
public record RunbookRun(
        String runbook,
        String incidentId,
        boolean dryRun,
        Instant startedAt,
        State state,
        int position,
        List<Step> steps) {
    /** Where a run is. */
    public enum State {
        /** A step runs. */
        RUNNING,
        /** A gate waits for its approver. */
        WAITING,
        /** Every step passed or was skipped; a dry run's plan is SUCCEEDED at once. */
        SUCCEEDED,
        /** A step failed or ran out of time; its rollback ran. */
        FAILED;

        /**
         * Tells whether the run has ended.
         *
         * @return {@code true} for SUCCEEDED and FAILED
         */
        public boolean isFinal() {
            return this == SUCCEEDED || this == FAILED;
        }
    }

    /**
     * One step of the run.
     *
     * @param name the step's name
     * @param kind what kind of step it is
     * @param timeout how long it may take
     * @param conditional whether it has a precondition, which may skip it
     * @param hasRollback whether it has a rollback (only actions do)
     * @param outcome its last outcome; empty until it has one
     * @param detail what it reported with its last outcome; for a dry run, what it would do
     */
    public record Step(
            String name,
            RunbookStepKind kind,
            Duration timeout,
            boolean conditional,
            boolean hasRollback,
            Optional<RunbookStepOutcome> outcome,
            String detail) {
        /**
         * Checks every part.
         *
         * @param name the name
         * @param kind the kind
         * @param timeout the timeout
         * @param conditional whether it has a precondition
         * @param hasRollback whether it has a rollback
         * @param outcome the last outcome
         * @param detail the detail
         */
        public Step {
            requireNonNull(name, "name");
            requireNonNull(kind, "kind");
            requireNonNull(timeout, "timeout");
            requireNonNull(outcome, "outcome");
            requireNonNull(detail, "detail");
        }

        /**
         * Returns the step with a new outcome and detail.
         *
         * @param next the outcome
         * @param text the detail
         * @return the changed copy
         */
        public Step with(RunbookStepOutcome next, String text) {
            return new Step(name, kind, timeout, conditional, hasRollback, Optional.of(next), text);
        }
    }

    /**
     * Checks every part and copies the steps.
     *
     * @param runbook the runbook's name
     * @param incidentId the incident's id
     * @param dryRun whether a dry run
     * @param startedAt when started
     * @param state the state
     * @param position the current step's index
     * @param steps the steps
     */
    public RunbookRun {
        requireNonNull(runbook, "runbook");
        requireNonNull(incidentId, "incidentId");
        requireNonNull(startedAt, "startedAt");
        requireNonNull(state, "state");
        steps = List.copyOf(steps);
        if (position < 0 || position > steps.size()) {
            throw new IllegalArgumentException(
                    "position " + position + " is outside the runbook's " + steps.size() + " steps");
        }
    }
}

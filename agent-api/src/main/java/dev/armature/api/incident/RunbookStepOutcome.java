package dev.armature.api.incident;

/**
 * What became of one step of a runbook's run, as the incident's timeline records it. A step may
 * report more than one outcome in turn: a gate reports {@link #WAITING_FOR_APPROVAL} and then {@link
 * #APPROVED}; a failed action reports {@link #FAILED} or {@link #TIMED_OUT} and then {@link
 * #ROLLED_BACK} or {@link #ROLLBACK_FAILED}.
 *
 * @since 0.1
 */
public enum RunbookStepOutcome {
    /** A dry run listed the step; nothing ran. */
    PLANNED,
    /** Its precondition was false, so it did not run. */
    SKIPPED,
    /** The check passed, or the action completed. */
    PASSED,
    /** The check failed, the action (or its precondition) threw; the run ends. */
    FAILED,
    /** The step ran past its timeout; the run ends. */
    TIMED_OUT,
    /** A gate waits for a person to approve it. */
    WAITING_FOR_APPROVAL,
    /** A person approved a gate; the run goes on. */
    APPROVED,
    /** The rollback of a failed action completed. */
    ROLLED_BACK,
    /** The rollback of a failed action threw or ran past the step's timeout. */
    ROLLBACK_FAILED;

    /**
     * Tells whether the outcome ends the run as failed.
     *
     * @return {@code true} for {@link #FAILED} and {@link #TIMED_OUT}
     */
    public boolean isFailure() {
        return this == FAILED || this == TIMED_OUT;
    }
}

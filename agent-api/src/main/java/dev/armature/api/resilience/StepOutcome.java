package dev.armature.api.resilience;

/**
 * What one step of a recovery chain achieved, and so what the chain does next.
 *
 * @since 0.1
 */
public enum StepOutcome {
    /**
     * The target works again. The chain watches it for the stable period; if it fails within it,
     * the step deviated and the chain goes on with the next step, otherwise the recovery ends.
     */
    RECOVERED,
    /** The step acted (a fallback answers now, say) but the target is not repaired: go on at once. */
    CONTINUE,
    /** The step does not apply to this target (no checkpoint to restore, say): go on at once. */
    SKIPPED,
    /** The step failed; its action is undone unless it declared {@link Rollback#NEVER}; go on at once. */
    FAILED,
    /** Automation stops here and waits for a person, who ends it with {@link Recovery#resume}. */
    PAUSE
}

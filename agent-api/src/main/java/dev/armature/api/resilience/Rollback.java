package dev.armature.api.resilience;

/**
 * When the action of a recovery step is undone. Every step declares one.
 *
 * @since 0.1
 */
public enum Rollback {
    /**
     * Undone when the recovery ends, however it ends: the action is a stopgap, such as a fallback
     * answer or safe mode.
     */
    ALWAYS,
    /** Never undone: the action is itself the repair, such as a restart from a checkpoint. */
    NEVER,
    /**
     * Undone when the target fails again after the step recovered it, before the chain goes on to
     * its next step: the action was a bet that did not pay, such as a switch to a backup provider.
     */
    ON_DEVIATION
}

package dev.armature.api.resilience;

/**
 * Where an active recovery is.
 *
 * @since 0.1
 */
public enum RecoveryPhase {
    /** A step is running. */
    RUNNING,
    /** A step recovered the target; the chain watches that it stays well for the stable period. */
    WATCHING,
    /** Automation waits for a person: manual intervention was asked for. */
    PAUSED
}

package dev.armature.api.health;

/**
 * What a health check is for, which decides what the supervisor does with its result.
 *
 * @since 0.1
 */
public enum CheckKind {
    /** Is it alive? Repeated DOWN results restart the component. */
    LIVENESS,
    /** Can it take work now? DOWN never restarts anything; it only reports. */
    READINESS,
    /** Has it finished starting? Checked while a component starts. */
    STARTUP,
    /** Extra information for people; never acted on. */
    DIAGNOSTIC
}

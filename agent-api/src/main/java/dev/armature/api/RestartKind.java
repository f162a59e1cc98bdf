package dev.armature.api;

/**
 * When the supervisor restarts a component that has ended, after Erlang/OTP's restart types.
 *
 * @since 0.1
 */
public enum RestartKind {
    /** Always restarted, whether it failed or completed. */
    PERMANENT,
    /** Restarted only when it failed; a component that completed normally stays stopped. */
    TRANSIENT,
    /** Never restarted. */
    TEMPORARY
}

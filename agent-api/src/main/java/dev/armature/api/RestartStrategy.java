package dev.armature.api;

/**
 * Which components a restart involves, after Erlang/OTP's supervisor strategies.
 *
 * @since 0.1
 */
public enum RestartStrategy {
    /** Only the failed component is stopped and started again. */
    ONE_FOR_ONE,
    /**
     * The failed component and every component that depends on it, directly or not: dependents
     * stop first, in reverse order, and start again after it, in dependency order.
     */
    DEPENDENTS,
    /** Every component of the system is stopped in reverse order and started again in order. */
    ALL
}

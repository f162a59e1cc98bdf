package dev.armature.api.resilience;

/**
 * The state of a guard's circuit breaker.
 *
 * @since 0.1
 */
public enum CircuitState {
    /** Calls pass; outcomes are recorded. */
    CLOSED,
    /** Calls are refused until the open wait has passed. */
    OPEN,
    /** A bounded number of probe calls pass; their outcomes decide between closing and opening again. */
    HALF_OPEN,
    /** Held open by an operator or by safe mode until released; calls are refused. */
    FORCED_OPEN,
    /** The guard has no circuit breaker. */
    DISABLED
}

package dev.armature.api.resilience;

/**
 * What a failure means for the call that met it.
 *
 * @since 0.1
 */
public enum ErrorClass {
    /** Likely to pass if tried again: retried, and counted as a failure by the circuit breaker. */
    TRANSIENT,
    /**
     * The dependency asked the caller to slow down: retried no sooner than its retry-after time,
     * and the circuit breaker opens for that time.
     */
    THROTTLED,
    /** Will fail again however often it is tried: not retried, counted as a failure. */
    PERMANENT,
    /** Not a failure of the dependency (a validation error, say): neither retried nor counted. */
    IGNORED
}

package dev.armature.api.monitoring;

/**
 * Where an alert is, after Prometheus: {@code INACTIVE → PENDING → FIRING → RESOLVED}.
 *
 * @since 0.1
 */
public enum AlertState {
    /** Its condition does not hold. */
    INACTIVE,
    /** Its condition holds, but not yet for the rule's {@code for} duration. */
    PENDING,
    /** Its condition held for the {@code for} duration, and its resolve condition has not held since. */
    FIRING,
    /** It fired, and then its resolve condition held for the rule's {@code keepFiringFor} duration. */
    RESOLVED
}

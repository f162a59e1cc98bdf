package dev.armature.api.health;

/**
 * How much a check's failure weighs in the system's overall status: a {@link #CRITICAL} check that
 * is DOWN makes the system DOWN, a {@link #NON_CRITICAL} one only makes it DEGRADED.
 *
 * @since 0.1
 */
public enum Criticality {
    /** Its status counts as it is in the overall status. */
    CRITICAL,
    /** Its OUT_OF_SERVICE or DOWN counts as DEGRADED in the overall status. */
    NON_CRITICAL
}

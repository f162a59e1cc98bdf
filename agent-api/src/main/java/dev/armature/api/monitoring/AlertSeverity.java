package dev.armature.api.monitoring;

/**
 * How urgent a firing alert is; incident management maps it to a severity and a priority.
 *
 * @since 0.1
 */
public enum AlertSeverity {
    /** Someone must act now (a page). */
    CRITICAL,
    /** Someone must act soon (a ticket). */
    WARNING,
    /** For the record. */
    INFO
}

package dev.armature.api.incident;

/**
 * Where an incident is in its life. An incident only moves forward: TRIGGERED → ACKNOWLEDGED →
 * MITIGATED → RESOLVED → REVIEWED, where a step may be skipped (an incident may be resolved without
 * being acknowledged) except that only a RESOLVED incident is reviewed.
 *
 * @since 0.1
 */
public enum IncidentState {
    /** Opened; nobody has taken it yet. Escalation runs. */
    TRIGGERED,
    /** Somebody has taken it; escalation stops. */
    ACKNOWLEDGED,
    /** The impact has been stopped, the cause may not yet be fixed. */
    MITIGATED,
    /** Over. The post-incident report is written. */
    RESOLVED,
    /** The post-incident review has been held. Final. */
    REVIEWED;

    /**
     * Tells whether an incident in this state may move to another.
     *
     * @param next the state to move to
     * @return {@code true} if the move is allowed
     */
    public boolean canMoveTo(IncidentState next) {
        if (next == REVIEWED) {
            return this == RESOLVED;
        }
        return next.compareTo(this) > 0 && isOpen();
    }

    /**
     * Tells whether the incident is still open: not yet resolved.
     *
     * @return {@code true} for TRIGGERED, ACKNOWLEDGED and MITIGATED
     */
    public boolean isOpen() {
        return compareTo(RESOLVED) < 0;
    }
}

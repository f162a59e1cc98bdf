package dev.armature.api;

/**
 * The lifecycle state of a component: {@code NEW → STARTING → RUNNING → STOPPING → STOPPED}, plus
 * {@code FAILED} and {@code RESTARTING}. Lifecycle states carry no health.
 *
 * @since 0.1
 */
public enum ComponentState {
    /** Built, not started yet. */
    NEW,
    /** Its {@code start} is running. */
    STARTING,
    /** Started and not stopped since. */
    RUNNING,
    /** Failed and waiting for the supervisor to start it again after its backoff. */
    RESTARTING,
    /** Its {@code stop} is running. */
    STOPPING,
    /** Stopped cleanly, or never started because the system stopped first. */
    STOPPED,
    /** Failed to start or stop, or failed while running and will not be restarted. */
    FAILED;

    /**
     * Returns whether no further transition happens without a new start of the system.
     *
     * @return {@code true} for {@code STOPPED} and {@code FAILED}
     */
    public boolean isTerminal() {
        return this == STOPPED || this == FAILED;
    }
}

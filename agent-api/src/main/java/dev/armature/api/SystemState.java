package dev.armature.api;

/**
 * The lifecycle state of a whole {@link AgentSystem}. A system runs once: after {@code STOPPED} or
 * {@code FAILED} it cannot be started again.
 *
 * @since 0.1
 */
public enum SystemState {
    /** Built, not started. */
    NEW,
    /** {@link AgentSystem#start()} is running. */
    STARTING,
    /** Every required component started; see {@link SystemSnapshot#health()} for how well. */
    RUNNING,
    /** The shutdown phases are running. */
    STOPPING,
    /** Stopped; every owned thread has ended. */
    STOPPED,
    /** Start failed; what had started was stopped again. */
    FAILED
}

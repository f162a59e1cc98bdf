package dev.armature.api.resilience;

import java.util.Optional;

/**
 * The system's emergency brake: safe mode keeps what is essential running and nothing else.
 *
 * <p>Entering safe mode stops every component whose descriptor says it is not {@linkplain
 * dev.armature.api.ComponentDescriptor#essential() essential}, forces open the circuits of the
 * guards listed in {@code armature.emergency.safe-mode.open-guards}, freezes configuration reloads
 * from sources (explicit overrides and rollbacks still apply), and publishes {@link
 * EmergencyEvent.SafeModeEntered}. Exiting restores each of these and publishes {@link
 * EmergencyEvent.SafeModeExited}; a reload that was held back is applied then. A recovery chain
 * enters safe mode with its {@code safe-mode} step.
 *
 * <pre>{@code
 * system.emergency().enterSafeMode("model provider leaking data, incident 4711");
 * // ... later
 * system.emergency().exitSafeMode();
 * }</pre>
 *
 * <p>Both calls are idempotent and return at once; components stop and start again in the
 * background, each with its {@link dev.armature.api.ComponentEvent}s. Thread-safe.
 *
 * @since 0.1
 */
public interface Emergency {
    /**
     * Enters safe mode, unless the system is in it already.
     *
     * @param reason why, for the events, the logs and people; not blank
     * @return whether this call entered it; {@code false} when it was in safe mode already, whose
     *     first reason is kept
     * @throws IllegalArgumentException if the reason is blank
     * @throws dev.armature.api.IllegalLifecycleException if the system is not running
     */
    boolean enterSafeMode(String reason);

    /**
     * Leaves safe mode: starts again the components it stopped, releases the circuits it forced
     * open, and thaws configuration reloads.
     *
     * @return whether this call left it; {@code false} when the system was not in safe mode
     */
    boolean exitSafeMode();

    /**
     * Returns safe mode's state while the system is in it.
     *
     * @return the state, or empty outside safe mode
     */
    Optional<SafeMode> safeMode();
}

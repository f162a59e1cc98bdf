package dev.armature.api.resilience;

import java.util.List;
import java.util.Optional;

/**
 * The system's recovery chains: what they are doing, and the hand a person gives them.
 *
 * <p>A chain is bound to a {@link RecoveryTarget}. A component's chain starts where the
 * supervisor gives up (its restarts, backoff and intensity are the chain's first step), a guard's
 * when its circuit opens, a fingerprint's on a new-error, spike or escalating finding. The chain
 * then walks its steps — fallback, restore the last good checkpoint, manual intervention, or the
 * host's own — each an event ({@link RecoveryEvent}). A component without a chain of its own gets
 * the default one: restore the last good checkpoint, then manual intervention.
 *
 * <pre>{@code
 * for (RecoveryStatus r : system.recovery().active()) {
 *     if (r.phase() == RecoveryPhase.PAUSED) {
 *         page(r.target() + " needs a person: " + r.trigger());
 *     }
 * }
 * // ... once a person has repaired it:
 * system.recovery().resume(RecoveryTarget.component("model-gateway"), "restarted the proxy");
 * }</pre>
 *
 * <p>Thread-safe.
 *
 * @since 0.1
 */
public interface Recovery {
    /**
     * Returns the recoveries in progress, in the order they started.
     *
     * @return the active recoveries
     */
    List<RecoveryStatus> active();

    /**
     * Returns the recovery in progress for a target.
     *
     * @param target the target
     * @return its status, or empty when none is active
     */
    Optional<RecoveryStatus> status(RecoveryTarget target);

    /**
     * Starts the target's chain now, as its own signal would; does nothing while one is active.
     *
     * @param target the target, which needs a chain (components always have one)
     * @param reason why, for the events and people
     * @return whether a recovery started
     * @throws IllegalArgumentException if no chain is bound to the target
     */
    boolean trigger(RecoveryTarget target, String reason);

    /**
     * Ends a target's recovery by hand — a person has dealt with it — undoing the steps that
     * declared {@link Rollback#ALWAYS}, as any end of a recovery does.
     *
     * @param target the target
     * @param note what the person did, kept in the event
     * @return whether a recovery was active and ended
     */
    boolean resume(RecoveryTarget target, String note);
}

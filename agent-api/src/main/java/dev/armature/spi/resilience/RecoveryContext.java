package dev.armature.spi.resilience;

import dev.armature.api.AgentSystem;
import dev.armature.api.Checkpoint;
import dev.armature.api.resilience.RecoveryTarget;
import java.util.Optional;
import java.util.function.Function;

/**
 * What a {@link RecoveryStep} sees: the target, why the chain runs, the system, and the recovery
 * actions that only the runtime can take.
 *
 * @since 0.1
 */
public interface RecoveryContext {
    /**
     * Returns what is being recovered.
     *
     * @return the target
     */
    RecoveryTarget target();

    /**
     * Returns why the chain runs: the supervisor's escalation, the circuit's opening, the finding, or
     * the reason of a trigger by hand; and, after a deviation, the new failure.
     *
     * @return the trigger, for people
     */
    String trigger();

    /**
     * Returns the system, for everything else a step needs (its guards, configuration, emergency).
     *
     * @return the system
     */
    AgentSystem system();

    /**
     * Starts a failed component again from its last good checkpoint: the newest intact one that was
     * taken before its failures began and that none of its failed starts or runs had been restored
     * from. Damaged checkpoints are skipped, each with a {@link
     * dev.armature.api.ComponentEvent.CheckpointSkipped}. The dependents that stopped with the
     * component start again too, and the supervisor watches the component afresh.
     *
     * @param component the component's name
     * @return the checkpoint it starts from, or empty — and nothing restarted — when there is none
     * @throws IllegalArgumentException if no component has the name
     * @throws dev.armature.api.IllegalLifecycleException if the component has not failed, or the
     *     system is not running
     */
    Optional<Checkpoint> restartFromLastGoodCheckpoint(String component);

    /**
     * Makes a guard answer every failed call with a fallback until {@link #stopAnswering}: a call
     * that begins from now on and would throw (its own failure, an open circuit, a timeout) returns
     * the fallback's value instead. A fallback given to the call itself still comes first.
     *
     * @param guard the guard's name
     * @param fallback the answer for a failure; must return what the guard's callers expect
     */
    void answerWith(String guard, Function<Throwable, ?> fallback);

    /**
     * Makes a guard answer every failed call with the value of its last successful call, until
     * {@link #stopAnswering}. Guards remember that value only when a step asked for it in {@link
     * RecoveryStep#prepare}, as {@link RecoverySteps#lastGood} does.
     *
     * @param guard the guard's name
     * @return whether a value was remembered; when not, nothing changed
     */
    boolean answerWithLastGood(String guard);

    /**
     * Ends a fallback set by {@link #answerWith} or {@link #answerWithLastGood}.
     *
     * @param guard the guard's name
     */
    void stopAnswering(String guard);
}

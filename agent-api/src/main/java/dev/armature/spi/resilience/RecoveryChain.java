package dev.armature.spi.resilience;

import static java.util.Objects.requireNonNull;

import dev.armature.api.resilience.RecoveryTarget;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The steps a target's recovery walks, in order. One chain per target; a component without one
 * gets {@link #defaultFor(String)}.
 *
 * <pre>{@code
 * AgentSystem.builder()
 *     .addRecoveryChain(RecoveryChain.of(
 *             RecoveryTarget.component("model-gateway"),
 *             RecoverySteps.lastGood("model.chat"),
 *             RecoverySteps.restoreCheckpoint(),
 *             RecoverySteps.safeMode(),
 *             RecoverySteps.manualIntervention()))
 * }</pre>
 *
 * @param target what the chain recovers
 * @param steps the steps, in order; at least one, with distinct names
 * @since 0.1
 */
public record RecoveryChain(RecoveryTarget target, List<RecoveryStep> steps) {
    private static final Pattern STEP_NAME = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");

    /**
     * Checks every part and copies the list.
     *
     * @param target the target
     * @param steps the steps
     * @throws IllegalArgumentException if there is no step, or a step's name is not lower-case
     *     words joined by hyphens or repeats
     */
    public RecoveryChain {
        requireNonNull(target, "target");
        steps = List.copyOf(steps);
        if (steps.isEmpty()) {
            throw new IllegalArgumentException("the recovery chain of " + target + " has no step; give at least one");
        }
        Set<String> names = new HashSet<>();
        for (RecoveryStep step : steps) {
            String name = requireNonNull(step.name(), "a recovery step's name");
            requireNonNull(step.rollback(), () -> "the rollback of recovery step " + name);
            if (!STEP_NAME.matcher(name).matches()) {
                throw new IllegalArgumentException("recovery step name \"" + name + "\" in the chain of " + target
                        + " must be lower-case words joined by hyphens, such as switch-to-backup");
            }
            if (!names.add(name)) {
                throw new IllegalArgumentException(
                        "the recovery chain of " + target + " has two steps named " + name + "; rename one");
            }
        }
    }

    /**
     * Returns a chain of the given steps.
     *
     * @param target what it recovers
     * @param steps the steps, in order
     * @return the chain
     */
    public static RecoveryChain of(RecoveryTarget target, RecoveryStep... steps) {
        return new RecoveryChain(target, List.of(steps));
    }

    /**
     * Returns the chain of a component that has none of its own: restore the last good checkpoint,
     * then manual intervention.
     *
     * @param component the component's name
     * @return the chain
     */
    public static RecoveryChain defaultFor(String component) {
        return of(
                RecoveryTarget.component(component),
                RecoverySteps.restoreCheckpoint(),
                RecoverySteps.manualIntervention());
    }
}

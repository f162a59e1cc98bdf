package dev.armature.api.resilience;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.List;

/**
 * An active recovery, as {@link Recovery#active()} reports it.
 *
 * @param target what is being recovered
 * @param phase where the recovery is
 * @param step the name of the step running, watched or paused at
 * @param trigger why the recovery started
 * @param startedAt when it started, by the system's time source
 * @param stepsTried the names of the steps tried so far, in order
 * @since 0.1
 */
public record RecoveryStatus(
        RecoveryTarget target,
        RecoveryPhase phase,
        String step,
        String trigger,
        Instant startedAt,
        List<String> stepsTried) {
    /**
     * Checks every part and copies the list.
     *
     * @param target the target
     * @param phase the phase
     * @param step the step
     * @param trigger the trigger
     * @param startedAt the start
     * @param stepsTried the steps tried
     */
    public RecoveryStatus {
        requireNonNull(target, "target");
        requireNonNull(phase, "phase");
        requireNonNull(step, "step");
        requireNonNull(trigger, "trigger");
        requireNonNull(startedAt, "startedAt");
        stepsTried = List.copyOf(stepsTried);
    }
}

package dev.armature.core.internal.incident.escalation;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Optional;

/**
 * Internal: where an {@link EscalationRun} is in its policy, the small record the incident manager
 * persists with the incident so that a restart resumes the run without repeating or skipping a step.
 *
 * @param step the index (from 0) of the step running or to run next; the number of steps when the
 *     steps have ended
 * @param repeatsDone how many times the policy's {@code repeat} has started it again
 * @param waitStartedAt when the wait at {@code step} began, if {@code step} is a wait that has begun
 */
public record EscalationPosition(int step, int repeatsDone, Optional<Instant> waitStartedAt) {
    /** The position of a run that has not run any step. */
    public static final EscalationPosition START = new EscalationPosition(0, 0, Optional.empty());

    /** Checks the parts. */
    public EscalationPosition {
        requireNonNull(waitStartedAt, "waitStartedAt");
        if (step < 0 || repeatsDone < 0) {
            throw new IllegalArgumentException(
                    "an escalation position counts from 0, was step " + step + ", repeats " + repeatsDone);
        }
    }

    EscalationPosition next() {
        return new EscalationPosition(step + 1, repeatsDone, Optional.empty());
    }

    EscalationPosition waitingSince(Instant at) {
        return new EscalationPosition(step, repeatsDone, Optional.of(at));
    }
}

package dev.armature.spi.resilience;

import static java.util.Objects.requireNonNull;

import dev.armature.api.resilience.StepOutcome;

/**
 * What a {@link RecoveryStep} achieved, and what it did in words for the events.
 *
 * @param outcome what it achieved
 * @param detail what it did, for people; never a secret
 * @since 0.1
 */
public record StepResult(StepOutcome outcome, String detail) {
    /**
     * Checks every part.
     *
     * @param outcome the outcome
     * @param detail the detail
     */
    public StepResult {
        requireNonNull(outcome, "outcome");
        requireNonNull(detail, "detail");
    }

    /**
     * The target works again.
     *
     * @param detail what the step did
     * @return the result
     */
    public static StepResult recovered(String detail) {
        return new StepResult(StepOutcome.RECOVERED, detail);
    }

    /**
     * The step acted, and the chain goes on.
     *
     * @param detail what the step did
     * @return the result
     */
    public static StepResult proceed(String detail) {
        return new StepResult(StepOutcome.CONTINUE, detail);
    }

    /**
     * The step does not apply.
     *
     * @param detail why not
     * @return the result
     */
    public static StepResult skipped(String detail) {
        return new StepResult(StepOutcome.SKIPPED, detail);
    }

    /**
     * The step failed.
     *
     * @param detail what went wrong
     * @return the result
     */
    public static StepResult failed(String detail) {
        return new StepResult(StepOutcome.FAILED, detail);
    }

    /**
     * Automation stops and waits for a person.
     *
     * @param detail what the person should know
     * @return the result
     */
    public static StepResult pause(String detail) {
        return new StepResult(StepOutcome.PAUSE, detail);
    }
}

package dev.armature.spi.incident;

import static java.util.Objects.requireNonNull;

import dev.armature.api.incident.RunbookStepKind;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * One step of a {@link Runbook}: a {@link Check}, an {@link Action} or a {@link Gate}. Each has a
 * name (lower-case words joined by hyphens, unique in its runbook), an optional precondition (when
 * it is false the step is skipped, and the skip recorded) and a timeout ({@link #DEFAULT_TIMEOUT}
 * unless set). Immutable; {@link #when} and {@link #withTimeout} return changed copies.
 *
 * <pre>{@code
 * RunbookStep.action("open-circuit", RunbookActions.openCircuit("model.chat"))
 *         .when(context -> context.incident().severity().compareTo(Severity.SEV3) <= 0)
 *         .withTimeout(Duration.ofSeconds(10));
 * }</pre>
 *
 * @since 0.1
 */
public sealed interface RunbookStep permits RunbookStep.Check, RunbookStep.Action, RunbookStep.Gate {
    /** How long a step may take unless it says otherwise: one minute. */
    Duration DEFAULT_TIMEOUT = Duration.ofMinutes(1);

    /**
     * Returns the step's name.
     *
     * @return the name
     */
    String name();

    /**
     * Returns what kind of step it is.
     *
     * @return the kind
     */
    RunbookStepKind kind();

    /**
     * Returns the precondition; the step runs only when it holds. A precondition that throws fails
     * the step.
     *
     * @return the precondition, or empty when the step always runs
     */
    Optional<Predicate<RunbookContext>> precondition();

    /**
     * Returns how long the step may take: a check or action that runs longer is interrupted and
     * fails as {@code TIMED_OUT}, as does a gate nobody approves in time.
     *
     * @return the timeout, positive
     */
    Duration timeout();

    /**
     * Returns the step with a precondition.
     *
     * @param condition when the step runs
     * @return the changed copy
     */
    RunbookStep when(Predicate<RunbookContext> condition);

    /**
     * Returns the step with a timeout.
     *
     * @param limit how long it may take, positive
     * @return the changed copy
     * @throws IllegalArgumentException if the limit is not positive
     */
    RunbookStep withTimeout(Duration limit);

    /**
     * Returns a check step.
     *
     * @param name the step's name
     * @param check the probe
     * @return the step, without precondition, with the default timeout
     */
    static RunbookStep check(String name, RunbookCheck check) {
        return new Check(name, check, Optional.empty(), DEFAULT_TIMEOUT);
    }

    /**
     * Returns an action step.
     *
     * @param name the step's name
     * @param action the action
     * @return the step, without precondition, with the default timeout
     */
    static RunbookStep action(String name, RunbookAction action) {
        return new Action(name, action, Optional.empty(), DEFAULT_TIMEOUT);
    }

    /**
     * Returns a manual gate: the run waits until a person approves the step through the incident
     * API, or fails when nobody does within the timeout (set a longer one than the default for
     * gates that wait for people).
     *
     * @param name the step's name
     * @param approverRole who is to approve, such as {@code incident-commander}; recorded with the
     *     wait
     * @return the step, without precondition, with the default timeout
     */
    static RunbookStep gate(String name, String approverRole) {
        return new Gate(name, approverRole, Optional.empty(), DEFAULT_TIMEOUT);
    }

    private static Duration positive(Duration limit) {
        requireNonNull(limit, "limit");
        if (limit.isNegative() || limit.isZero()) {
            throw new IllegalArgumentException("a runbook step's timeout must be positive, was " + limit);
        }
        return limit;
    }

    /**
     * A probe that passes or fails.
     *
     * @param name the name
     * @param check the probe
     * @param precondition when it runs
     * @param timeout how long it may take
     */
    record Check(String name, RunbookCheck check, Optional<Predicate<RunbookContext>> precondition, Duration timeout)
            implements RunbookStep {
        /**
         * Checks every part.
         *
         * @param name the name
         * @param check the probe
         * @param precondition when it runs
         * @param timeout how long it may take
         */
        public Check {
            requireNonNull(name, "name");
            requireNonNull(check, "check");
            requireNonNull(precondition, "precondition");
            positive(timeout);
        }

        @Override
        public RunbookStepKind kind() {
            return RunbookStepKind.CHECK;
        }

        @Override
        public Check when(Predicate<RunbookContext> condition) {
            return new Check(name, check, Optional.of(condition), timeout);
        }

        @Override
        public Check withTimeout(Duration limit) {
            return new Check(name, check, precondition, limit);
        }
    }

    /**
     * An automated action, with the rollback it declares.
     *
     * @param name the name
     * @param action the action
     * @param precondition when it runs
     * @param timeout how long it (and, when it fails, its rollback) may take
     */
    record Action(String name, RunbookAction action, Optional<Predicate<RunbookContext>> precondition, Duration timeout)
            implements RunbookStep {
        /**
         * Checks every part.
         *
         * @param name the name
         * @param action the action
         * @param precondition when it runs
         * @param timeout how long it may take
         */
        public Action {
            requireNonNull(name, "name");
            requireNonNull(action, "action");
            requireNonNull(precondition, "precondition");
            positive(timeout);
        }

        @Override
        public RunbookStepKind kind() {
            return RunbookStepKind.ACTION;
        }

        @Override
        public Action when(Predicate<RunbookContext> condition) {
            return new Action(name, action, Optional.of(condition), timeout);
        }

        @Override
        public Action withTimeout(Duration limit) {
            return new Action(name, action, precondition, limit);
        }
    }

    /**
     * A manual gate.
     *
     * @param name the name
     * @param approverRole who is to approve
     * @param precondition when it waits
     * @param timeout how long it waits
     */
    record Gate(String name, String approverRole, Optional<Predicate<RunbookContext>> precondition, Duration timeout)
            implements RunbookStep {
        /**
         * Checks every part.
         *
         * @param name the name
         * @param approverRole who approves; not blank
         * @param precondition when it waits
         * @param timeout how long it waits
         */
        public Gate {
            requireNonNull(name, "name");
            requireNonNull(approverRole, "approverRole");
            requireNonNull(precondition, "precondition");
            positive(timeout);
            if (approverRole.isBlank()) {
                throw new IllegalArgumentException(
                        "gate " + name + " needs an approver role, such as incident-commander");
            }
        }

        @Override
        public RunbookStepKind kind() {
            return RunbookStepKind.GATE;
        }

        @Override
        public Gate when(Predicate<RunbookContext> condition) {
            return new Gate(name, approverRole, Optional.of(condition), timeout);
        }

        @Override
        public Gate withTimeout(Duration limit) {
            return new Gate(name, approverRole, precondition, limit);
        }
    }
}

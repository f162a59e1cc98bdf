package dev.armature.api.resilience;

import static java.util.Objects.requireNonNull;

import dev.armature.api.event.Event;
import dev.armature.api.event.EventType;
import java.time.Duration;
import java.util.List;

/**
 * The events of recovery chains, published with the source {@code recovery}: each step of each
 * chain is one.
 *
 * @since 0.1
 */
public sealed interface RecoveryEvent extends Event
        permits RecoveryEvent.Started,
                RecoveryEvent.StepStarted,
                RecoveryEvent.StepFinished,
                RecoveryEvent.RolledBack,
                RecoveryEvent.Deviated,
                RecoveryEvent.ManualInterventionRequired,
                RecoveryEvent.Ended {
    /**
     * Returns what the event is about.
     *
     * @return the target
     */
    RecoveryTarget target();

    /** How a recovery ended. */
    enum Resolution {
        /** A step recovered the target, and it stayed well for the stable period. */
        RECOVERED,
        /** The target became well by itself, such as a circuit that closed. */
        HEALED,
        /** A person ended it. */
        RESUMED,
        /** The system stopped first. */
        ABANDONED
    }

    /**
     * A recovery started.
     *
     * @param target what is recovered
     * @param trigger why: the supervisor's escalation, the circuit's opening, the finding, or a trigger by hand
     * @param steps the names of the chain's steps, in order
     */
    record Started(RecoveryTarget target, String trigger, List<String> steps) implements RecoveryEvent {
        /** The stable type of this event. */
        public static final EventType TYPE = EventType.v1("armature.recovery.started");

        /**
         * Checks every part.
         *
         * @param target what is recovered
         * @param trigger why
         * @param steps the names of the chain's steps
         */
        public Started {
            requireNonNull(target, "target");
            requireNonNull(trigger, "trigger");
            steps = List.copyOf(steps);
        }

        @Override
        public EventType type() {
            return TYPE;
        }
    }

    /**
     * A step began.
     *
     * @param target what is recovered
     * @param step the step's name
     * @param index its place in the chain, from 0
     * @param rollback when its action is undone
     */
    record StepStarted(RecoveryTarget target, String step, int index, Rollback rollback) implements RecoveryEvent {
        /** The stable type of this event. */
        public static final EventType TYPE = EventType.v1("armature.recovery.step-started");

        /**
         * Checks every part.
         *
         * @param target what is recovered
         * @param step the step's name
         * @param index its place in the chain
         * @param rollback when its action is undone
         */
        public StepStarted {
            requireNonNull(target, "target");
            requireNonNull(step, "step");
            requireNonNull(rollback, "rollback");
        }

        @Override
        public EventType type() {
            return TYPE;
        }
    }

    /**
     * A step ended.
     *
     * @param target what is recovered
     * @param step the step's name
     * @param index its place in the chain, from 0
     * @param outcome what it achieved
     * @param detail what it did, for people
     */
    record StepFinished(RecoveryTarget target, String step, int index, StepOutcome outcome, String detail)
            implements RecoveryEvent {
        /** The stable type of this event. */
        public static final EventType TYPE = EventType.v1("armature.recovery.step-finished");

        /**
         * Checks every part.
         *
         * @param target what is recovered
         * @param step the step's name
         * @param index its place in the chain
         * @param outcome what it achieved
         * @param detail what it did
         */
        public StepFinished {
            requireNonNull(target, "target");
            requireNonNull(step, "step");
            requireNonNull(outcome, "outcome");
            requireNonNull(detail, "detail");
        }

        @Override
        public EventType type() {
            return TYPE;
        }
    }

    /**
     * A step's action was undone, as it declared.
     *
     * @param target what is recovered
     * @param step the step's name
     * @param why why now: the recovery ended, the step failed, or the target deviated
     * @param succeeded whether the undo worked; when it did not, the step's error was logged
     */
    record RolledBack(RecoveryTarget target, String step, String why, boolean succeeded) implements RecoveryEvent {
        /** The stable type of this event. */
        public static final EventType TYPE = EventType.v1("armature.recovery.rolled-back");

        /**
         * Checks every part.
         *
         * @param target what is recovered
         * @param step the step's name
         * @param why why now
         * @param succeeded whether the undo worked; when it did not
         */
        public RolledBack {
            requireNonNull(target, "target");
            requireNonNull(step, "step");
            requireNonNull(why, "why");
        }

        @Override
        public EventType type() {
            return TYPE;
        }
    }

    /**
     * The target failed again while the chain watched it after a step recovered it.
     *
     * @param target what is recovered
     * @param step the step that had recovered it
     * @param signal the new failure
     */
    record Deviated(RecoveryTarget target, String step, String signal) implements RecoveryEvent {
        /** The stable type of this event. */
        public static final EventType TYPE = EventType.v1("armature.recovery.deviated");

        /**
         * Checks every part.
         *
         * @param target what is recovered
         * @param step the step that had recovered it
         * @param signal the new failure
         */
        public Deviated {
            requireNonNull(target, "target");
            requireNonNull(step, "step");
            requireNonNull(signal, "signal");
        }

        @Override
        public EventType type() {
            return TYPE;
        }
    }

    /**
     * Automation stopped and asks for a person, who ends the recovery with {@link Recovery#resume}.
     *
     * @param target what is recovered
     * @param reason why a person is needed
     * @param stepsTried the steps tried before, in order
     */
    record ManualInterventionRequired(RecoveryTarget target, String reason, List<String> stepsTried)
            implements RecoveryEvent {
        /** The stable type of this event. */
        public static final EventType TYPE = EventType.v1("armature.recovery.manual-intervention-required");

        /**
         * Checks every part.
         *
         * @param target what is recovered
         * @param reason why a person is needed
         * @param stepsTried the steps tried before
         */
        public ManualInterventionRequired {
            requireNonNull(target, "target");
            requireNonNull(reason, "reason");
            stepsTried = List.copyOf(stepsTried);
        }

        @Override
        public EventType type() {
            return TYPE;
        }
    }

    /**
     * A recovery ended.
     *
     * @param target what was recovered
     * @param resolution how it ended
     * @param detail by which step, or the person's note
     * @param took how long it was active
     */
    record Ended(RecoveryTarget target, Resolution resolution, String detail, Duration took) implements RecoveryEvent {
        /** The stable type of this event. */
        public static final EventType TYPE = EventType.v1("armature.recovery.ended");

        /**
         * Checks every part.
         *
         * @param target what was recovered
         * @param resolution how it ended
         * @param detail by which step
         * @param took how long it was active
         */
        public Ended {
            requireNonNull(target, "target");
            requireNonNull(resolution, "resolution");
            requireNonNull(detail, "detail");
            requireNonNull(took, "took");
        }

        @Override
        public EventType type() {
            return TYPE;
        }
    }
}

package dev.armature.api;

import static java.util.Objects.requireNonNull;

import dev.armature.api.event.Event;
import dev.armature.api.event.EventType;
import dev.armature.api.health.CheckKind;
import dev.armature.api.health.HealthStatus;
import java.time.Duration;
import java.util.Optional;

/**
 * The events of the component lifecycle and its supervision, published by the orchestrator with
 * the source {@code orchestrator}.
 *
 * @since 0.1
 */
public sealed interface ComponentEvent extends Event
        permits ComponentEvent.StateChanged,
                ComponentEvent.RestartScheduled,
                ComponentEvent.Escalated,
                ComponentEvent.HealthChanged,
                ComponentEvent.CheckpointSaved,
                ComponentEvent.CheckpointRestored,
                ComponentEvent.CheckpointSkipped {
    /**
     * Returns the component the event is about.
     *
     * @return the component's name
     */
    String component();

    /**
     * A component moved from one lifecycle state to another. It reports the component's current
     * state, so subscribers that ask for replay first receive the latest one of every component.
     *
     * @param component the component's name
     * @param from the previous state
     * @param to the new state
     * @param generation the component's generation, 0 before its first start
     * @param cause the failure behind the move, if one caused it
     */
    record StateChanged(
            String component, ComponentState from, ComponentState to, long generation, Optional<FailureInfo> cause)
            implements ComponentEvent {
        /** The stable type of this event. */
        public static final EventType TYPE = EventType.v1("armature.component.state-changed");

        /**
         * Checks that every part is present.
         *
         * @param component the component's name
         * @param from the previous state
         * @param to the new state
         * @param generation the generation
         * @param cause the failure, if any
         */
        public StateChanged {
            requireNonNull(component, "component");
            requireNonNull(from, "from");
            requireNonNull(to, "to");
            requireNonNull(cause, "cause");
        }

        @Override
        public EventType type() {
            return TYPE;
        }

        @Override
        public Optional<String> stateKey() {
            return Optional.of("component:" + component);
        }
    }

    /**
     * The supervisor will start a component again after a delay.
     *
     * @param component the component's name
     * @param attempt the restart's number since the backoff was last reset, from 1
     * @param delay the backoff delay before the start
     * @param cause the failure that caused the restart, or empty when the component completed
     */
    record RestartScheduled(String component, int attempt, Duration delay, Optional<FailureInfo> cause)
            implements ComponentEvent {
        /** The stable type of this event. */
        public static final EventType TYPE = EventType.v1("armature.component.restart-scheduled");

        /**
         * Checks that every part is present.
         *
         * @param component the component's name
         * @param attempt the restart number
         * @param delay the delay
         * @param cause the failure, if any
         */
        public RestartScheduled {
            requireNonNull(component, "component");
            requireNonNull(delay, "delay");
            requireNonNull(cause, "cause");
        }

        @Override
        public EventType type() {
            return TYPE;
        }
    }

    /**
     * The supervisor gave up on a component: it failed more often than its restart intensity allows.
     * The component is FAILED and its dependents have been stopped; recovery and incident handling
     * act on this event.
     *
     * @param component the component's name
     * @param restarts the restarts within the window, including the refused one
     * @param window the intensity window
     * @param cause the last failure
     */
    record Escalated(String component, int restarts, Duration window, Optional<FailureInfo> cause)
            implements ComponentEvent {
        /** The stable type of this event. */
        public static final EventType TYPE = EventType.v1("armature.component.escalated");

        /**
         * Checks that every part is present.
         *
         * @param component the component's name
         * @param restarts the restarts within the window
         * @param window the window
         * @param cause the last failure, if any
         */
        public Escalated {
            requireNonNull(component, "component");
            requireNonNull(window, "window");
            requireNonNull(cause, "cause");
        }

        @Override
        public EventType type() {
            return TYPE;
        }
    }

    /**
     * A component's health check changed its result.
     *
     * @param component the component's name
     * @param check the check's name
     * @param kind the check's kind
     * @param from the previous status
     * @param to the new status
     * @param detail why, when the check failed or returned nothing
     */
    record HealthChanged(
            String component,
            String check,
            CheckKind kind,
            HealthStatus from,
            HealthStatus to,
            Optional<FailureInfo> detail)
            implements ComponentEvent {
        /** The stable type of this event. */
        public static final EventType TYPE = EventType.v1("armature.component.health-changed");

        /**
         * Checks that every part is present.
         *
         * @param component the component's name
         * @param check the check's name
         * @param kind the check's kind
         * @param from the previous status
         * @param to the new status
         * @param detail the failure, if any
         */
        public HealthChanged {
            requireNonNull(component, "component");
            requireNonNull(check, "check");
            requireNonNull(kind, "kind");
            requireNonNull(from, "from");
            requireNonNull(to, "to");
            requireNonNull(detail, "detail");
        }

        @Override
        public EventType type() {
            return TYPE;
        }

        @Override
        public Optional<String> stateKey() {
            return Optional.of("health:" + component + "/" + check);
        }
    }

    /**
     * A component's checkpoint was stored; the oldest beyond the last three was replaced.
     * Published once the component is free again, so a listener may ask for the next one at once.
     *
     * @param component the component's name
     * @param sequence the checkpoint's number
     * @param bytes the size of the component's state
     */
    record CheckpointSaved(String component, long sequence, int bytes) implements ComponentEvent {
        /** The stable type of this event. */
        public static final EventType TYPE = EventType.v1("armature.component.checkpoint-saved");

        /**
         * Checks that every part is present.
         *
         * @param component the component's name
         * @param sequence the checkpoint's number
         * @param bytes the size of the state
         */
        public CheckpointSaved {
            requireNonNull(component, "component");
        }

        @Override
        public EventType type() {
            return TYPE;
        }
    }

    /**
     * A checkpoint was handed to a component's {@code restore} before its start.
     *
     * @param component the component's name
     * @param sequence the checkpoint's number
     * @param version the checkpoint's version
     */
    record CheckpointRestored(String component, long sequence, String version) implements ComponentEvent {
        /** The stable type of this event. */
        public static final EventType TYPE = EventType.v1("armature.component.checkpoint-restored");

        /**
         * Checks that every part is present.
         *
         * @param component the component's name
         * @param sequence the checkpoint's number
         * @param version the checkpoint's version
         */
        public CheckpointRestored {
            requireNonNull(component, "component");
            requireNonNull(version, "version");
        }

        @Override
        public EventType type() {
            return TYPE;
        }
    }

    /**
     * A stored checkpoint was unreadable or failed its checksum, and an older one was tried instead.
     *
     * @param component the component's name
     * @param slot the storage slot that held it
     * @param reason why it was skipped
     */
    record CheckpointSkipped(String component, int slot, String reason) implements ComponentEvent {
        /** The stable type of this event. */
        public static final EventType TYPE = EventType.v1("armature.component.checkpoint-skipped");

        /**
         * Checks that every part is present.
         *
         * @param component the component's name
         * @param slot the storage slot
         * @param reason why it was skipped
         */
        public CheckpointSkipped {
            requireNonNull(component, "component");
            requireNonNull(reason, "reason");
        }

        @Override
        public EventType type() {
            return TYPE;
        }
    }
}

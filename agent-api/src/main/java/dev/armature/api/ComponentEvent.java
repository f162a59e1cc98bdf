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
                ComponentEvent.HealthChanged {
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
}

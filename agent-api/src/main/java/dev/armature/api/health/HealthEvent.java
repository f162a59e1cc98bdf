package dev.armature.api.health;

import static java.util.Objects.requireNonNull;

import dev.armature.api.event.Event;
import dev.armature.api.event.EventType;
import java.time.Instant;
import java.util.Optional;

/**
 * The events of the health checker, published with the source {@code armature.health} on every change of a
 * check's status (after hysteresis) and of the overall status. Both report current state, so a
 * subscriber that asks for replay first receives the latest of each.
 *
 * <p>They are not {@code ComponentEvent.HealthChanged}: that event is the supervisor's, about the
 * {@link HealthCheck}s components offer for liveness, raw and per component, and it drives
 * restarts. These are about the checks of the whole system as the health checker weighs them, with
 * hysteresis, criticality and the overall status; nothing restarts on them.
 *
 * @since 0.1
 */
public sealed interface HealthEvent extends Event
        permits HealthEvent.CheckStatusChanged, HealthEvent.SystemStatusChanged {
    /**
     * A check's status changed.
     *
     * @param check the check's name
     * @param component the component it is about, if any
     * @param kind what it is for
     * @param criticality how much it weighs
     * @param from the status before
     * @param to the status after
     * @param flapping whether it is flapping
     * @param error why, when the result that caused the change was not UP
     * @param at when the result that caused the change was recorded
     */
    record CheckStatusChanged(
            String check,
            Optional<String> component,
            CheckKind kind,
            Criticality criticality,
            HealthStatus from,
            HealthStatus to,
            boolean flapping,
            Optional<String> error,
            Instant at)
            implements HealthEvent {
        /** The stable type of this event. */
        public static final EventType TYPE = EventType.v1("armature.health.check-status-changed");

        /**
         * Checks every part.
         *
         * @param check the check's name
         * @param component the component, if any
         * @param kind the kind
         * @param criticality the criticality
         * @param from the status before
         * @param to the status after
         * @param flapping whether flapping
         * @param error why, if not UP
         * @param at when
         */
        public CheckStatusChanged {
            requireNonNull(check, "check");
            requireNonNull(component, "component");
            requireNonNull(kind, "kind");
            requireNonNull(criticality, "criticality");
            requireNonNull(from, "from");
            requireNonNull(to, "to");
            requireNonNull(error, "error");
            requireNonNull(at, "at");
        }

        @Override
        public EventType type() {
            return TYPE;
        }

        @Override
        public Optional<String> stateKey() {
            return Optional.of("health-check:" + check);
        }
    }

    /**
     * The system's overall status changed.
     *
     * @param from the status before
     * @param to the status after
     * @param at when
     */
    record SystemStatusChanged(HealthStatus from, HealthStatus to, Instant at) implements HealthEvent {
        /** The stable type of this event. */
        public static final EventType TYPE = EventType.v1("armature.health.system-status-changed");

        /**
         * Checks every part.
         *
         * @param from the status before
         * @param to the status after
         * @param at when
         */
        public SystemStatusChanged {
            requireNonNull(from, "from");
            requireNonNull(to, "to");
            requireNonNull(at, "at");
        }

        @Override
        public EventType type() {
            return TYPE;
        }

        @Override
        public Optional<String> stateKey() {
            return Optional.of("health:system");
        }
    }
}

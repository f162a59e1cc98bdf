package dev.armature.api.monitoring;

import static java.util.Objects.requireNonNull;

import dev.armature.api.event.Event;
import dev.armature.api.event.EventType;
import java.time.Instant;
import java.util.Map;

/**
 * The events of alerts, published with the source {@code alerts} on each transition; incident
 * management opens incidents from {@link AlertFired} and resolves them on {@link AlertResolved}.
 *
 * @since 0.1
 */
public sealed interface AlertEvent extends Event
        permits AlertEvent.AlertPending, AlertEvent.AlertFired, AlertEvent.AlertResolved {
    /**
     * Returns the name of the rule whose alert this is.
     *
     * @return the rule's name
     */
    String rule();

    /**
     * Returns the alert's labels, which with the rule's name identify it.
     *
     * @return the labels
     */
    Map<String, String> labels();

    /**
     * An alert's condition began to hold; it fires if it holds for the rule's {@code for} duration.
     *
     * @param rule the rule's name
     * @param labels the alert's labels
     * @param value the value that breached
     * @param activeSince when the condition began to hold
     */
    record AlertPending(String rule, Map<String, String> labels, double value, Instant activeSince)
            implements AlertEvent {
        /** The stable type of this event. */
        public static final EventType TYPE = EventType.v1("armature.alert.pending");

        /**
         * Checks every part and copies the maps.
         *
         * @param rule the rule's name
         * @param labels the alert's labels
         * @param value the value that breached
         * @param activeSince when the condition began to hold
         */
        public AlertPending {
            requireNonNull(rule, "rule");
            labels = Map.copyOf(labels);
            requireNonNull(activeSince, "activeSince");
        }

        @Override
        public EventType type() {
            return TYPE;
        }
    }

    /**
     * An alert fired.
     *
     * @param rule the rule's name
     * @param severity how urgent it is
     * @param labels the alert's labels
     * @param annotations its annotations, templates filled in
     * @param value the value when it fired
     * @param activeSince when its condition began to hold
     * @param firedAt when it fired
     */
    record AlertFired(
            String rule,
            AlertSeverity severity,
            Map<String, String> labels,
            Map<String, String> annotations,
            double value,
            Instant activeSince,
            Instant firedAt)
            implements AlertEvent {
        /** The stable type of this event. */
        public static final EventType TYPE = EventType.v1("armature.alert.fired");

        /**
         * Checks every part and copies the maps.
         *
         * @param rule the rule's name
         * @param severity how urgent it is
         * @param labels the alert's labels
         * @param annotations its annotations, templates filled in
         * @param value the value when it fired
         * @param activeSince when its condition began to hold
         * @param firedAt when it fired
         */
        public AlertFired {
            requireNonNull(rule, "rule");
            requireNonNull(severity, "severity");
            labels = Map.copyOf(labels);
            annotations = Map.copyOf(annotations);
            requireNonNull(activeSince, "activeSince");
            requireNonNull(firedAt, "firedAt");
        }

        @Override
        public EventType type() {
            return TYPE;
        }
    }

    /**
     * A firing alert resolved.
     *
     * @param rule the rule's name
     * @param severity how urgent it was
     * @param labels the alert's labels
     * @param value the value when it resolved; {@code NaN} when it resolved for want of data
     * @param firedAt when it fired
     * @param resolvedAt when it resolved
     */
    record AlertResolved(
            String rule,
            AlertSeverity severity,
            Map<String, String> labels,
            double value,
            Instant firedAt,
            Instant resolvedAt)
            implements AlertEvent {
        /** The stable type of this event. */
        public static final EventType TYPE = EventType.v1("armature.alert.resolved");

        /**
         * Checks every part and copies the maps.
         *
         * @param rule the rule's name
         * @param severity how urgent it was
         * @param labels the alert's labels
         * @param value the value when it resolved; {@code NaN} when it resolved for want of data
         * @param firedAt when it fired
         * @param resolvedAt when it resolved
         */
        public AlertResolved {
            requireNonNull(rule, "rule");
            requireNonNull(severity, "severity");
            labels = Map.copyOf(labels);
            requireNonNull(firedAt, "firedAt");
            requireNonNull(resolvedAt, "resolvedAt");
        }

        @Override
        public EventType type() {
            return TYPE;
        }
    }
}

package dev.armature.api.incident;

import static java.util.Objects.requireNonNull;

import dev.armature.api.event.Event;
import dev.armature.api.event.EventType;

/**
 * The events of incident management, published with the source {@code incidents}: one when an
 * incident opens, one on each change of state, and one for every entry its timeline gains.
 *
 * @since 0.1
 */
public sealed interface IncidentEvent extends Event
        permits IncidentEvent.Opened, IncidentEvent.StateChanged, IncidentEvent.Recorded {
    /**
     * Returns the id of the incident.
     *
     * @return the id
     */
    String incidentId();

    /**
     * An incident was opened.
     *
     * @param incidentId the incident's id
     * @param key what it is about
     * @param title its title
     * @param severity its severity
     * @param priority its priority
     */
    record Opened(String incidentId, IncidentKey key, String title, Severity severity, Priority priority)
            implements IncidentEvent {
        /** The stable type of this event. */
        public static final EventType TYPE = EventType.v1("armature.incident.opened");

        /**
         * Checks every part.
         *
         * @param incidentId the id
         * @param key the key
         * @param title the title
         * @param severity the severity
         * @param priority the priority
         */
        public Opened {
            requireNonNull(incidentId, "incidentId");
            requireNonNull(key, "key");
            requireNonNull(title, "title");
            requireNonNull(severity, "severity");
            requireNonNull(priority, "priority");
        }

        @Override
        public EventType type() {
            return TYPE;
        }
    }

    /**
     * An incident changed state.
     *
     * @param incidentId the incident's id
     * @param from the state before
     * @param to the state now
     * @param actor who moved it
     * @param forced whether a resolve was forced while the source still failed
     */
    record StateChanged(String incidentId, IncidentState from, IncidentState to, String actor, boolean forced)
            implements IncidentEvent {
        /** The stable type of this event. */
        public static final EventType TYPE = EventType.v1("armature.incident.state-changed");

        /**
         * Checks every part.
         *
         * @param incidentId the id
         * @param from the state before
         * @param to the state now
         * @param actor who
         * @param forced whether forced
         */
        public StateChanged {
            requireNonNull(incidentId, "incidentId");
            requireNonNull(from, "from");
            requireNonNull(to, "to");
            requireNonNull(actor, "actor");
        }

        @Override
        public EventType type() {
            return TYPE;
        }
    }

    /**
     * An incident's timeline gained an entry.
     *
     * @param incidentId the incident's id
     * @param entry the entry
     */
    record Recorded(String incidentId, TimelineEntry entry) implements IncidentEvent {
        /** The stable type of this event. */
        public static final EventType TYPE = EventType.v1("armature.incident.recorded");

        /**
         * Checks every part.
         *
         * @param incidentId the id
         * @param entry the entry
         */
        public Recorded {
            requireNonNull(incidentId, "incidentId");
            requireNonNull(entry, "entry");
        }

        @Override
        public EventType type() {
            return TYPE;
        }
    }
}

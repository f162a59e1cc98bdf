package dev.armature.api.config;

import static java.util.Objects.requireNonNull;

import dev.armature.api.event.Event;
import dev.armature.api.event.EventType;
import java.util.List;

/**
 * The events of configuration changes, published with the source {@code config}. They carry keys
 * and violations, never values.
 *
 * @since 0.1
 */
public sealed interface ConfigEvent extends Event
        permits ConfigEvent.Applied, ConfigEvent.Rejected, ConfigEvent.RestartRequired {
    /**
     * Returns the name of the source whose change the event is about.
     *
     * @return the source's name
     */
    String source();

    /**
     * A new version was committed.
     *
     * @param version the new version
     * @param source the source of the change
     * @param changedKeys the keys that changed
     */
    record Applied(long version, String source, List<String> changedKeys) implements ConfigEvent {
        /** The stable type of this event. */
        public static final EventType TYPE = EventType.v1("armature.config.applied");

        /**
         * Checks every part and copies the keys.
         *
         * @param version the version
         * @param source the source
         * @param changedKeys the keys
         */
        public Applied {
            requireNonNull(source, "source");
            changedKeys = List.copyOf(changedKeys);
        }

        @Override
        public EventType type() {
            return TYPE;
        }
    }

    /**
     * A change was refused; the running snapshot stays in force.
     *
     * @param source the source of the change
     * @param violations why
     */
    record Rejected(String source, List<ConfigViolation> violations) implements ConfigEvent {
        /** The stable type of this event. */
        public static final EventType TYPE = EventType.v1("armature.config.rejected");

        /**
         * Checks every part and copies the violations.
         *
         * @param source the source
         * @param violations the violations
         */
        public Rejected {
            requireNonNull(source, "source");
            violations = List.copyOf(violations);
        }

        @Override
        public EventType type() {
            return TYPE;
        }
    }

    /**
     * Keys that are not reloadable changed in a source; they keep their values until a restart.
     *
     * @param source the source of the change
     * @param keys the held-back keys
     */
    record RestartRequired(String source, List<String> keys) implements ConfigEvent {
        /** The stable type of this event. */
        public static final EventType TYPE = EventType.v1("armature.config.restart-required");

        /**
         * Checks every part and copies the keys.
         *
         * @param source the source
         * @param keys the keys
         */
        public RestartRequired {
            requireNonNull(source, "source");
            keys = List.copyOf(keys);
        }

        @Override
        public EventType type() {
            return TYPE;
        }
    }
}

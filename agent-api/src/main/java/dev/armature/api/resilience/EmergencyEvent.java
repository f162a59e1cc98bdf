package dev.armature.api.resilience;

import static java.util.Objects.requireNonNull;

import dev.armature.api.event.Event;
import dev.armature.api.event.EventType;
import java.time.Duration;

/**
 * The events of safe mode, published with the source {@code emergency}.
 *
 * @since 0.1
 */
public sealed interface EmergencyEvent extends Event
        permits EmergencyEvent.SafeModeEntered, EmergencyEvent.SafeModeExited {
    /**
     * The system entered safe mode.
     *
     * @param safeMode what it did
     */
    record SafeModeEntered(SafeMode safeMode) implements EmergencyEvent {
        /** The stable type of this event. */
        public static final EventType TYPE = EventType.v1("armature.emergency.safe-mode-entered");

        /**
         * Checks every part.
         *
         * @param safeMode what it did
         */
        public SafeModeEntered {
            requireNonNull(safeMode, "safeMode");
        }

        @Override
        public EventType type() {
            return TYPE;
        }
    }

    /**
     * The system left safe mode.
     *
     * @param safeMode what safe mode had done, all of which was restored
     * @param lasted how long the system was in safe mode
     */
    record SafeModeExited(SafeMode safeMode, Duration lasted) implements EmergencyEvent {
        /** The stable type of this event. */
        public static final EventType TYPE = EventType.v1("armature.emergency.safe-mode-exited");

        /**
         * Checks every part.
         *
         * @param safeMode what safe mode had done
         * @param lasted how long
         */
        public SafeModeExited {
            requireNonNull(safeMode, "safeMode");
            requireNonNull(lasted, "lasted");
        }

        @Override
        public EventType type() {
            return TYPE;
        }
    }
}

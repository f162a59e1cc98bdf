package dev.armature.api.event;

import java.util.Optional;

/**
 * The payload of an event. The root is open so that plugins and hosts can publish their own
 * events; each Armature area defines a sealed hierarchy of records beneath it.
 *
 * <p>Payloads are immutable records that Jackson can serialise, and never carry secrets.
 *
 * @since 0.1
 */
public interface Event {
    /**
     * Returns the payload's stable type.
     *
     * @return the type
     */
    EventType type();

    /**
     * Returns the key of the state this event reports, when it reports the current state of
     * something (a component's lifecycle state, say). The bus keeps the latest event for each key
     * and replays them to subscribers that ask for the current state.
     *
     * @return the state key, or empty for events that describe a moment rather than a state
     */
    default Optional<String> stateKey() {
        return Optional.empty();
    }
}

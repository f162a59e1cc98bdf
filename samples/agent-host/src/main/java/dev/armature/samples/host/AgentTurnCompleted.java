package dev.armature.samples.host;

import static java.util.Objects.requireNonNull;

import dev.armature.api.event.Event;
import dev.armature.api.event.EventType;

/**
 * A host's own event, published on the system's bus after each agent turn: hosts and plugins extend
 * the open {@link Event} root the same way.
 *
 * @param turn the turn's number, from 1
 * @param filesSeen how many files the tool listed
 * @param action what the model chose to do next
 */
record AgentTurnCompleted(long turn, int filesSeen, String action) implements Event {
    static final EventType TYPE = EventType.v1("sample.agent.turn-completed");

    AgentTurnCompleted {
        requireNonNull(action, "action");
    }

    @Override
    public EventType type() {
        return TYPE;
    }
}

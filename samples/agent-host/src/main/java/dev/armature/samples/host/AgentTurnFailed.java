package dev.armature.samples.host;

import static java.util.Objects.requireNonNull;

import dev.armature.api.event.Event;
import dev.armature.api.event.EventType;

/**
 * Published when an agent turn could not reach the model: the guard refused the call or its last
 * attempt failed. The session goes on with the next turn; the host prints it.
 *
 * @param turn the turn's number, from 1
 * @param reason what went wrong, for people
 */
record AgentTurnFailed(long turn, String reason) implements Event {
    static final EventType TYPE = EventType.v1("sample.agent.turn-failed");

    AgentTurnFailed {
        requireNonNull(reason, "reason");
    }

    @Override
    public EventType type() {
        return TYPE;
    }
}

package dev.armature.api.event;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * One published event with its metadata.
 *
 * @param <E> the payload's type
 * @param id a unique id
 * @param sequence the position in the system's publication order, starting at 1, without gaps
 * @param timestamp when it was published, from the system's {@code TimeSource}
 * @param source who published it, for example {@code orchestrator} or a component's name
 * @param correlationId an id that ties related events together, if any
 * @param type the payload's stable type
 * @param payload the event itself
 * @since 0.1
 */
public record EventEnvelope<E extends Event>(
        UUID id,
        long sequence,
        Instant timestamp,
        String source,
        Optional<String> correlationId,
        EventType type,
        E payload) {
    /**
     * Checks that every part is present.
     *
     * @param id a unique id
     * @param sequence the publication sequence number, at least 1
     * @param timestamp when it was published
     * @param source who published it
     * @param correlationId an id tying related events together, if any
     * @param type the payload's type
     * @param payload the event
     */
    public EventEnvelope {
        requireNonNull(id, "id");
        requireNonNull(timestamp, "timestamp");
        requireNonNull(source, "source");
        requireNonNull(correlationId, "correlationId");
        requireNonNull(type, "type");
        requireNonNull(payload, "payload");
        if (sequence < 1) {
            throw new IllegalArgumentException("sequence must be at least 1, was " + sequence);
        }
    }
}

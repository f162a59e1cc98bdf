package dev.armature.api.incident;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * An incident as it stands: what it is about, how bad and how urgent, where it is in its life, and
 * everything that happened to it. An immutable copy; {@link Incidents} returns a fresh one after
 * each change.
 *
 * @param id the incident's id, {@code INC-} and a number that counts up in the data directory
 * @param key what it is about; at most one open incident has a key
 * @param title one line for people
 * @param severity how bad it is
 * @param priority how soon to work on it
 * @param state where it is in its life
 * @param sourceFailing whether what opened it still fails (the alert still fires, the circuit is
 *     still open…); an incident whose source fails is resolved only by force
 * @param openedAt when it was opened
 * @param updatedAt when its timeline last grew
 * @param resolvedAt when it was resolved; empty while it is open
 * @param escalationPolicy the name of the escalation policy that runs for it, if any
 * @param actionItems what is to be done after it
 * @param timeline what happened, oldest first
 * @since 0.1
 */
public record Incident(
        String id,
        IncidentKey key,
        String title,
        Severity severity,
        Priority priority,
        IncidentState state,
        boolean sourceFailing,
        Instant openedAt,
        Instant updatedAt,
        Optional<Instant> resolvedAt,
        Optional<String> escalationPolicy,
        List<ActionItem> actionItems,
        List<TimelineEntry> timeline) {
    /**
     * Checks every part and copies the lists.
     *
     * @param id the id
     * @param key the key
     * @param title the title
     * @param severity the severity
     * @param priority the priority
     * @param state the state
     * @param sourceFailing whether the source still fails
     * @param openedAt when opened
     * @param updatedAt when last changed
     * @param resolvedAt when resolved
     * @param escalationPolicy the escalation policy's name
     * @param actionItems the action items
     * @param timeline the timeline
     */
    public Incident {
        requireNonNull(id, "id");
        requireNonNull(key, "key");
        requireNonNull(title, "title");
        requireNonNull(severity, "severity");
        requireNonNull(priority, "priority");
        requireNonNull(state, "state");
        requireNonNull(openedAt, "openedAt");
        requireNonNull(updatedAt, "updatedAt");
        requireNonNull(resolvedAt, "resolvedAt");
        requireNonNull(escalationPolicy, "escalationPolicy");
        actionItems = List.copyOf(actionItems);
        timeline = List.copyOf(timeline);
    }

    /**
     * Returns the number of signals that reached the incident: the one that opened it and every
     * de-duplicated one after it.
     *
     * @return at least 1
     */
    public long signals() {
        return timeline.stream()
                .filter(e -> e.kind() == TimelineEntry.Kind.OPENED || e.kind() == TimelineEntry.Kind.SIGNAL)
                .count();
    }
}

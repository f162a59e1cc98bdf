package dev.armature.api.incident;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * One thing that happened to an incident, in the order it happened. Entries are never changed or
 * removed; the post-incident report's timeline is made of them.
 *
 * @param sequence the entry's number within its incident, from 1
 * @param at when it happened, on the system's clock
 * @param kind what kind of thing happened
 * @param actor who did it: {@value #SYSTEM} for the system itself, else the name a person gave
 * @param text what happened, one line for people
 * @param details the facts behind the line (state names, step names, channel names), never a secret
 * @param eventType the stable type of the bus event that caused it ({@code
 *     armature.recovery.step-finished/v1}), when one did
 * @since 0.1
 */
public record TimelineEntry(
        long sequence,
        Instant at,
        Kind kind,
        String actor,
        String text,
        Map<String, String> details,
        Optional<String> eventType) {
    /** The actor of what the system did by itself. */
    public static final String SYSTEM = "system";

    /** The kinds of entries. */
    public enum Kind {
        /** The incident was opened. */
        OPENED,
        /** A further signal with the incident's key arrived (de-duplicated into it). */
        SIGNAL,
        /** The incident's source stopped failing, or failed again. */
        SOURCE,
        /** The incident changed state. */
        STATE_CHANGED,
        /** A step of the escalation policy ran. */
        ESCALATION,
        /** A notification was delivered, or given up. */
        NOTIFICATION,
        /** A step of a runbook ran, was planned (dry run) or waits for an approver. */
        RUNBOOK,
        /** A recovery of the incident's target did something. */
        RECOVERY,
        /** The configuration changed while the incident was open. */
        CONFIG,
        /** A communication was sent, or a reminder that one is due. */
        COMMUNICATION,
        /** A person wrote a note. */
        NOTE,
        /** An action item was added or closed. */
        ACTION_ITEM
    }

    /**
     * Checks every part and copies the details.
     *
     * @param sequence the number; at least 1
     * @param at when
     * @param kind the kind
     * @param actor who
     * @param text what
     * @param details the facts
     * @param eventType the causing event's type
     */
    public TimelineEntry {
        requireNonNull(at, "at");
        requireNonNull(kind, "kind");
        requireNonNull(actor, "actor");
        requireNonNull(text, "text");
        details = Map.copyOf(details);
        requireNonNull(eventType, "eventType");
        if (sequence < 1) {
            throw new IllegalArgumentException("a timeline entry's sequence starts at 1, not " + sequence);
        }
    }
}

package dev.armature.api.incident;

import static java.util.Objects.requireNonNull;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * What an incident is about, by which signals are de-duplicated: while an incident with a key is
 * open, every further signal with the same key is appended to its timeline instead of opening
 * another.
 *
 * @param kind what kind of thing fails
 * @param name the component's, guard's, rule's or objective's name, the fingerprint as text ({@code
 *     v1:...}), {@code safe-mode} for the system, or any name for incidents opened by hand
 * @param labels the labels that tell apart two alerts of one rule; empty for the other kinds
 * @since 0.1
 */
public record IncidentKey(Kind kind, String name, Map<String, String> labels) {
    /** The kinds of things an incident is about. */
    public enum Kind {
        /** The errors of one fingerprint (new, spiking or escalating). */
        FINGERPRINT,
        /** A component the supervisor escalated, or whose recovery needs a person. */
        COMPONENT,
        /** A guard whose circuit stayed open. */
        GUARD,
        /** A firing alert, by rule and labels. */
        ALERT,
        /** A service level objective. */
        SLO,
        /** The system as a whole (safe mode). */
        SYSTEM,
        /** Opened by hand, about anything else. */
        MANUAL
    }

    /**
     * Checks every part and copies the labels.
     *
     * @param kind the kind
     * @param name the name; not blank
     * @param labels the labels
     */
    public IncidentKey {
        requireNonNull(kind, "kind");
        requireNonNull(name, "name");
        labels = Map.copyOf(labels);
        if (name.isBlank()) {
            throw new IllegalArgumentException("an incident key's name must not be blank");
        }
    }

    /**
     * Returns the key of something without labels.
     *
     * @param kind the kind
     * @param name the name
     * @return the key
     */
    public static IncidentKey of(Kind kind, String name) {
        return new IncidentKey(kind, name, Map.of());
    }

    /**
     * Returns the key of a firing alert.
     *
     * @param rule the rule's name
     * @param labels the alert's labels
     * @return the key
     */
    public static IncidentKey alert(String rule, Map<String, String> labels) {
        return new IncidentKey(Kind.ALERT, rule, labels);
    }

    /**
     * Returns the key as text: the kind in lower case, a colon, the name, and the labels sorted by
     * name in braces when there are any; {@code alert:error-rate{component=model}}.
     *
     * @return the text
     */
    @Override
    public String toString() {
        String text = kind.name().toLowerCase(Locale.ROOT) + ":" + name;
        return labels.isEmpty() ? text : text + new TreeMap<>(labels);
    }
}

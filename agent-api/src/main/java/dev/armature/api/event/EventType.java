package dev.armature.api.event;

import static java.util.Objects.requireNonNull;

import java.util.regex.Pattern;

/**
 * The stable name and version of an event's payload, written {@code name/vN}, for example {@code
 * armature.component.state-changed/v1}. A payload that changes incompatibly gets a new version.
 *
 * @param name the dotted, lowercase name
 * @param version the payload version, at least 1
 * @since 0.1
 */
public record EventType(String name, int version) {
    private static final Pattern NAME = Pattern.compile("[a-z0-9]+(?:[.-][a-z0-9]+)*");

    /**
     * Checks the name's syntax and the version's range.
     *
     * @param name the dotted, lowercase name
     * @param version the payload version, at least 1
     */
    public EventType {
        requireNonNull(name, "name");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException(
                    "event type name '" + name + "' must be lowercase words joined by '.' or '-'");
        }
        if (version < 1) {
            throw new IllegalArgumentException("event type version must be at least 1, was " + version);
        }
    }

    /**
     * Returns the type of version 1 of the named payload.
     *
     * @param name the dotted, lowercase name
     * @return the event type
     */
    public static EventType v1(String name) {
        return new EventType(name, 1);
    }

    /**
     * Returns the type as written in envelopes, {@code name/vN}.
     *
     * @return the written form
     */
    @Override
    public String toString() {
        return name + "/v" + version;
    }
}

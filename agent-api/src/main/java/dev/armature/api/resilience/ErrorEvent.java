package dev.armature.api.resilience;

import static java.util.Objects.requireNonNull;

import dev.armature.api.event.Event;
import dev.armature.api.event.EventType;
import java.util.Map;
import java.util.TreeMap;

/**
 * An error seen by a guard, a component or the host, published with the source {@code errors}. It
 * carries the parameterised message, never the raw one, which may hold secrets or personal data.
 *
 * @param fingerprint the error's fingerprint
 * @param errorType the outermost exception's class name
 * @param messageTemplate the outermost message with numbers, identifiers, addresses and times
 *     replaced by placeholders; empty when it had none
 * @param origin where the error was seen
 * @param originName the guard's or component's name, or the host's label
 * @param errorClass how the error was classified
 * @param context what the recorder added (for example {@code tenant=acme}); masked values stay
 *     masked
 * @since 0.1
 */
public record ErrorEvent(
        Fingerprint fingerprint,
        String errorType,
        String messageTemplate,
        Origin origin,
        String originName,
        ErrorClass errorClass,
        Map<String, String> context)
        implements Event {
    /** The stable type of this event. */
    public static final EventType TYPE = EventType.v1("armature.errors.error");

    /**
     * Checks every part and copies the context in key order.
     *
     * @param fingerprint the fingerprint
     * @param errorType the type
     * @param messageTemplate the template
     * @param origin the origin
     * @param originName the name
     * @param errorClass the class
     * @param context the context
     */
    public ErrorEvent {
        requireNonNull(fingerprint, "fingerprint");
        requireNonNull(errorType, "errorType");
        requireNonNull(messageTemplate, "messageTemplate");
        requireNonNull(origin, "origin");
        requireNonNull(originName, "originName");
        requireNonNull(errorClass, "errorClass");
        context = java.util.Collections.unmodifiableMap(new TreeMap<>(context));
    }

    @Override
    public EventType type() {
        return TYPE;
    }

    /** Where an error was seen. */
    public enum Origin {
        /** A guarded call failed. */
        GUARD,
        /** A component failed to start, stop or stay healthy. */
        COMPONENT,
        /** The host recorded it through {@link Errors#record}. */
        HOST
    }
}

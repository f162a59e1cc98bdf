package dev.armature.core.internal.incident.comms;

import dev.armature.api.incident.Audience;
import dev.armature.api.incident.Incident;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Internal: the fields an incident gives its templates. Every audience gets {@code id}, {@code
 * severity}, {@code state}, {@code opened-at} (ISO-8601, UTC) and {@code duration} (from the opening to
 * the resolution, or to now while open, as {@link HumanDuration} writes it); {@link Audience#INTERNAL}
 * also gets {@code title}, {@code priority} and {@code key}, which a status page must not see.
 */
public final class IncidentFields {
    /** The fields that only internal templates see. */
    static final Set<String> INTERNAL_ONLY = Set.of("title", "priority", "key");

    private IncidentFields() {}

    /**
     * Returns the incident's fields for an audience.
     *
     * @param incident the incident
     * @param audience who reads the message
     * @param now the time of rendering, which ends the duration of an open incident
     * @return the fields by name, in a fixed order
     */
    public static Map<String, String> of(Incident incident, Audience audience, Instant now) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("id", incident.id());
        fields.put("severity", incident.severity().name());
        fields.put("state", incident.state().name());
        fields.put("opened-at", incident.openedAt().toString());
        Instant end = incident.resolvedAt().orElse(now);
        Duration lasted = Duration.between(incident.openedAt(), end);
        fields.put("duration", HumanDuration.format(lasted.isNegative() ? Duration.ZERO : lasted));
        if (audience == Audience.INTERNAL) {
            fields.put("title", incident.title());
            fields.put("priority", incident.priority().name());
            fields.put("key", incident.key().toString());
        }
        return fields;
    }
}

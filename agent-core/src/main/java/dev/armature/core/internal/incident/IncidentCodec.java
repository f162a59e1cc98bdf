package dev.armature.core.internal.incident;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.armature.api.incident.Incident;
import dev.armature.api.incident.SeenFingerprint;
import dev.armature.core.internal.incident.escalation.EscalationPosition;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Internal: an incident with its whole timeline as JSON in the state store (namespace {@value
 * #NAMESPACE}, keyed by the incident's id), with a format version {@code v}. Thread-safe.
 */
final class IncidentCodec {
    /** The state store's namespace of incidents. */
    static final String NAMESPACE = "armature.incidents";

    /** The key of the counter from which ids are drawn. */
    static final String SEQUENCE = "~sequence";

    static final int VERSION = 1;

    private static final ObjectMapper JSON = JsonMapper.builder()
            .addModule(new Jdk8Module())
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
            // A newer version may add fields that this one can ignore; a changed meaning bumps v.
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    /** The prefix of the keys of the notify-next-each-time rotations, by policy and step. */
    static final String ROTATION = "~rotation.";

    /** What is saved of an incident: the incident, and where its escalation is while it is open. */
    record Stored(
            int v, Incident incident, @Nullable SavedEscalation escalation, @Nullable List<SeenFingerprint> errors) {
        Stored {
            errors = errors == null ? List.of() : List.copyOf(errors);
        }

        @Override
        public List<SeenFingerprint> errors() {
            return requireNonNull(errors);
        }
    }

    /**
     * Where an incident's escalation is, with the policy's lines as they were when it began, so that
     * a restart resumes the same policy even if the configuration changed since.
     */
    record SavedEscalation(String policy, List<String> lines, EscalationPosition position) {}

    private IncidentCodec() {}

    static byte[] encode(Incident incident, @Nullable SavedEscalation escalation, List<SeenFingerprint> errors) {
        try {
            return JSON.writeValueAsBytes(new Stored(VERSION, incident, escalation, errors));
        } catch (IOException e) {
            throw new UncheckedIOException("incident " + incident.id() + " could not be written as JSON", e);
        }
    }

    /** Reads a saved incident; an unreadable or unknown format is an {@link IOException} naming the key. */
    static Stored decode(String key, byte[] bytes) throws IOException {
        Stored s = JSON.readValue(bytes, Stored.class);
        if (s.v() != VERSION || s.incident() == null) {
            throw new IOException("incident " + key + " has format version " + s.v() + "; this version reads " + VERSION
                    + ": use the Armature version that wrote it");
        }
        return s;
    }
}

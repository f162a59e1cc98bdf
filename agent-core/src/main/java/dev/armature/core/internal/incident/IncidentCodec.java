package dev.armature.core.internal.incident;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.armature.api.incident.Incident;
import java.io.IOException;
import java.io.UncheckedIOException;

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

    /** What is saved of an incident. */
    record Stored(int v, Incident incident) {}

    private IncidentCodec() {}

    static byte[] encode(Incident incident) {
        try {
            return JSON.writeValueAsBytes(new Stored(VERSION, incident));
        } catch (IOException e) {
            throw new UncheckedIOException("incident " + incident.id() + " could not be written as JSON", e);
        }
    }

    /** Reads a saved incident; an unreadable or unknown format is an {@link IOException} naming the key. */
    static Incident decode(String key, byte[] bytes) throws IOException {
        Stored s = JSON.readValue(bytes, Stored.class);
        if (s.v() != VERSION || s.incident() == null) {
            throw new IOException("incident " + key + " has format version " + s.v() + "; this version reads " + VERSION
                    + ": use the Armature version that wrote it");
        }
        return s.incident();
    }
}

package dev.armature.monitoring.internal.alert;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.armature.api.monitoring.AlertState;
import java.io.IOException;
import java.time.Instant;
import java.util.Optional;

/**
 * Internal: an alert's {@link AlertStateMachine.State} as JSON in the state store, with a format
 * version {@code v} so a later release can read what this one wrote. Thread-safe.
 */
final class AlertStateCodec {
    /** The format this class writes. */
    static final int VERSION = 1;

    private static final ObjectMapper JSON = new ObjectMapper();

    private AlertStateCodec() {}

    static byte[] encode(AlertStateMachine.State s) {
        ObjectNode node = JSON.createObjectNode();
        node.put("v", VERSION);
        node.put("state", s.state().name());
        s.activeSince().ifPresent(t -> node.put("activeSince", t.toString()));
        s.firedAt().ifPresent(t -> node.put("firedAt", t.toString()));
        s.resolvingSince().ifPresent(t -> node.put("resolvingSince", t.toString()));
        node.put("breaches", s.breaches());
        node.put("evaluations", s.evaluations());
        if (Double.isFinite(s.lastValue())) {
            node.put("lastValue", s.lastValue());
        }
        try {
            return JSON.writeValueAsBytes(node);
        } catch (IOException e) {
            throw new IllegalStateException(
                    "an alert state did not serialise", e); // a tree of plain values always does
        }
    }

    /**
     * Reads a state written by {@link #encode}.
     *
     * @throws IOException if the bytes are not such a state
     */
    static AlertStateMachine.State decode(byte[] bytes) throws IOException {
        JsonNode node = JSON.readTree(bytes);
        if (node == null || !node.isObject() || node.path("v").asInt(-1) != VERSION) {
            throw new IOException("not an alert state of format version " + VERSION);
        }
        try {
            return new AlertStateMachine.State(
                    AlertState.valueOf(node.path("state").asText()),
                    instant(node, "activeSince"),
                    instant(node, "firedAt"),
                    instant(node, "resolvingSince"),
                    node.path("breaches").asLong(),
                    node.path("evaluations").asInt(),
                    node.has("lastValue") ? node.path("lastValue").asDouble() : Double.NaN);
        } catch (IllegalArgumentException | java.time.format.DateTimeParseException e) {
            throw new IOException("an alert state that contradicts itself: " + e.getMessage(), e);
        }
    }

    private static Optional<Instant> instant(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? Optional.empty() : Optional.of(Instant.parse(v.asText()));
    }
}

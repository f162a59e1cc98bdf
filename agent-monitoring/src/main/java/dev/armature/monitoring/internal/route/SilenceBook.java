package dev.armature.monitoring.internal.route;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.armature.api.monitoring.LabelMatcher;
import dev.armature.api.monitoring.Silence;
import dev.armature.api.state.StateStore;
import dev.armature.api.state.Versioned;
import dev.armature.api.time.TimeSource;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Internal: the silences, kept in the state store (namespace {@value #NAMESPACE}, one key per id) so
 * that they survive a restart. An expired silence is deleted when it is next looked at. Thread-safe.
 */
final class SilenceBook {
    /** The state store's namespace of silences. */
    static final String NAMESPACE = "armature.notifications.silences";

    private static final Logger log = LoggerFactory.getLogger(SilenceBook.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int VERSION = 1;

    private final StateStore store;
    private final TimeSource time;
    private final RandomGenerator ids;
    private final Map<String, Silence> silences = new LinkedHashMap<>();

    /** Loads the silences of the store, dropping the expired and the unreadable (said loudly). */
    SilenceBook(StateStore store, TimeSource time, RandomGenerator ids) {
        this.store = requireNonNull(store, "store");
        this.time = requireNonNull(time, "time");
        this.ids = requireNonNull(ids, "ids");
        for (String key : store.keys(NAMESPACE)) {
            Optional<Versioned> v = store.get(NAMESPACE, key);
            if (v.isEmpty()) {
                continue;
            }
            try {
                Silence s = decode(v.get().value());
                silences.put(s.id(), s);
            } catch (IOException | IllegalArgumentException e) {
                log.atWarn()
                        .addKeyValue("silence", key)
                        .addKeyValue("namespace", NAMESPACE)
                        .setCause(e)
                        .log("silence unreadable; deleted");
                store.delete(NAMESPACE, key);
            }
        }
        purge();
    }

    synchronized Silence add(List<LabelMatcher> matchers, Instant startsAt, Instant endsAt, String by, String comment) {
        String id = HexFormat.of().toHexDigits(ids.nextLong()) + HexFormat.of().toHexDigits(ids.nextLong());
        Silence s = new Silence(id, matchers, by, comment, startsAt, endsAt);
        if (!endsAt.isAfter(time.now())) {
            throw new IllegalArgumentException(
                    "silence would end at " + endsAt + ", which has passed; give a later end");
        }
        store.put(NAMESPACE, id, encode(s));
        silences.put(id, s);
        log.atInfo()
                .addKeyValue("silence", id)
                .addKeyValue("matchers", matchers.toString())
                .addKeyValue("createdBy", by)
                .addKeyValue("endsAt", endsAt)
                .log("silence added");
        purge();
        return s;
    }

    synchronized boolean expire(String id) {
        purge();
        Silence s = silences.remove(id);
        if (s == null) {
            return false;
        }
        store.delete(NAMESPACE, id);
        log.atInfo().addKeyValue("silence", id).log("silence expired early");
        return true;
    }

    synchronized Optional<Silence> get(String id) {
        purge();
        return Optional.ofNullable(silences.get(id));
    }

    synchronized List<Silence> list() {
        purge();
        List<Silence> out = new ArrayList<>(silences.values());
        out.sort(Comparator.comparing(Silence::startsAt).thenComparing(Silence::id));
        return List.copyOf(out);
    }

    /** The active silence that mutes these labels at an instant, if any. */
    synchronized Optional<Silence> muting(Map<String, String> labels, Instant now) {
        for (Silence s : silences.values()) {
            if (s.activeAt(now) && s.matches(labels)) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }

    /** Deletes the silences that have expired. */
    synchronized void purge() {
        Instant now = time.now();
        List<String> gone = new ArrayList<>();
        silences.forEach((id, s) -> {
            if (!now.isBefore(s.endsAt())) {
                gone.add(id);
            }
        });
        for (String id : gone) {
            silences.remove(id);
            store.delete(NAMESPACE, id);
        }
    }

    static byte[] encode(Silence s) {
        ObjectNode n = JSON.createObjectNode();
        n.put("v", VERSION);
        n.put("id", s.id());
        ArrayNode m = n.putArray("matchers");
        s.matchers().forEach(x -> m.add(x.toString()));
        n.put("createdBy", s.createdBy());
        n.put("comment", s.comment());
        n.put("startsAt", s.startsAt().toString());
        n.put("endsAt", s.endsAt().toString());
        try {
            return JSON.writeValueAsBytes(n);
        } catch (IOException e) {
            throw new IllegalStateException("a silence did not serialise", e); // plain values always do
        }
    }

    static Silence decode(byte[] bytes) throws IOException {
        JsonNode n = JSON.readTree(bytes);
        if (n == null || n.path("v").asInt(-1) != VERSION) {
            throw new IOException("not a silence of format version " + VERSION);
        }
        List<LabelMatcher> matchers = new ArrayList<>();
        n.path("matchers").forEach(m -> matchers.add(LabelMatcher.parse(m.asText())));
        try {
            return new Silence(
                    n.path("id").asText(),
                    matchers,
                    n.path("createdBy").asText(),
                    n.path("comment").asText(),
                    Instant.parse(n.path("startsAt").asText()),
                    Instant.parse(n.path("endsAt").asText()));
        } catch (java.time.format.DateTimeParseException e) {
            throw new IOException("a silence with a bad time: " + e.getMessage(), e);
        }
    }
}

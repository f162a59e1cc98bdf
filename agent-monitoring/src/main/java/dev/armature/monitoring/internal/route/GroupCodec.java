package dev.armature.monitoring.internal.route;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.armature.api.monitoring.AlertSeverity;
import dev.armature.api.state.StateStore;
import dev.armature.api.state.Versioned;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Internal: a {@link Group} as JSON in the state store (namespace {@value #NAMESPACE}, keyed by a
 * hash of the group key), with a format version {@code v}. What a channel was sent but has not
 * acknowledged is not kept: after a restart the channel is told again. Thread-safe.
 */
final class GroupCodec {
    /** The state store's namespace of groups. */
    static final String NAMESPACE = "armature.notifications.groups";

    private static final Logger log = LoggerFactory.getLogger(GroupCodec.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int VERSION = 1;

    private GroupCodec() {}

    static String storeKey(Group g) {
        return AlertRecord.sha256(g.key).substring(0, 32);
    }

    static void save(StateStore store, Group g) {
        store.put(NAMESPACE, storeKey(g), encode(g));
    }

    static void delete(StateStore store, Group g) {
        store.delete(NAMESPACE, storeKey(g));
    }

    /** The saved groups; an unreadable one is logged and deleted, so one bad record cannot stop the router. */
    static List<Group> load(StateStore store) {
        List<Group> out = new ArrayList<>();
        for (String key : store.keys(NAMESPACE)) {
            Optional<Versioned> v = store.get(NAMESPACE, key);
            if (v.isEmpty()) {
                continue;
            }
            try {
                out.add(decode(v.get().value()));
            } catch (IOException | RuntimeException e) {
                log.atWarn()
                        .addKeyValue("key", key)
                        .addKeyValue("namespace", NAMESPACE)
                        .setCause(e)
                        .log("notification group unreadable; deleted");
                store.delete(NAMESPACE, key);
            }
        }
        return out;
    }

    static byte[] encode(Group g) {
        ObjectNode n = JSON.createObjectNode();
        n.put("v", VERSION);
        n.put("key", g.key);
        n.put("route", g.route);
        ObjectNode gl = n.putObject("groupLabels");
        g.groupLabels.forEach(gl::put);
        n.put("nextFlushAt", g.nextFlushAt.toString());
        g.lastFlushAt.ifPresent(t -> n.put("lastFlushAt", t.toString()));
        ArrayNode alerts = n.putArray("alerts");
        for (AlertRecord a : g.alerts.values()) {
            ObjectNode x = alerts.addObject();
            x.put("rule", a.rule());
            ObjectNode l = x.putObject("labels");
            a.labels().forEach(l::put);
            ObjectNode an = x.putObject("annotations");
            a.annotations().forEach(an::put);
            x.put("severity", a.severity().name());
            x.put("firedAt", a.firedAt().toString());
            a.resolvedAt().ifPresent(t -> x.put("resolvedAt", t.toString()));
        }
        ObjectNode channels = n.putObject("channels");
        g.channels.forEach((name, cs) -> {
            ObjectNode c = channels.putObject(name);
            ObjectNode owed = c.putObject("owed");
            cs.owed.forEach((fp, t) -> owed.put(fp, t.toString()));
            ArrayNode d = c.putArray("delivered");
            cs.delivered.stream().sorted().forEach(d::add);
            cs.lastSentAt.ifPresent(t -> c.put("lastSentAt", t.toString()));
        });
        try {
            return JSON.writeValueAsBytes(n);
        } catch (IOException e) {
            throw new IllegalStateException("a notification group did not serialise", e); // plain values do
        }
    }

    static Group decode(byte[] bytes) throws IOException {
        JsonNode n = JSON.readTree(bytes);
        if (n == null || n.path("v").asInt(-1) != VERSION) {
            throw new IOException("not a notification group of format version " + VERSION);
        }
        List<String> channelNames = new ArrayList<>();
        n.path("channels").fieldNames().forEachRemaining(channelNames::add);
        Group g = new Group(
                n.path("key").asText(),
                n.path("route").asText(),
                strings(n.path("groupLabels")),
                channelNames,
                Instant.parse(n.path("nextFlushAt").asText()));
        g.lastFlushAt = instant(n, "lastFlushAt");
        for (JsonNode x : n.path("alerts")) {
            AlertRecord a = AlertRecord.firing(
                    x.path("rule").asText(),
                    strings(x.path("labels")),
                    strings(x.path("annotations")),
                    AlertSeverity.valueOf(x.path("severity").asText()),
                    Instant.parse(x.path("firedAt").asText()));
            Optional<Instant> resolvedAt = instant(x, "resolvedAt");
            g.alerts.put(a.fingerprint(), resolvedAt.isPresent() ? a.resolved(resolvedAt.get()) : a);
        }
        for (String name : channelNames) {
            JsonNode c = n.path("channels").path(name);
            Group.ChannelState cs = g.channels.get(name);
            if (cs == null) {
                continue; // listed above, so always there
            }
            c.path("owed")
                    .properties()
                    .forEach(e ->
                            cs.owed.put(e.getKey(), Instant.parse(e.getValue().asText())));
            c.path("delivered").forEach(d -> cs.delivered.add(d.asText()));
            cs.lastSentAt = instant(c, "lastSentAt");
            // What was delivered is what the channel knows; anything sent but not acknowledged goes again.
            cs.firingSent = new HashSet<>(cs.delivered);
            cs.firingSent.removeIf(fp -> {
                AlertRecord a = g.alerts.get(fp);
                return a == null || !a.isFiring();
            });
        }
        return g;
    }

    private static Map<String, String> strings(JsonNode n) {
        Map<String, String> out = new LinkedHashMap<>();
        n.properties().forEach(e -> out.put(e.getKey(), e.getValue().asText()));
        return out;
    }

    private static Optional<Instant> instant(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? Optional.empty() : Optional.of(Instant.parse(v.asText()));
    }
}

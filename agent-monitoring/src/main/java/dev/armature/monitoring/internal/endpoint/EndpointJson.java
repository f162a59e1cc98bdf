package dev.armature.monitoring.internal.endpoint;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.armature.api.health.CheckReport;
import dev.armature.api.health.CheckResult;
import dev.armature.api.health.HealthStatus;
import dev.armature.api.monitoring.Alert;
import dev.armature.monitoring.internal.health.DetailMasker;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Internal: the JSON bodies of the endpoints. Details are the check's own (values under
 * secret-looking names masked, again, whatever the check did), plus {@code component}, {@code
 * error}, and {@code timedOut}, {@code stale} and {@code flapping} when true; sorted by name.
 */
final class EndpointJson {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private EndpointJson() {}

    /** One entry of a health body: a check, or the system's own part of a probe. */
    record Entry(String name, HealthStatus status, Map<String, Object> details) {
        Entry {
            details = new TreeMap<>(details);
        }

        static Entry of(CheckReport check) {
            Map<String, Object> details = new TreeMap<>();
            check.spec().component().ifPresent(c -> details.put("component", c));
            check.lastResult().ifPresent(r -> addResult(details, r));
            if (check.stale()) {
                details.put("stale", true);
            }
            if (check.flapping()) {
                details.put("flapping", true);
            }
            return new Entry(check.name(), check.status(), details);
        }

        private static void addResult(Map<String, Object> details, CheckResult result) {
            details.putAll(DetailMasker.mask(result.details()));
            result.error().ifPresent(e -> details.put("error", e));
            if (result.timedOut()) {
                details.put("timedOut", true);
            }
        }
    }

    /** A health body; {@code entries} only when the request may see details. */
    static String health(HealthShape shape, HealthStatus status, List<Entry> entries, boolean showDetails) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("status", status.name());
        switch (shape) {
            case SPRING -> {
                if (showDetails) {
                    ObjectNode components = root.putObject("components");
                    for (Entry e : entries) {
                        ObjectNode c = components.putObject(e.name());
                        c.put("status", e.status().name());
                        if (!e.details().isEmpty()) {
                            putAll(c.putObject("details"), e.details());
                        }
                    }
                }
            }
            case MICROPROFILE -> {
                // MicroProfile's schema always has the array; without details it stays empty.
                ArrayNode checks = root.putArray("checks");
                if (showDetails) {
                    for (Entry e : entries) {
                        ObjectNode c = checks.addObject();
                        c.put("name", e.name());
                        c.put("status", e.status().name());
                        if (!e.details().isEmpty()) {
                            putAll(c.putObject("data"), e.details());
                        }
                    }
                }
            }
        }
        return write(root);
    }

    /** The active alerts: their count for everyone, the alerts themselves only with details. */
    static String alerts(List<Alert> alerts, boolean showDetails) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("count", alerts.size());
        if (showDetails) {
            ArrayNode list = root.putArray("alerts");
            for (Alert a : alerts) {
                ObjectNode o = list.addObject();
                o.put("rule", a.rule());
                o.put("state", a.state().name());
                o.put("severity", a.severity().name());
                if (Double.isFinite(a.value())) {
                    o.put("value", a.value());
                } else {
                    o.putNull("value");
                }
                a.activeSince().ifPresent(t -> o.put("activeSince", t.toString()));
                a.firedAt().ifPresent(t -> o.put("firedAt", t.toString()));
                putAll(o.putObject("labels"), DetailMasker.mask(a.labels()));
                putAll(o.putObject("annotations"), DetailMasker.mask(a.annotations()));
            }
        }
        return write(root);
    }

    /** A short error body: {@code {"error": message}}. */
    static String error(String message) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("error", message);
        return write(root);
    }

    private static void putAll(ObjectNode node, Map<String, ?> values) {
        values.forEach((k, v) -> {
            if (v instanceof Boolean b) {
                node.put(k, b);
            } else {
                node.put(k, String.valueOf(v));
            }
        });
    }

    private static String write(ObjectNode root) {
        try {
            return MAPPER.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            // A tree of strings, numbers and booleans always serialises; this would be a Jackson bug.
            throw new UncheckedIOException(e);
        }
    }
}

package dev.armature.core.internal.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.armature.api.config.ConfigException;
import dev.armature.api.config.ConfigProperty;
import dev.armature.api.config.ConfigSchema;
import dev.armature.api.config.ConfigType;
import java.util.List;
import java.util.Locale;

/**
 * Internal: writes schemas as one JSON Schema (2020-12) document of the nested YAML/JSON form, for
 * editors and CI. A claimed prefix forbids undeclared keys; a {@code *} segment becomes {@code
 * additionalProperties}.
 */
public final class JsonSchemaExport {
    /** The dialect written. */
    public static final String DIALECT = "https://json-schema.org/draft/2020-12/schema";

    private static final ObjectMapper JSON =
            JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();
    private static final String DURATION_PATTERN = "^(\\d+\\s*(ns|us|ms|s|m|h|d)|-?P.*)$";
    private static final String SIZE_PATTERN = "^\\d+\\s*(B|KB|MB|GB|TB|KiB|MiB|GiB|TiB)?$";

    private JsonSchemaExport() {}

    /** Returns the JSON Schema of every key the schemas declare. */
    public static String export(List<ConfigSchema> schemas) {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        root.put("$schema", DIALECT);
        root.put("$id", "https://armature.dev/schemas/config.json");
        root.put("title", "Armature configuration");
        root.put("type", "object");
        for (ConfigSchema schema : schemas) {
            for (ConfigProperty p : schema.properties()) {
                ObjectNode leaf = objectFor(root, p.key(), true);
                describe(leaf, p, schema.owner());
            }
            for (String prefix : schema.prefixes()) {
                ObjectNode claimed = objectFor(root, prefix, false);
                if (!claimed.has("additionalProperties")) {
                    claimed.put("additionalProperties", false);
                }
            }
        }
        try {
            return JSON.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new ConfigException("armature.config.schema", "cannot write the JSON Schema", null, e);
        }
    }

    /** Walks to (creating) the node of a dotted key; with {@code leaf}, returns the key's own schema node. */
    private static ObjectNode objectFor(ObjectNode root, String key, boolean leaf) {
        ObjectNode node = root;
        String[] segments = key.split("\\.", -1);
        for (int i = 0; i < segments.length; i++) {
            boolean last = i == segments.length - 1;
            node.put("type", "object");
            ObjectNode next;
            if (segments[i].equals("*")) {
                next = node.has("additionalProperties")
                                && node.get("additionalProperties").isObject()
                        ? (ObjectNode) node.get("additionalProperties")
                        : node.putObject("additionalProperties");
            } else {
                ObjectNode properties =
                        node.has("properties") ? (ObjectNode) node.get("properties") : node.putObject("properties");
                next = properties.has(segments[i])
                        ? (ObjectNode) properties.get(segments[i])
                        : properties.putObject(segments[i]);
            }
            node = next;
            if (last && !leaf) {
                node.put("type", "object");
            }
        }
        return node;
    }

    private static void describe(ObjectNode node, ConfigProperty p, String owner) {
        type(node, p.type());
        if (!p.description().isEmpty()) {
            node.put("description", p.description());
        }
        p.defaultValue().ifPresent(d -> node.put("default", d));
        if (p.type() instanceof ConfigType.Scalar s) {
            switch (s) {
                case INT, LONG, DOUBLE -> {
                    p.min().ifPresent(m -> node.put("minimum", Double.parseDouble(m)));
                    p.max().ifPresent(m -> node.put("maximum", Double.parseDouble(m)));
                }
                default -> {}
            }
        }
        p.pattern().ifPresent(regex -> node.put("pattern", "^(?:" + regex + ")$"));
        if (!p.allowedValues().isEmpty()) {
            ArrayNode values = node.putArray("enum");
            p.allowedValues().forEach(values::add);
        }
        if (p.secret()) {
            node.put("writeOnly", true);
        }
        if (p.required()) {
            node.put("x-armature-required", true);
        }
        node.put("x-armature-reloadable", p.reloadable());
        node.put("x-armature-owner", owner);
        if (!p.relocatedFrom().isEmpty()) {
            ArrayNode old = node.putArray("x-armature-relocated-from");
            p.relocatedFrom().forEach(old::add);
        }
    }

    private static void type(ObjectNode node, ConfigType type) {
        if (type instanceof ConfigType.Scalar s) {
            switch (s) {
                case STRING -> node.put("type", "string");
                case BOOLEAN -> {
                    ArrayNode t = node.putArray("type");
                    t.add("boolean").add("string");
                    node.putArray("enum").add(true).add(false).add("true").add("false");
                }
                case INT, LONG -> node.putArray("type").add("integer").add("string");
                case DOUBLE -> node.putArray("type").add("number").add("string");
                case DURATION -> node.put("type", "string").put("pattern", DURATION_PATTERN);
                case SIZE -> {
                    node.putArray("type").add("integer").add("string");
                    node.put("pattern", SIZE_PATTERN);
                }
            }
        } else if (type instanceof ConfigType.EnumOf e) {
            ArrayNode values = node.put("type", "string").putArray("enum");
            for (Enum<?> constant : e.type().getEnumConstants()) {
                values.add(constant.name().toLowerCase(Locale.ROOT).replace('_', '-'));
            }
        } else if (type instanceof ConfigType.ListOf l) {
            node.putArray("type").add("array").add("string");
            type(node.putObject("items"), l.element());
        } else if (type instanceof ConfigType.MapOf m) {
            node.put("type", "object");
            type(node.putObject("additionalProperties"), m.value());
        }
    }
}

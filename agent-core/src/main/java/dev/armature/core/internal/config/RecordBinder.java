package dev.armature.core.internal.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.POJONode;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import dev.armature.api.config.ConfigException;
import dev.armature.api.config.DataSize;
import dev.armature.api.config.Secret;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * Internal: binds the keys under a prefix to a record through Jackson, with kebab-case keys bound to
 * camel-case components and configuration's own forms of durations, sizes and secrets.
 */
final class RecordBinder {
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.KEBAB_CASE)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(com.fasterxml.jackson.databind.MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS)
            .addModule(new Jdk8Module())
            .addModule(new SimpleModule("armature-config")
                    .addDeserializer(Duration.class, new TextDeserializer<>(Duration.class, Conversions::toDuration))
                    .addDeserializer(DataSize.class, new TextDeserializer<>(DataSize.class, Conversions::toSize))
                    .addDeserializer(Secret.class, new SecretDeserializer())
                    .addDeserializer(String.class, new PlainTextDeserializer()))
            .build();

    private RecordBinder() {}

    static <T> T bind(DefaultSnapshot snapshot, String prefix, Class<T> type) {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        String start = prefix.isEmpty() ? "" : prefix + ".";
        for (String key : snapshot.keysUnder(prefix)) {
            if (key.length() <= start.length()) {
                continue;
            }
            Entry e = snapshot.entry(key);
            if (e == null || e.value instanceof List<?> || e.value instanceof Map<?, ?>) {
                continue; // containers are bound from their members
            }
            put(root, key.substring(start.length()), e);
        }
        try {
            return MAPPER.treeToValue(root, type);
        } catch (UnrecognizedPropertyException e) {
            String key = path(prefix, e);
            throw new ConfigException(
                    "armature.config.bind",
                    key + " has no component in " + type.getSimpleName() + "; known: " + e.getKnownPropertyIds()
                            + ". Rename the key or add the component",
                    key,
                    null);
        } catch (JsonMappingException e) {
            String key = path(prefix, e);
            throw new ConfigException(
                    "armature.config.bind",
                    "cannot bind " + key + " to " + type.getSimpleName() + ": " + safeReason(e),
                    key,
                    null);
        } catch (IOException e) {
            throw new ConfigException(
                    "armature.config.bind", "cannot bind " + prefix + " to " + type.getSimpleName(), prefix, e);
        }
    }

    /** Jackson's messages can quote the offending text, which may be a secret: keep only the target type. */
    private static String safeReason(JsonMappingException e) {
        if (e.getCause() instanceof IllegalArgumentException iae && iae.getMessage() != null) {
            return iae.getMessage();
        }
        if (e.getOriginalMessage().startsWith("it is a secret")
                || e.getOriginalMessage().startsWith("expected")) {
            return e.getOriginalMessage();
        }
        String original = e.getOriginalMessage();
        int quote = original.indexOf(" from ");
        return quote > 0 ? original.substring(0, quote) : "the value does not fit the component's type";
    }

    private static String path(String prefix, JsonMappingException e) {
        String tail = e.getPath().stream()
                .map(r -> r.getFieldName() != null ? "." + r.getFieldName() : "[" + r.getIndex() + "]")
                .collect(Collectors.joining());
        return prefix.isEmpty() && tail.startsWith(".") ? tail.substring(1) : prefix + tail;
    }

    private static void put(ObjectNode root, String relativeKey, Entry e) {
        ObjectNode node = root;
        ArrayNode array = null;
        List<String> segments = List.of(relativeKey.split("\\.", -1));
        for (int s = 0; s < segments.size(); s++) {
            boolean last = s == segments.size() - 1;
            String segment = segments.get(s);
            int bracket = segment.indexOf('[');
            String name = bracket < 0 ? segment : segment.substring(0, bracket);
            if (bracket < 0) {
                if (last) {
                    node.set(name, leaf(e));
                } else {
                    node = node.has(name) && node.get(name).isObject()
                            ? (ObjectNode) node.get(name)
                            : node.putObject(name);
                }
                continue;
            }
            array = node.has(name) && node.get(name).isArray() ? (ArrayNode) node.get(name) : node.putArray(name);
            int index = Integer.parseInt(segment.substring(bracket + 1, segment.indexOf(']')));
            while (array.size() <= index) {
                array.addNull();
            }
            if (last) {
                array.set(index, leaf(e));
            } else {
                ObjectNode child = array.get(index).isObject()
                        ? (ObjectNode) array.get(index)
                        : JsonNodeFactory.instance.objectNode();
                array.set(index, child);
                node = child;
            }
        }
    }

    private static com.fasterxml.jackson.databind.JsonNode leaf(Entry e) {
        return e.text == null ? new POJONode(e.value) : JsonNodeFactory.instance.textNode(e.text);
    }

    /** Reads a type from configuration text. */
    private static final class TextDeserializer<T> extends JsonDeserializer<T> {
        private final Class<T> type;
        private final Function<String, T> parse;

        TextDeserializer(Class<T> type, Function<String, T> parse) {
            this.type = type;
            this.parse = parse;
        }

        @Override
        public T deserialize(JsonParser p, DeserializationContext context) throws IOException {
            String text = p.getValueAsString();
            if (text == null) {
                throw JsonMappingException.from(p, "expected text for " + type.getSimpleName());
            }
            try {
                return parse.apply(text);
            } catch (IllegalArgumentException e) {
                throw JsonMappingException.from(p, e.getMessage(), e);
            }
        }
    }

    /** Reads text, refusing a secret: a String component would hold only its mask. */
    private static final class PlainTextDeserializer extends JsonDeserializer<String> {
        @Override
        public String deserialize(JsonParser p, DeserializationContext context) throws IOException {
            if (p.currentToken() == JsonToken.VALUE_EMBEDDED_OBJECT && p.getEmbeddedObject() instanceof Secret) {
                throw JsonMappingException.from(
                        p, "it is a secret; declare the component as " + Secret.class.getName());
            }
            @Nullable String text = p.getValueAsString();
            if (text == null) {
                throw JsonMappingException.from(p, "expected text");
            }
            return text;
        }
    }

    /** Reads a secret from a decrypted value or from plain text. */
    private static final class SecretDeserializer extends JsonDeserializer<Secret> {
        @Override
        public Secret deserialize(JsonParser p, DeserializationContext context) throws IOException {
            if (p.currentToken() == JsonToken.VALUE_EMBEDDED_OBJECT && p.getEmbeddedObject() instanceof Secret s) {
                return s;
            }
            @Nullable String text = p.getValueAsString();
            if (text == null) {
                throw JsonMappingException.from(p, "expected a secret");
            }
            return Secret.of(text);
        }
    }
}

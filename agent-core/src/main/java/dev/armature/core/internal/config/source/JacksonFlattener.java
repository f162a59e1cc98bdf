package dev.armature.core.internal.config.source;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import dev.armature.api.config.ConfigException;
import dev.armature.spi.config.SourceValue;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** Reads YAML and JSON token by token into flat keys, keeping each value's line; writes trees. */
final class JacksonFlattener {
    private static final JsonFactory JSON_FACTORY = JsonFactory.builder().build();
    private static final YAMLFactory YAML_FACTORY = YAMLFactory.builder().build();
    private static final ObjectMapper JSON_WRITER = JsonMapper.builder().build();
    private static final ObjectMapper YAML_WRITER = YAMLMapper.builder()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .build();

    private JacksonFlattener() {}

    static Map<String, SourceValue> parse(String text, ConfigFormat format, String locationName) {
        JsonFactory factory = format == ConfigFormat.YAML ? YAML_FACTORY : JSON_FACTORY;
        try (JsonParser parser = factory.createParser(text)) {
            return new Walk(parser, format, locationName).document();
        } catch (ConfigException e) {
            throw e;
        } catch (JsonProcessingException e) {
            throw ParseErrors.of(e, format, locationName);
        } catch (IOException e) {
            // Reading a String does no I/O; a parser that says otherwise is broken.
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            throw ParseErrors.ofRuntime(e, format, locationName);
        }
    }

    static String write(Object tree, ConfigFormat format) {
        ObjectMapper mapper = format == ConfigFormat.YAML ? YAML_WRITER : JSON_WRITER;
        try {
            return mapper.writeValueAsString(tree);
        } catch (JsonProcessingException e) {
            // Maps, lists and strings always serialise.
            throw new IllegalStateException("could not write a configuration tree", e);
        }
    }

    /** One pass over one document. */
    private static final class Walk {
        private final JsonParser parser;
        private final ConfigFormat format;
        private final String locationName;
        private final Map<String, SourceValue> values = new LinkedHashMap<>();
        /** Every key and container path seen, to find a key given twice. */
        private final Set<String> seen = new HashSet<>();

        Walk(JsonParser parser, ConfigFormat format, String locationName) {
            this.parser = parser;
            this.format = format;
            this.locationName = locationName;
        }

        Map<String, SourceValue> document() throws IOException {
            JsonToken first = next();
            if (first == null || first == JsonToken.VALUE_NULL || isEmptyYamlDocument(first)) {
                return Map.of(); // an empty document, or YAML with only comments or "---"
            }
            if (first != JsonToken.START_OBJECT) {
                throw structure(
                        "the top level must be a mapping of keys to values, not a single value or a list",
                        "put the settings under keys, such as 'armature:'");
            }
            object("");
            if (next() != null) {
                throw structure(
                        format == ConfigFormat.YAML
                                ? "the file holds more than one YAML document ('---' separates documents)"
                                : "the file holds more than one JSON value",
                        "keep one document per file, or split it into several files");
            }
            return Collections.unmodifiableMap(new LinkedHashMap<>(values));
        }

        /** Returns whether the first token is the empty scalar of a YAML document that is only "---". */
        private boolean isEmptyYamlDocument(JsonToken first) throws IOException {
            return format == ConfigFormat.YAML
                    && first == JsonToken.VALUE_STRING
                    && parser.getText().isEmpty();
        }

        private void object(String prefix) throws IOException {
            for (JsonToken t = inside(); t != JsonToken.END_OBJECT; t = inside()) {
                // t is FIELD_NAME: Jackson reports any other token here as a parse error.
                String name = parser.currentName();
                String path = prefix.isEmpty() ? String.valueOf(name) : prefix + "." + name;
                forget(path);
                value(path, inside());
            }
        }

        private void array(String prefix) throws IOException {
            int index = 0;
            for (JsonToken t = inside(); t != JsonToken.END_ARRAY; t = inside()) {
                value(prefix + "[" + index++ + "]", t);
            }
        }

        private void value(String path, JsonToken token) throws IOException {
            seen.add(path);
            switch (token) {
                case START_OBJECT -> object(path);
                case START_ARRAY -> array(path);
                case VALUE_NULL -> put(path, "");
                default -> put(path, parser.getText());
            }
        }

        private void put(String path, String text) {
            int line = parser.currentTokenLocation().getLineNr();
            values.put(path, SourceValue.at(text, locationName + ":" + line));
        }

        /** Drops what an earlier occurrence of a key set, so that the last one wins whole. */
        private void forget(String path) {
            if (seen.remove(path)) {
                values.remove(path);
                values.keySet().removeIf(k -> k.startsWith(path + ".") || k.startsWith(path + "["));
                seen.removeIf(k -> k.startsWith(path + ".") || k.startsWith(path + "["));
            }
        }

        private @Nullable JsonToken next() throws IOException {
            JsonToken t = parser.nextToken();
            if (parser instanceof YAMLParser yaml && yaml.isCurrentAlias()) {
                throw structure(
                        "YAML aliases (*name) are not supported", "write the value out in full where the alias stands");
            }
            return t;
        }

        /** Returns the next token inside a mapping or sequence, which parsers report before the end. */
        private JsonToken inside() throws IOException {
            JsonToken t = next();
            if (t == null) {
                throw structure("the document ends inside a mapping or list", "close it or remove it");
            }
            return t;
        }

        private ConfigException structure(String what, String todo) {
            JsonLocation at = parser.currentTokenLocation();
            return ParseErrors.at(locationName, at.getLineNr(), at.getColumnNr(), what, todo, null);
        }
    }
}

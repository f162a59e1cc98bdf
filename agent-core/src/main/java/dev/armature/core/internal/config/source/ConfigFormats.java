package dev.armature.core.internal.config.source;

import static java.util.Objects.requireNonNull;

import dev.armature.api.config.ConfigException;
import dev.armature.spi.config.SourceValue;
import java.util.Map;

/**
 * Internal: reads YAML, JSON and properties text as flat dotted keys, and writes flat keys back as
 * text.
 *
 * <p>Flattening: nested mappings join their keys with dots ({@code a.b.c}); sequence elements take
 * an index ({@code a.b[0]}, {@code a[0][1]}, {@code a[0].name}); a scalar is its text as written
 * ({@code 30}, {@code true}, {@code 1.5}); an explicit null or an empty value is the empty string;
 * an empty mapping or sequence gives no key. Keys are used as written, so a YAML key {@code a.b}
 * under {@code x} gives {@code x.a.b} and a profile key {@code %prod} stays one segment. When a key
 * appears twice the last one wins, with its line. Each value's location is {@code
 * locationName:line}, the 1-based line the value starts on.
 *
 * <p>Stateless and thread-safe.
 */
public final class ConfigFormats {
    private ConfigFormats() {}

    /**
     * Parses a document into flat keys in document order.
     *
     * @param text the document
     * @param format its format
     * @param locationName how locations name the document, such as a file path
     * @return the values by flat key, unmodifiable, in document order
     * @throws ConfigException with code {@code armature.config.parse} if the text is not a valid
     *     document of the format, or (YAML, JSON) its top level is not a mapping, it holds more than
     *     one document, or it uses a YAML alias; the message names {@code locationName:line:column}
     *     but never the text found there
     */
    public static Map<String, SourceValue> parse(String text, ConfigFormat format, String locationName) {
        requireNonNull(text, "text");
        requireNonNull(format, "format");
        requireNonNull(locationName, "locationName");
        return switch (format) {
            case YAML, JSON -> JacksonFlattener.parse(text, format, locationName);
            case PROPERTIES -> PropertiesText.parse(text, locationName);
        };
    }

    /**
     * Writes flat keys as a document that {@link #parse} reads back to the same keys and texts.
     *
     * <p>YAML and JSON rebuild the tree from the keys ({@code [i]} suffixes become sequences) and
     * write every scalar as a string. A key segment that contains a dot cannot be told apart from
     * two segments, so such a key does not come back the same. Properties take any keys.
     *
     * @param flat the values by flat key
     * @param format the format to write
     * @return the document
     * @throws IllegalArgumentException (YAML, JSON) if the keys do not form a tree: a key is both a
     *     value and a parent ({@code a} and {@code a.b}), a mapping and a sequence, a sequence's
     *     indices have gaps or leading zeros, the top level would be a sequence, or a key is
     *     malformed ({@code a..b}, {@code a[x]})
     */
    public static String write(Map<String, String> flat, ConfigFormat format) {
        requireNonNull(flat, "flat");
        requireNonNull(format, "format");
        return switch (format) {
            case YAML, JSON -> JacksonFlattener.write(FlatTree.build(flat), format);
            case PROPERTIES -> PropertiesText.write(flat);
        };
    }
}

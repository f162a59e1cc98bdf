package dev.armature.core.internal.config.source;

import static org.assertj.core.api.Assertions.assertThat;

import dev.armature.api.config.ConfigException;
import dev.armature.spi.config.SourceValue;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Written documents read back to the keys they were written from; no input breaks the parsers. */
class ConfigFormatsPropertyTest {
    static Map<String, String> texts(Map<String, SourceValue> values) {
        Map<String, String> out = new LinkedHashMap<>();
        values.forEach((k, v) -> out.put(k, v.text()));
        return out;
    }

    // ---- trees of small keys, lists and awkward texts

    private static Arbitrary<String> segments() {
        return Arbitraries.oneOf(
                Arbitraries.strings()
                        .withChars("abcxyz-_%0123456789")
                        .ofMinLength(1)
                        .ofMaxLength(6),
                Arbitraries.of(
                        "true", "null", "no", "on", "~", "-", "1", "%prod", "a b", "é", "?", "#x", "'q'", "\"q\""));
    }

    /** Texts with the characters YAML and JSON treat specially; whole code points only (no lone surrogates). */
    private static Arbitrary<String> texts() {
        return Arbitraries.oneOf(
                Arbitraries.strings().withChars("ab :#-'\"\\\n\t{}[],&*!|>%@`é").ofMaxLength(12),
                Arbitraries.of(
                        "",
                        "null",
                        "~",
                        "true",
                        "False",
                        "30",
                        "1.50",
                        "0x1F",
                        "1e3",
                        " lead",
                        "trail ",
                        "- x",
                        "a: b",
                        "\u0085",
                        "\u2028",
                        "\u0000",
                        "\r\n",
                        "---",
                        "...",
                        "😀 emoji"));
    }

    private static Arbitrary<Object> node(int depth) {
        if (depth == 0) {
            return texts().map(t -> t);
        }
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(3, texts().map(t -> (Object) t)),
                net.jqwik.api.Tuple.of(1, mapping(depth - 1, 1).map(m -> (Object) m)),
                net.jqwik.api.Tuple.of(
                        1, node(depth - 1).list().ofMinSize(1).ofMaxSize(3).map(l -> (Object) l)));
    }

    private static Arbitrary<Map<String, Object>> mapping(int depth, int minSize) {
        return Arbitraries.maps(segments(), Arbitraries.lazy(() -> node(depth)))
                .ofMinSize(minSize)
                .ofMaxSize(4);
    }

    @SuppressWarnings("unchecked") // the tree holds maps, lists and strings only
    private static void flatten(String prefix, Object node, Map<String, String> out) {
        if (node instanceof Map<?, ?> map) {
            ((Map<String, Object>) map).forEach((k, v) -> flatten(prefix.isEmpty() ? k : prefix + "." + k, v, out));
        } else if (node instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                flatten(prefix + "[" + i + "]", list.get(i), out);
            }
        } else {
            out.put(prefix, (String) node);
        }
    }

    @Provide
    Arbitrary<Map<String, String>> flatTrees() {
        return mapping(3, 0).map(tree -> {
            Map<String, String> flat = new LinkedHashMap<>();
            flatten("", tree, flat);
            return flat;
        });
    }

    @Property
    void yaml_written_from_flat_keys_reads_back_to_the_same_keys_and_texts(
            @ForAll("flatTrees") Map<String, String> flat) {
        roundTrips(flat, ConfigFormat.YAML);
    }

    @Property
    void json_written_from_flat_keys_reads_back_to_the_same_keys_and_texts(
            @ForAll("flatTrees") Map<String, String> flat) {
        roundTrips(flat, ConfigFormat.JSON);
    }

    @Property
    void properties_written_from_flat_keys_read_back_to_the_same_keys_and_texts(
            @ForAll("flatTrees") Map<String, String> flat) {
        roundTrips(flat, ConfigFormat.PROPERTIES);
    }

    @Property
    void properties_written_from_any_strings_read_back_to_the_same_strings(
            @ForAll("anyStrings") Map<String, String> flat) {
        roundTrips(flat, ConfigFormat.PROPERTIES);
    }

    @Provide
    Arbitrary<Map<String, String>> anyStrings() {
        return Arbitraries.maps(
                        Arbitraries.strings().ofMaxLength(8),
                        Arbitraries.strings().ofMaxLength(8))
                .ofMaxSize(5);
    }

    private static void roundTrips(Map<String, String> flat, ConfigFormat format) {
        String written = ConfigFormats.write(flat, format);
        Map<String, String> read = texts(ConfigFormats.parse(written, format, "rt"));
        assertThat(read).as("%s document:%n%s", format, visible(written)).isEqualTo(flat);
        assertThat(new ArrayList<>(read.keySet())).isEqualTo(new ArrayList<>(flat.keySet()));
    }

    /** Shows control and non-ASCII characters as escapes, so that a failure report can be read. */
    static String visible(String s) {
        StringBuilder b = new StringBuilder();
        s.chars()
                .forEach(c -> b.append(
                        c == '\n' || (c >= 0x20 && c < 0x7f) ? String.valueOf((char) c) : String.format("\\u%04x", c)));
        return b.toString();
    }

    // ---- garbage

    @Provide
    Arbitrary<String> garbage() {
        Arbitrary<String> random = Arbitraries.strings()
                .withChars("ab1 :,-?&*!|>'\"%@`#{}[]\\\n\t\r~.=\u00e9")
                .ofMaxLength(40);
        Arbitrary<String> mutated = Combinators.combine(
                        flatTrees(),
                        Arbitraries.of(ConfigFormat.values()),
                        Arbitraries.integers().between(0, 1000),
                        Arbitraries.strings().withChars(":-[]{}\"'\n &*|>#,").ofMaxLength(2))
                .as((flat, format, at, insert) -> {
                    String doc = ConfigFormats.write(flat, format);
                    int i = doc.isEmpty() ? 0 : at % doc.length();
                    int cut = Math.min(doc.length(), i + (at % 3));
                    return doc.substring(0, i) + insert + doc.substring(cut);
                });
        return Arbitraries.oneOf(random, mutated);
    }

    @Property(tries = 300)
    void any_text_either_parses_or_fails_with_a_parse_error(@ForAll("garbage") String text) {
        for (ConfigFormat format : ConfigFormat.values()) {
            try {
                ConfigFormats.parse(text, format, "g");
            } catch (ConfigException e) {
                assertThat(e.code()).isEqualTo("armature.config.parse");
                assertThat(e.getMessage()).startsWith("g:");
            }
        }
    }
}

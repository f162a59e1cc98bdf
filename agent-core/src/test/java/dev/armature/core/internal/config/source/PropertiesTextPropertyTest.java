package dev.armature.core.internal.config.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.armature.api.config.ConfigException;
import java.io.IOException;
import java.io.StringReader;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** The properties parser reads every text as {@code java.util.Properties} does. */
class PropertiesTextPropertyTest {
    /** Characters that matter to the format, and a few that do not. */
    @Provide
    Arbitrary<String> characterSoup() {
        return Arbitraries.strings().withChars("ab=: \t\f\\\n\r#!u0Fé").ofMaxLength(50);
    }

    /** Lines built from the format's pieces. */
    @Provide
    Arbitrary<String> documents() {
        Arbitrary<String> blanks = Arbitraries.strings().withChars(" \t\f").ofMaxLength(2);
        Arbitrary<String> escapes = Arbitraries.of(
                "\\t", "\\n", "\\r", "\\f", "\\\\", "\\=", "\\:", "\\ ", "\\#", "\\u00e9", "\\u0041", "\\uZZZZ",
                "\\u12", "\\x", "\\");
        Arbitrary<String> word = Arbitraries.oneOf(
                        Arbitraries.strings().withChars("abc#!é").ofMinLength(1).ofMaxLength(4), escapes)
                .list()
                .ofMaxSize(3)
                .map(parts -> String.join("", parts));
        Arbitrary<String> separator = Arbitraries.of("=", ":", " ", " = ", "\t:", "  ", "==", ": :");
        Arbitrary<String> terminator = Arbitraries.of("\n", "\r\n", "\r", "\\\n", "\\\r\n", "\\\\\n", "");
        Arbitrary<String> entry = net.jqwik.api.Combinators.combine(blanks, word, separator, word, blanks, terminator)
                .as((b1, k, s, v, b2, t) -> b1 + k + s + v + b2 + t);
        Arbitrary<String> comment = net.jqwik.api.Combinators.combine(
                        blanks, Arbitraries.of("#", "!"), word, terminator)
                .as((b, c, w, t) -> b + c + w + t);
        Arbitrary<String> blank = net.jqwik.api.Combinators.combine(blanks, Arbitraries.of("\n", "\r\n", "\r"))
                .as((b, t) -> b + t);
        return Arbitraries.frequencyOf(
                        net.jqwik.api.Tuple.of(5, entry),
                        net.jqwik.api.Tuple.of(1, comment),
                        net.jqwik.api.Tuple.of(1, blank))
                .list()
                .ofMaxSize(6)
                .map(lines -> String.join("", lines));
    }

    @Property(tries = 500)
    void documents_built_from_the_grammar_read_as_java_util_properties_reads_them(@ForAll("documents") String text) {
        agreesWithProperties(text);
    }

    @Property(tries = 500)
    void any_soup_of_significant_characters_reads_as_java_util_properties_reads_it(
            @ForAll("characterSoup") String text) {
        agreesWithProperties(text);
    }

    private static void agreesWithProperties(String text) {
        Properties expected = new Properties();
        try {
            expected.load(new StringReader(text));
        } catch (IllegalArgumentException e) {
            assertThatThrownBy(() -> PropertiesText.parse(text, "p"))
                    .isInstanceOfSatisfying(
                            ConfigException.class, c -> assertThat(c.code()).isEqualTo("armature.config.parse"));
            return;
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        Map<String, String> expectedMap = new HashMap<>();
        expected.stringPropertyNames().forEach(k -> expectedMap.put(k, expected.getProperty(k)));
        assertThat(ConfigFormatsPropertyTest.texts(PropertiesText.parse(text, "p")))
                .isEqualTo(expectedMap);
    }
}

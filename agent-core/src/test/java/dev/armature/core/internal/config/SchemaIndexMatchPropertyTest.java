package dev.armature.core.internal.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.IntStream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class SchemaIndexMatchPropertyTest {
    @Provide
    Arbitrary<String> dotted() {
        return Arbitraries.of("a", "b", "*", "ab", "", "a-b")
                .list()
                .ofMinSize(1)
                .ofMaxSize(4)
                .map(segments -> String.join(".", segments));
    }

    @Property(tries = 2000) // cheap, and the edge cases (empty segments) are rare in a sample
    void the_in_place_match_agrees_with_matching_split_segments(
            @ForAll("dotted") String pattern, @ForAll("dotted") String key) {
        assertThat(SchemaIndex.matches(pattern, key)).isEqualTo(reference(pattern, key));
    }

    @Example
    void a_star_matches_exactly_one_segment() {
        assertThat(SchemaIndex.matches("armature.components.*.start-timeout", "armature.components.db.start-timeout"))
                .isTrue();
        assertThat(SchemaIndex.matches("armature.components.*.start-timeout", "armature.components.start-timeout"))
                .isFalse();
        assertThat(SchemaIndex.matches("a.*", "a.b.c")).isFalse();
        // empty segments, which keys never have but the matcher must still treat like split() does
        assertThat(SchemaIndex.matches("", "")).isTrue();
        assertThat(SchemaIndex.matches("a.", "a.")).isTrue();
        assertThat(SchemaIndex.matches("*", "")).isTrue();
    }

    @Provide
    Arbitrary<String> wellFormed() {
        return Arbitraries.of("a", "b", "*", "ab", "a-b")
                .list()
                .ofMinSize(1)
                .ofMaxSize(5)
                .map(segments -> String.join(".", segments));
    }

    @Provide
    Arbitrary<java.util.List<String>> declarations() {
        return wellFormed().list().ofMaxSize(12);
    }

    /** find() only tries the patterns of the key's length: it must answer as a scan of all of them. */
    @Property(tries = 500)
    void find_answers_as_a_scan_of_every_pattern_in_declaration_order(
            @ForAll("declarations") java.util.List<String> declared, @ForAll("wellFormed") String key) {
        java.util.List<String> patterns =
                declared.stream().filter(d -> d.contains("*")).distinct().toList();
        var schema = dev.armature.api.config.ConfigSchema.builder("test");
        patterns.forEach(p ->
                schema.add(dev.armature.api.config.ConfigProperty.builder(p, dev.armature.api.config.ConfigType.STRING)
                        .build()));
        SchemaIndex index = new SchemaIndex(java.util.List.of(schema.build()));
        java.util.Optional<String> expected =
                patterns.stream().filter(p -> reference(p, key)).findFirst();
        assertThat(index.find(key).map(dev.armature.api.config.ConfigProperty::key))
                .isEqualTo(expected);
    }

    private static boolean reference(String pattern, String key) {
        String[] p = pattern.split("\\.", -1);
        String[] k = key.split("\\.", -1);
        return p.length == k.length
                && IntStream.range(0, p.length).allMatch(i -> p[i].equals("*") || p[i].equals(k[i]));
    }
}

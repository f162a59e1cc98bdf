package dev.armature.api.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

class EventTypeTest {
    @Provide
    Arbitrary<String> names() {
        Arbitrary<String> word = Arbitraries.strings()
                .withCharRange('a', 'z')
                .numeric()
                .ofMinLength(1)
                .ofMaxLength(8);
        return word.list().ofMinSize(1).ofMaxSize(4).map(ws -> String.join(".", ws));
    }

    @Property
    void valid_names_are_written_as_name_slash_version(
            @ForAll("names") String name, @ForAll @IntRange(min = 1, max = 99) int version) {
        assertThat(new EventType(name, version)).hasToString(name + "/v" + version);
    }

    @Property
    void names_with_anything_but_lowercase_words_are_refused(@ForAll("names") String name) {
        assertThatThrownBy(() -> EventType.v1(name.toUpperCase(java.util.Locale.ROOT) + "X"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> EventType.v1(name + ".")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> EventType.v1(name + " x")).isInstanceOf(IllegalArgumentException.class);
    }

    @Property
    void versions_start_at_one(@ForAll @IntRange(min = -5, max = 0) int version) {
        assertThatThrownBy(() -> new EventType("a.b", version)).isInstanceOf(IllegalArgumentException.class);
    }
}

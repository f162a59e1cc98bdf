package dev.armature.api.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** The matcher parser: what a matcher writes it reads back, and any text is read or refused with a message. */
class LabelMatcherPropertyTest {
    @Provide
    Arbitrary<String> names() {
        return Arbitraries.strings()
                .withChars("abcxyz_019")
                .ofMinLength(1)
                .ofMaxLength(8)
                .filter(n -> !Character.isDigit(n.charAt(0)));
    }

    @Provide
    Arbitrary<String> values() {
        // The characters that make a value ambiguous: operators, quotes and spaces.
        return Arbitraries.strings().withChars("ab =~!\"").ofMaxLength(8);
    }

    @Property(tries = 500)
    void a_written_value_matcher_reads_back_as_itself(
            @ForAll("names") String name, @ForAll("values") String value, @ForAll boolean equal) {
        LabelMatcher matcher =
                LabelMatcher.of(name, equal ? LabelMatcher.Operator.EQUAL : LabelMatcher.Operator.NOT_EQUAL, value);

        assertThat(LabelMatcher.parse(matcher.toString())).isEqualTo(matcher);
    }

    @Property(tries = 200)
    void a_written_regex_matcher_reads_back_as_itself(
            @ForAll("names") String name, @ForAll("regexes") String regex, @ForAll boolean positive) {
        LabelMatcher matcher =
                LabelMatcher.of(name, positive ? LabelMatcher.Operator.REGEX : LabelMatcher.Operator.NOT_REGEX, regex);

        assertThat(LabelMatcher.parse(matcher.toString())).isEqualTo(matcher);
    }

    @Provide
    Arbitrary<String> regexes() {
        return Arbitraries.of("a.*", "b|c", "[a-z]+", "x?", "", "~a", "\"q\"", " a ");
    }

    @Property(tries = 1000)
    void any_text_is_read_or_refused_with_a_message_quoting_it(@ForAll("texts") String text) {
        try {
            LabelMatcher read = LabelMatcher.parse(text);
            assertThat(read.name()).isNotBlank();
        } catch (IllegalArgumentException e) {
            assertThat(e.getMessage()).isNotBlank();
        }
    }

    @Provide
    Arbitrary<String> texts() {
        return Arbitraries.strings().withChars("ab =~!\"()[*").ofMaxLength(10);
    }
}

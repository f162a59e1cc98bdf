package dev.armature.api.monitoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class LabelMatcherTest {
    @Test
    void parses_the_four_operators_of_alertmanager() {
        assertThat(LabelMatcher.parse("severity=critical"))
                .isEqualTo(LabelMatcher.of("severity", LabelMatcher.Operator.EQUAL, "critical"));
        assertThat(LabelMatcher.parse("team != db"))
                .isEqualTo(LabelMatcher.of("team", LabelMatcher.Operator.NOT_EQUAL, "db"));
        assertThat(LabelMatcher.parse("team=~db|web"))
                .isEqualTo(LabelMatcher.of("team", LabelMatcher.Operator.REGEX, "db|web"));
        assertThat(LabelMatcher.parse("team!~\"db.*\""))
                .isEqualTo(LabelMatcher.of("team", LabelMatcher.Operator.NOT_REGEX, "db.*"));
    }

    @Test
    void matches_whole_values_and_reads_a_missing_label_as_empty() {
        Map<String, String> labels = Map.of("team", "dbx");
        assertThat(LabelMatcher.parse("team=~db|web").matches(labels)).isFalse();
        assertThat(LabelMatcher.parse("team=~db.*").matches(labels)).isTrue();
        assertThat(LabelMatcher.parse("zone!=eu").matches(labels)).isTrue();
        assertThat(LabelMatcher.parse("zone=").matches(labels)).isTrue();
    }

    @Test
    void round_trips_through_its_text() {
        for (String text : new String[] {"a=b", "a!=b", "a=~b+", "a!~b|c", "a=b=c"}) {
            assertThat(LabelMatcher.parse(LabelMatcher.parse(text).toString())).isEqualTo(LabelMatcher.parse(text));
        }
    }

    @Test
    void refuses_text_without_an_operator_or_a_name_or_with_a_bad_regex_naming_it() {
        assertThatThrownBy(() -> LabelMatcher.parse("severity"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'severity' has no operator");
        assertThatThrownBy(() -> LabelMatcher.parse("=x"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no label name");
        assertThatThrownBy(() -> LabelMatcher.parse("team=~(db"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'team'")
                .hasMessageContaining("(db");
    }
}

package dev.armature.api.incident;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** The step parser: every valid step reads back as itself, and any text is read or refused with the typed error. */
class EscalationStepPropertyTest {
    @Property(tries = 1000)
    void any_valid_step_prints_and_parses_back_to_itself(@ForAll("steps") EscalationStep step) {
        assertThat(EscalationStep.parse(step.toString())).isEqualTo(step);
    }

    @Property(tries = 2000)
    void any_text_is_parsed_or_refused_with_the_typed_error(@ForAll("texts") String text) {
        try {
            EscalationStep step = EscalationStep.parse(text);
            assertThat(EscalationStep.parse(step.toString())).isEqualTo(step);
        } catch (EscalationPolicyException e) {
            assertThat(e.line()).contains(text);
            assertThat(e.getMessage()).contains("'" + text + "'").contains("write");
        }
    }

    @Property(tries = 1000)
    void any_unicode_text_is_parsed_or_refused_with_the_typed_error(@ForAll String text) {
        try {
            EscalationStep.parse(text);
        } catch (EscalationPolicyException e) {
            assertThat(e.problem()).isNotBlank();
        }
    }

    @Provide
    Arbitrary<String> texts() {
        // Keywords, numbers, units, separators and near misses, so that most texts come close to a step.
        Arbitrary<String> word = Arbitraries.oneOf(
                Arbitraries.of(
                        "wait",
                        "notify",
                        "notify-next-each-time",
                        "notify-if",
                        "repeat",
                        "auto-resolve-after-quiet",
                        "WAIT",
                        "in",
                        "Notify"),
                Arbitraries.of(
                        "0",
                        "1",
                        "3",
                        "-1",
                        "99999999999999999999",
                        "5m",
                        "0s",
                        "PT5M",
                        "PT-5M",
                        "P",
                        "1d",
                        "10x",
                        "1 m",
                        "2147483648",
                        "+2"),
                Arbitraries.of("pager", "a,b", "a,,b", "a, b", ",", "A", "pager,pager", "a-b", "-a", "a ,b"),
                Arbitraries.strings().withChars("aw1m ,-").ofMaxLength(6));
        return word.list().ofMaxSize(6).map(words -> String.join(" ", words));
    }

    @Provide
    Arbitrary<EscalationStep> steps() {
        return Arbitraries.oneOf(
                durations().map(EscalationStep.Wait::new),
                targets().map(EscalationStep.Notify::new),
                targets().map(EscalationStep.NotifyNextEachTime::new),
                Combinators.combine(Arbitraries.integers().between(1, Integer.MAX_VALUE), durations(), targets())
                        .as(EscalationStep.NotifyIfNInWindow::new),
                Arbitraries.integers().between(1, Integer.MAX_VALUE).map(EscalationStep.Repeat::new),
                durations().map(EscalationStep.AutoResolveAfterQuiet::new));
    }

    private Arbitrary<Duration> durations() {
        return Arbitraries.oneOf(
                Arbitraries.longs().between(1, 100_000).map(Duration::ofSeconds),
                Arbitraries.longs().between(1, 10_000).map(Duration::ofMinutes),
                Arbitraries.longs().between(1, Long.MAX_VALUE).map(Duration::ofNanos),
                Arbitraries.longs().between(1, Long.MAX_VALUE / 2).map(Duration::ofMillis),
                Combinators.combine(
                                Arbitraries.longs().between(0, Long.MAX_VALUE / 2),
                                Arbitraries.longs().between(0, 999_999_999))
                        .as(Duration::ofSeconds)
                        .filter(d -> !d.isZero()));
    }

    private Arbitrary<List<String>> targets() {
        return Arbitraries.strings()
                .withChars("abz09-")
                .ofMinLength(1)
                .ofMaxLength(6)
                .filter(t -> !t.startsWith("-"))
                .list()
                .uniqueElements()
                .ofMinSize(1)
                .ofMaxSize(4);
    }
}

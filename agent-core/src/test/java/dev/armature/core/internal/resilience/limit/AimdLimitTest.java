package dev.armature.core.internal.resilience.limit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class AimdLimitTest {
    private static final long MS = 1_000_000L;

    /** One finished call: how long it took, how many were in flight when it was admitted, dropped or not. */
    record Sample(long rttMillis, int inflight, boolean drop) {
        static Sample ok(int inflight) {
            return new Sample(10, inflight, false);
        }

        static Sample drop(int inflight) {
            return new Sample(10, inflight, true);
        }

        static Sample slow(long rttMillis, int inflight) {
            return new Sample(rttMillis, inflight, false);
        }
    }

    static Stream<Arguments> sequences() {
        return Stream.of(
                Arguments.of(
                        "grows by one per success while at least half the limit is in flight",
                        new AimdSettings(10, 1, 200, 0.9, Duration.ofSeconds(1)),
                        List.of(Sample.ok(10), Sample.ok(11), Sample.ok(12)),
                        List.of(11, 12, 13)),
                Arguments.of(
                        "stays while the caller keeps less than half the limit in flight",
                        new AimdSettings(10, 1, 200, 0.9, Duration.ofSeconds(1)),
                        List.of(Sample.ok(4), Sample.ok(5), Sample.ok(5), Sample.ok(6)),
                        List.of(10, 11, 11, 12)),
                Arguments.of(
                        "backs off multiplicatively on each drop, rounding down",
                        new AimdSettings(100, 1, 200, 0.9, Duration.ofSeconds(1)),
                        List.of(Sample.drop(100), Sample.drop(1), Sample.drop(50), Sample.drop(81)),
                        List.of(90, 81, 72, 64)),
                Arguments.of(
                        "a success slower than the timeout counts as a drop; one at the timeout does not",
                        new AimdSettings(100, 1, 200, 0.9, Duration.ofSeconds(1)),
                        List.of(Sample.slow(1001, 100), Sample.slow(1000, 100)),
                        List.of(90, 91)),
                Arguments.of(
                        "never falls below the minimum",
                        new AimdSettings(6, 5, 200, 0.5, Duration.ofSeconds(1)),
                        List.of(Sample.drop(6), Sample.drop(5), Sample.ok(5), Sample.drop(6)),
                        List.of(5, 5, 6, 5)),
                Arguments.of(
                        "never rises above the maximum",
                        new AimdSettings(11, 1, 12, 0.9, Duration.ofSeconds(1)),
                        List.of(Sample.ok(11), Sample.ok(12), Sample.ok(12), Sample.drop(12)),
                        List.of(12, 12, 12, 10)),
                Arguments.of(
                        "recovers additively after a multiplicative backoff",
                        new AimdSettings(20, 1, 200, 0.5, Duration.ofSeconds(1)),
                        List.of(Sample.drop(20), Sample.ok(10), Sample.ok(11), Sample.ok(12)),
                        List.of(10, 11, 12, 13)),
                Arguments.of(
                        "a limit of one stays at one under drops and grows from the single call in flight",
                        new AimdSettings(1, 1, 200, 0.9, Duration.ofSeconds(1)),
                        List.of(Sample.drop(1), Sample.ok(1), Sample.ok(1)),
                        List.of(1, 2, 3)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sequences")
    void moves_the_limit_as_the_table_says(
            String why, AimdSettings settings, List<Sample> samples, List<Integer> expected) {
        AimdLimit limit = settings.newLimit();
        List<Integer> limits = new ArrayList<>();
        long start = 0;
        for (Sample s : samples) {
            limit.onSample(start, s.rttMillis() * MS, s.inflight(), s.drop());
            limits.add(limit.limit());
            start += s.rttMillis() * MS;
        }
        assertThat(limits).as(why).isEqualTo(expected);
    }

    @Test
    void tells_listeners_each_change_in_order_and_nothing_when_the_limit_stays() {
        AimdLimit limit = new AimdSettings(10, 1, 200, 0.5, Duration.ofSeconds(1)).newLimit();
        List<String> changes = new ArrayList<>();
        limit.addListener((from, to) -> changes.add(from + "->" + to));

        limit.onSample(0, MS, 10, false);
        limit.onSample(0, MS, 1, false);
        limit.onSample(0, MS, 11, true);

        assertThat(changes).containsExactly("10->11", "11->5");
    }

    @Test
    void a_throwing_listener_is_counted_and_does_not_stop_the_others_or_the_change() {
        AimdLimit limit = new AimdSettings(10, 1, 200, 0.5, Duration.ofSeconds(1)).newLimit();
        List<Integer> seen = new ArrayList<>();
        limit.addListener((from, to) -> {
            throw new IllegalStateException("listener bug");
        });
        limit.addListener((from, to) -> seen.add(to));

        limit.onSample(0, MS, 10, false);

        assertThat(limit.limit()).isEqualTo(11);
        assertThat(seen).containsExactly(11);
        assertThat(limit.listenerFailures()).isEqualTo(1);
    }

    @Provide
    Arbitrary<List<Sample>> samples() {
        Arbitrary<Sample> sample = Combinators.combine(
                        Arbitraries.longs().between(0, 3_000),
                        Arbitraries.integers().between(0, 300),
                        Arbitraries.of(true, false))
                .as(Sample::new);
        return sample.list().ofMaxSize(60);
    }

    @Property(tries = 300)
    void the_limit_stays_within_min_and_max_whatever_the_samples(
            @ForAll @IntRange(min = 1, max = 50) int min,
            @ForAll @IntRange(min = 0, max = 100) int span,
            @ForAll @IntRange(min = 0, max = 100) int initialOffset,
            @ForAll("samples") List<Sample> samples) {
        int max = min + span;
        int initial = min + initialOffset % (span + 1);
        AimdLimit limit = new AimdSettings(initial, min, max, 0.7, Duration.ofSeconds(1)).newLimit();
        for (Sample s : samples) {
            int before = limit.limit();
            limit.onSample(0, s.rttMillis() * MS, s.inflight(), s.drop());
            assertThat(limit.limit()).isBetween(min, max);
            if (s.drop() || s.rttMillis() > 1000) {
                assertThat(limit.limit()).isLessThanOrEqualTo(before);
            } else {
                assertThat(limit.limit()).isBetween(before, before + 1);
            }
        }
    }
}

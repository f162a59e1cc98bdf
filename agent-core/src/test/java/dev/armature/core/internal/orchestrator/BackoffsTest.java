package dev.armature.core.internal.orchestrator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import dev.armature.api.Backoff;
import dev.armature.api.time.RandomSource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

class BackoffsTest {
    private static final Backoff EXPONENTIAL =
            new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(60), 2.0, 0.0, Duration.ofMinutes(5));

    private static List<Duration> delays(Backoff backoff, int attempts, RandomGenerator random) {
        List<Duration> out = new ArrayList<>();
        for (int attempt = 1; attempt <= attempts; attempt++) {
            out.add(Backoffs.delay(backoff, attempt, random));
        }
        return out;
    }

    @Test
    void without_jitter_the_delays_double_from_min_and_are_capped_at_max() {
        assertThat(delays(EXPONENTIAL, 9, RandomSource.seeded(42).stream("backoff")))
                .containsExactly(
                        Duration.ofSeconds(1),
                        Duration.ofSeconds(2),
                        Duration.ofSeconds(4),
                        Duration.ofSeconds(8),
                        Duration.ofSeconds(16),
                        Duration.ofSeconds(32),
                        Duration.ofSeconds(60),
                        Duration.ofSeconds(60),
                        Duration.ofSeconds(60));
    }

    @Test
    void a_very_late_attempt_stays_at_max() {
        assertThat(Backoffs.delay(EXPONENTIAL, 10_000, RandomSource.seeded(42).stream("backoff")))
                .isEqualTo(Duration.ofSeconds(60));
    }

    @Test
    void a_fixed_backoff_always_waits_the_same() {
        assertThat(delays(Backoff.fixed(Duration.ofMillis(250)), 5, RandomSource.seeded(42).stream("backoff")))
                .containsOnly(Duration.ofMillis(250));
    }

    @Test
    void with_jitter_each_delay_stays_within_the_spread_around_its_base_and_never_exceeds_max() {
        Backoff jittered = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(60), 2.0, 0.2, Duration.ofMinutes(5));
        RandomGenerator random = RandomSource.seeded(42).stream("armature.supervisor.backoff");
        for (int round = 0; round < 200; round++) {
            for (int attempt = 1; attempt <= 9; attempt++) {
                long baseNanos = Duration.ofMillis(Math.min(60_000L, 1000L << (attempt - 1)))
                        .toNanos();
                long lowest = Math.round(baseNanos * 0.8) - 1; // one nanosecond for rounding
                long highest = Math.min(Duration.ofSeconds(60).toNanos(), Math.round(baseNanos * 1.2) + 1);
                Duration d = Backoffs.delay(jittered, attempt, random);
                assertThat(d.toNanos()).as("attempt %d", attempt).isBetween(lowest, highest);
            }
        }
    }

    @Test
    void with_jitter_the_delays_actually_spread() {
        Backoff jittered = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(60), 2.0, 0.2, Duration.ofMinutes(5));
        RandomGenerator random = RandomSource.seeded(42).stream("armature.supervisor.backoff");
        List<Duration> firsts = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            firsts.add(Backoffs.delay(jittered, 1, random));
        }
        assertThat(firsts.stream().distinct().count()).isGreaterThan(1);
    }

    @Test
    void the_same_seed_and_stream_name_reproduce_the_same_jittered_delays() {
        Backoff jittered = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(60), 2.0, 0.5, Duration.ofMinutes(5));

        List<Duration> first = delays(jittered, 12, RandomSource.seeded(42).stream("armature.supervisor.backoff"));
        List<Duration> second = delays(jittered, 12, RandomSource.seeded(42).stream("armature.supervisor.backoff"));
        List<Duration> otherSeed = delays(jittered, 12, RandomSource.seeded(43).stream("armature.supervisor.backoff"));

        assertThat(second).isEqualTo(first);
        assertThat(otherSeed).isNotEqualTo(first);
    }

    @Test
    void an_attempt_below_one_is_refused() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> Backoffs.delay(EXPONENTIAL, 0, RandomSource.seeded(42).stream("backoff")));
    }
}

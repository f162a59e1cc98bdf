package dev.armature.core.internal.resilience.limit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/**
 * Round-trip times are fed straight to the algorithm. Smoothing 0.5 keeps the arithmetic exact in
 * binary, so each step's limit can be written down: at gradient 1 the limit grows by {@code 0.5 *
 * queue-size}, at gradient 0.5 it becomes {@code 0.75 * limit + 0.5 * queue-size}.
 */
class Gradient2LimitTest {
    private static final long MS = 1_000_000L;

    private final Gradient2Limit limit = new Gradient2Settings(20, 1, 200, 0.5, 4, 1.5, 600).newLimit();

    /** Feeds samples at one RTT, each admitted with the whole current limit in flight. */
    private List<Integer> feed(int count, long rttMillis) {
        List<Integer> limits = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            limit.onSample(0, rttMillis * MS, limit.limit(), false);
            limits.add(limit.limit());
        }
        return limits;
    }

    @Test
    void grows_by_the_smoothed_queue_size_while_latency_is_steady() {
        assertThat(feed(10, 10)).containsExactly(22, 24, 26, 28, 30, 32, 34, 36, 38, 40);
        assertThat(limit.longRttNanos()).isEqualTo(10.0 * MS);
    }

    @Test
    void shrinks_when_the_short_rtt_rises_above_the_long_rtt_and_grows_back_when_latency_recovers() {
        feed(10, 10);
        assertThat(limit.limit()).isEqualTo(40);

        // Ten times the long-term RTT: the gradient is clamped to 0.5, limit -> 0.75 * limit + 2.
        List<Integer> underLoad = feed(40, 100);
        assertThat(underLoad.subList(0, 4)).containsExactly(32, 26, 21, 18);
        assertThat(underLoad).isSortedAccordingTo((a, b) -> b - a);
        // The fixed point of 0.75 * l + 2 is 8.
        assertThat(underLoad.get(underLoad.size() - 1)).isEqualTo(8);
        assertThat(limit.longRttNanos()).isGreaterThan(10.0 * MS).isLessThan(100.0 * MS);

        // Latency recovers: the gradient is 1 again and the limit grows by 2 per sample.
        List<Integer> recovered = feed(20, 10);
        assertThat(recovered).isSorted();
        assertThat(recovered.get(0)).isEqualTo(10);
        assertThat(recovered.get(recovered.size() - 1)).isEqualTo(48);
    }

    @Test
    void tolerates_a_current_rtt_up_to_the_tolerance_times_the_long_rtt() {
        feed(10, 10);
        // 15 ms is 1.5 times the long-term 10 ms: gradient 1, still growing.
        assertThat(feed(1, 15)).containsExactly(42);
        // 30 ms is past the tolerance: 1.5 * ~10.03 / 30 is about 0.5, so the limit shrinks.
        assertThat(feed(1, 30).get(0)).isLessThan(42);
    }

    @Test
    void a_long_rtt_far_above_the_current_one_is_cut_so_that_recovery_is_quick() {
        feed(10, 100);
        double before = limit.longRttNanos();
        feed(1, 10);
        // The sample pulls the average down a little, then the 5% cut applies since 100 > 2 * 10.
        double ewma = before * (1 - 2.0 / 601) + 10.0 * MS * (2.0 / 601);
        assertThat(limit.longRttNanos()).isCloseTo(ewma * 0.95, org.assertj.core.data.Offset.offset(1.0));
    }

    @Test
    void stays_when_the_caller_keeps_less_than_half_the_limit_in_flight() {
        for (int i = 0; i < 10; i++) {
            limit.onSample(0, 10 * MS, 9, false);
        }
        assertThat(limit.limit()).isEqualTo(20);
        for (int i = 0; i < 10; i++) {
            limit.onSample(0, 500 * MS, 9, false);
        }
        assertThat(limit.limit()).isEqualTo(20);
    }

    @Test
    void a_zero_rtt_does_not_break_the_arithmetic() {
        limit.onSample(0, 0, 20, false);
        limit.onSample(0, 0, 22, true);
        assertThat(limit.limit()).isEqualTo(24);
    }

    @Provide
    Arbitrary<List<Long>> rtts() {
        return Arbitraries.longs().between(0, 5_000).list().ofMaxSize(80);
    }

    @Property(tries = 300)
    void the_limit_stays_within_min_and_max_whatever_the_latency(@ForAll("rtts") List<Long> rttMillis) {
        Gradient2Limit bounded = new Gradient2Settings(10, 3, 25, 0.2, 4, 1.5, 20).newLimit();
        for (long rtt : rttMillis) {
            bounded.onSample(0, rtt * MS, bounded.limit(), false);
            assertThat(bounded.limit()).isBetween(3, 25);
        }
    }
}

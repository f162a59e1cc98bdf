package dev.armature.monitoring.internal.health;

import static dev.armature.api.health.HealthStatus.DEGRADED;
import static dev.armature.api.health.HealthStatus.DOWN;
import static dev.armature.api.health.HealthStatus.UNKNOWN;
import static dev.armature.api.health.HealthStatus.UP;
import static org.assertj.core.api.Assertions.assertThat;

import dev.armature.api.health.CheckHistory;
import dev.armature.api.health.CheckResult;
import dev.armature.api.health.CheckSpec;
import dev.armature.api.health.HealthStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class HealthCheckTrackerTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    private final CheckTracker tracker =
            new CheckTracker(CheckSpec.builder("db").build(), new CheckTracker.Settings(5, 6, 3));

    private static CheckResult result(HealthStatus status, long second) {
        return new CheckResult(
                status,
                Duration.ZERO,
                status == UP ? Optional.empty() : Optional.of("x"),
                Map.of(),
                false,
                T0.plusSeconds(second));
    }

    @Test
    void the_first_result_decides_at_once() {
        assertThat(tracker.status()).isEqualTo(UNKNOWN);
        assertThat(tracker.record(result(DOWN, 0))).contains(new CheckHistory.Transition(UNKNOWN, DOWN, T0));
        assertThat(tracker.status()).isEqualTo(DOWN);
    }

    @Test
    void three_consecutive_downs_turn_it_down_and_two_consecutive_ups_turn_it_up() {
        tracker.record(result(UP, 0));
        assertThat(tracker.record(result(DOWN, 1))).isEmpty();
        assertThat(tracker.record(result(DOWN, 2))).isEmpty();
        assertThat(tracker.report().consecutiveFailures()).isEqualTo(2);
        assertThat(tracker.record(result(DOWN, 3))).contains(new CheckHistory.Transition(UP, DOWN, T0.plusSeconds(3)));
        assertThat(tracker.record(result(UP, 4))).isEmpty();
        assertThat(tracker.status()).isEqualTo(DOWN);
        assertThat(tracker.record(result(UP, 5))).contains(new CheckHistory.Transition(DOWN, UP, T0.plusSeconds(5)));
    }

    @Test
    void a_down_interrupted_by_an_up_starts_counting_again() {
        tracker.record(result(UP, 0));
        tracker.record(result(DOWN, 1));
        tracker.record(result(DOWN, 2));
        tracker.record(result(UP, 3));
        tracker.record(result(DOWN, 4));
        tracker.record(result(DOWN, 5));
        assertThat(tracker.status()).isEqualTo(UP);
    }

    @Test
    void degraded_counts_at_once_and_unknown_changes_nothing() {
        tracker.record(result(UP, 0));
        assertThat(tracker.record(result(DEGRADED, 1))).isPresent();
        assertThat(tracker.status()).isEqualTo(DEGRADED);
        tracker.record(result(UNKNOWN, 2));
        assertThat(tracker.status()).isEqualTo(DEGRADED);
        assertThat(tracker.currentInterval()).isEqualTo(CheckSpec.DEFAULT_UNHEALTHY_INTERVAL);
    }

    @Test
    void three_raw_changes_among_the_latest_six_results_is_flapping_and_quiet_results_end_it() {
        tracker.record(result(UP, 0));
        tracker.record(result(DOWN, 1));
        tracker.record(result(UP, 2));
        assertThat(tracker.flapping()).isFalse();
        tracker.record(result(DOWN, 3));
        assertThat(tracker.flapping()).isTrue();
        assertThat(tracker.status()).as("hysteresis held it UP").isEqualTo(UP);
        for (int i = 4; i < 8; i++) {
            tracker.record(result(UP, i));
        }
        assertThat(tracker.flapping()).isFalse();
    }

    @Test
    void history_keeps_the_latest_results_and_derives_availability_mttr_and_mtbf() {
        CheckTracker t = new CheckTracker(
                CheckSpec.builder("db").failureThreshold(1).successThreshold(1).build(),
                new CheckTracker.Settings(100, 10, 4));
        // UP 0..60, DOWN 60..90, UP 90..210, DOWN 210..220, UP 220..240 (now)
        t.record(result(UP, 0));
        t.record(result(DOWN, 60));
        t.record(result(UP, 90));
        t.record(result(DOWN, 210));
        t.record(result(UP, 220));
        CheckHistory h = t.history(T0.plusSeconds(240));
        assertThat(h.results()).hasSize(5);
        assertThat(h.transitions()).extracting(CheckHistory.Transition::to).containsExactly(UP, DOWN, UP, DOWN, UP);
        assertThat(h.availability().getAsDouble())
                .isCloseTo(100.0 * 200 / 240, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(h.mttr()).contains(Duration.ofSeconds(20)); // (30 + 10) / 2
        assertThat(h.mtbf()).contains(Duration.ofSeconds(90)); // (60 + 120) / 2
    }

    @Test
    void the_ring_buffer_drops_the_oldest_results() {
        for (int i = 0; i < 8; i++) {
            tracker.record(result(UP, i));
        }
        assertThat(tracker.history(T0.plusSeconds(8)).results())
                .extracting(CheckResult::at)
                .containsExactly(
                        T0.plusSeconds(3), T0.plusSeconds(4), T0.plusSeconds(5), T0.plusSeconds(6), T0.plusSeconds(7));
    }
}

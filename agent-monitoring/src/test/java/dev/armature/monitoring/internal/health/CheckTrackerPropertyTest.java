package dev.armature.monitoring.internal.health;

import static org.assertj.core.api.Assertions.assertThat;

import dev.armature.api.health.CheckHistory;
import dev.armature.api.health.CheckResult;
import dev.armature.api.health.CheckSpec;
import dev.armature.api.health.HealthStatus;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * The check tracker's hysteresis and flapping under random sequences of raw results and random
 * thresholds: a change to DOWN only after {@code failureThreshold} DOWN results in a row, back to UP
 * only after {@code successThreshold} UP results in a row, DEGRADED and OUT_OF_SERVICE at once,
 * UNKNOWN never a change; the transitions are exactly the changes; flapping is exactly the count of
 * raw changes in the window; and a tracker restored from its persisted bytes goes on exactly as the
 * original.
 */
class CheckTrackerPropertyTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    @Provide
    Arbitrary<List<HealthStatus>> raws() {
        // UP and DOWN weigh more, so that runs long enough to cross the thresholds occur.
        return Arbitraries.frequencyOf(
                        net.jqwik.api.Tuple.of(4, Arbitraries.just(HealthStatus.UP)),
                        net.jqwik.api.Tuple.of(4, Arbitraries.just(HealthStatus.DOWN)),
                        net.jqwik.api.Tuple.of(1, Arbitraries.just(HealthStatus.DEGRADED)),
                        net.jqwik.api.Tuple.of(1, Arbitraries.just(HealthStatus.OUT_OF_SERVICE)),
                        net.jqwik.api.Tuple.of(1, Arbitraries.just(HealthStatus.UNKNOWN)))
                .list()
                .ofMinSize(1)
                .ofMaxSize(60);
    }

    private static CheckResult result(HealthStatus status, int i) {
        return new CheckResult(
                status,
                Duration.ZERO,
                status == HealthStatus.UP ? Optional.empty() : Optional.of("x"),
                Map.of(),
                false,
                T0.plusSeconds(i));
    }

    private static int trailing(List<HealthStatus> raws, HealthStatus status) {
        int n = 0;
        for (int i = raws.size() - 1; i >= 0 && raws.get(i) == status; i--) {
            n++;
        }
        return n;
    }

    @Property
    void hysteresis_and_flapping_hold_for_any_sequence(
            @ForAll("raws") List<HealthStatus> raws,
            @ForAll @IntRange(min = 1, max = 5) int failureThreshold,
            @ForAll @IntRange(min = 1, max = 5) int successThreshold,
            @ForAll @IntRange(min = 2, max = 12) int flapWindow,
            @ForAll @IntRange(min = 1, max = 6) int flapTransitions,
            @ForAll @IntRange(min = 1, max = 30) int historySize) {
        CheckSpec spec = CheckSpec.builder("c")
                .failureThreshold(failureThreshold)
                .successThreshold(successThreshold)
                .build();
        CheckTracker tracker =
                new CheckTracker(spec, new CheckTracker.Settings(historySize, flapWindow, flapTransitions));
        List<HealthStatus> seen = new ArrayList<>();
        int changes = 0;
        for (int i = 0; i < raws.size(); i++) {
            HealthStatus raw = raws.get(i);
            HealthStatus before = tracker.status();
            Optional<CheckHistory.Transition> t = tracker.record(result(raw, i));
            seen.add(raw);
            HealthStatus after = tracker.status();

            assertThat(t.isPresent()).isEqualTo(before != after);
            if (t.isPresent()) {
                assertThat(t.get()).isEqualTo(new CheckHistory.Transition(before, after, T0.plusSeconds(i)));
            }
            changes += before != after ? 1 : 0;
            if (raw == HealthStatus.UNKNOWN) {
                assertThat(after).as("UNKNOWN changes nothing").isEqualTo(before);
            } else if (before == HealthStatus.UNKNOWN) {
                assertThat(after).as("the first known result decides at once").isEqualTo(raw);
            } else if (raw == HealthStatus.DEGRADED || raw == HealthStatus.OUT_OF_SERVICE) {
                assertThat(after).as("counts at once").isEqualTo(raw);
            } else if (raw == HealthStatus.DOWN) {
                boolean enough = trailing(seen, HealthStatus.DOWN) >= failureThreshold;
                assertThat(after).isEqualTo(enough ? HealthStatus.DOWN : before);
            } else {
                boolean enough = trailing(seen, HealthStatus.UP) >= successThreshold;
                assertThat(after).isEqualTo(enough ? HealthStatus.UP : before);
            }
            assertThat(tracker.report().consecutiveFailures()).isEqualTo(trailing(seen, HealthStatus.DOWN));

            List<HealthStatus> window =
                    seen.subList(Math.max(0, seen.size() - Math.min(flapWindow, historySize)), seen.size());
            int rawChanges = 0;
            for (int j = 1; j < window.size(); j++) {
                rawChanges += window.get(j) != window.get(j - 1) ? 1 : 0;
            }
            assertThat(tracker.flapping()).isEqualTo(rawChanges >= flapTransitions);
        }
        CheckHistory history = tracker.history(T0.plusSeconds(raws.size()));
        assertThat(history.results()).hasSize(Math.min(historySize, raws.size()));
        assertThat(history.transitions()).hasSize(Math.min(historySize, changes));
        assertThat(history.availability()).isPresent();
    }

    @Property
    void a_tracker_restored_from_its_bytes_goes_on_as_the_original(
            @ForAll("raws") List<HealthStatus> before,
            @ForAll("raws") @Size(max = 20) List<HealthStatus> after,
            @ForAll @IntRange(min = 1, max = 4) int failureThreshold)
            throws IOException {
        CheckSpec spec =
                CheckSpec.builder("c").failureThreshold(failureThreshold).build();
        CheckTracker.Settings settings = new CheckTracker.Settings(20, 6, 3);
        CheckTracker original = new CheckTracker(spec, settings);
        for (int i = 0; i < before.size(); i++) {
            original.record(result(before.get(i), i));
        }
        CheckTracker restored = new CheckTracker(spec, settings);
        restored.restore(TrackerCodec.read(TrackerCodec.write(original.state())).orElseThrow());
        for (int i = 0; i < after.size(); i++) {
            CheckResult r = result(after.get(i), before.size() + i);
            assertThat(restored.record(r)).isEqualTo(original.record(r));
            assertThat(restored.report()).isEqualTo(original.report());
        }
        Instant end = T0.plusSeconds(before.size() + after.size());
        assertThat(restored.history(end)).isEqualTo(original.history(end));
    }
}

package dev.armature.monitoring.internal.health;

import static dev.armature.api.health.HealthStatus.DEGRADED;
import static dev.armature.api.health.HealthStatus.UP;
import static org.assertj.core.api.Assertions.assertThat;

import dev.armature.api.health.CheckHistory;
import dev.armature.api.health.CheckOutcome;
import dev.armature.api.health.CheckReport;
import dev.armature.api.health.CheckResult;
import dev.armature.api.health.CheckSpec;
import dev.armature.api.health.HealthEvent;
import dev.armature.api.health.HealthStatus;
import dev.armature.api.health.Indicator;
import dev.armature.api.health.Prediction;
import dev.armature.api.health.Recommendation;
import dev.armature.core.time.ManualTime;
import dev.armature.spi.health.HealthProbe;
import dev.armature.spi.health.RecommendationRule;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** Predictions and recommendations as the engine applies them, on virtual time, probes run inline. */
class HealthPredictionEngineTest {
    private static final long MIB = 1024 * 1024;

    private final ManualTime time = ManualTime.create();
    private final List<HealthEvent> events = new CopyOnWriteArrayList<>();

    private HealthEngine engine(List<RecommendationRule> rules, HealthProbe... probes) {
        return new HealthEngine(
                List.of(probes),
                CheckTracker.Settings.DEFAULTS,
                StatusAggregator.defaults(),
                time,
                time,
                Runnable::run,
                events::add,
                (check, result) -> {},
                new HealthEngine.Options(new Predictor.Settings(true, Duration.ofHours(1), 30, 5, 0.5, 1.0), rules));
    }

    /** A disk check whose free space falls by 10 MiB per run: 2 GiB at first, 100 MiB minimum. */
    private static HealthProbe fillingDisk(AtomicLong free) {
        return HealthProbe.of(
                CheckSpec.builder("resources.disk").addTag("resources").build(),
                () -> ResourceProbes.diskOutcome(free.getAndAdd(-10 * MIB), 100 * MIB));
    }

    @Test
    void a_disk_filling_towards_its_minimum_turns_the_check_degraded_with_its_predicted_breach() {
        AtomicLong free = new AtomicLong(2048 * MIB);
        try (HealthEngine engine = engine(BuiltInRules.all(), fillingDisk(free))) {
            engine.start();
            time.advance(Duration.ZERO);
            for (int run = 2; run <= 4; run++) {
                time.advance(CheckSpec.DEFAULT_INTERVAL);
            }
            assertThat(engine.report().check("resources.disk").orElseThrow().status())
                    .as("four samples are too few")
                    .isEqualTo(UP);
            time.advance(CheckSpec.DEFAULT_INTERVAL);

            CheckReport disk = engine.report().check("resources.disk").orElseThrow();
            assertThat(disk.status()).isEqualTo(DEGRADED);
            CheckResult last = disk.lastResult().orElseThrow();
            Prediction p = last.prediction().orElseThrow();
            // 2008 MiB free at the fifth run, falling 1 MiB/s: 1908 s to 100 MiB.
            assertThat(Duration.between(last.at(), p.predictedBreachAt()))
                    .isBetween(Duration.ofSeconds(1907), Duration.ofSeconds(1909));
            assertThat(last.error().orElseThrow()).startsWith("predicted: disk.free-bytes reaches");
            assertThat(last.indicators()).containsKey("disk.free-bytes");
            assertThat(events)
                    .filteredOn(e -> e instanceof HealthEvent.CheckStatusChanged)
                    .map(e -> ((HealthEvent.CheckStatusChanged) e).to())
                    .containsExactly(UP, DEGRADED);

            List<Recommendation> recommendations = engine.report().recommendations();
            assertThat(recommendations)
                    .extracting(Recommendation::id)
                    .containsExactly("predicted-breach:resources.disk:disk.free-bytes");
            assertThat(recommendations.get(0).text()).contains("in ~32 min");
            assertThat(engine.recommendations()).isEqualTo(recommendations);
            assertThat(engine.report("tag:resources").orElseThrow().recommendations())
                    .isEqualTo(recommendations);
        }
    }

    @Test
    void a_flat_indicator_keeps_the_check_up_and_advises_nothing() {
        HealthProbe steady = HealthProbe.of(
                CheckSpec.builder("resources.disk").build(), () -> ResourceProbes.diskOutcome(2048 * MIB, 100 * MIB));
        try (HealthEngine engine = engine(BuiltInRules.all(), steady)) {
            engine.start();
            time.advance(Duration.ZERO);
            for (int run = 0; run < 10; run++) {
                time.advance(CheckSpec.DEFAULT_INTERVAL);
            }
            assertThat(engine.report().check("resources.disk").orElseThrow().status())
                    .isEqualTo(UP);
            assertThat(engine.report().recommendations()).isEmpty();
        }
    }

    @Test
    void a_rule_that_throws_is_skipped_and_the_others_still_advise() {
        RecommendationRule broken = RecommendationRule.of("broken", check -> {
            throw new IllegalStateException("a bug in a plugin's rule");
        });
        RecommendationRule always = RecommendationRule.of(
                "always",
                check -> List.of(new Recommendation(
                        "always:" + check.name(),
                        check.name(),
                        Recommendation.Severity.INFO,
                        "look at " + check.name(),
                        Optional.empty(),
                        Map.of())));
        HealthProbe a = HealthProbe.of(CheckSpec.builder("a").component("x").build(), CheckOutcome::up);
        HealthProbe b = HealthProbe.of(CheckSpec.builder("b").build(), () -> CheckOutcome.down("gone"));
        try (HealthEngine engine = engine(List.of(broken, always), a, b)) {
            engine.start();
            time.advance(Duration.ZERO);
            assertThat(engine.report().recommendations())
                    .extracting(Recommendation::id)
                    .containsExactly("always:a", "always:b");
            assertThat(engine.report("component:x").orElseThrow().recommendations())
                    .extracting(Recommendation::id)
                    .containsExactly("always:a");
        }
    }

    @Test
    void a_groups_snapshot_follows_each_new_result() {
        AtomicReference<CheckOutcome> outcome = new AtomicReference<>(CheckOutcome.up());
        HealthProbe a = HealthProbe.of(
                CheckSpec.builder("a").component("x").failureThreshold(1).build(),
                () -> java.util.Objects.requireNonNull(outcome.get()));
        try (HealthEngine engine = engine(List.of(), a)) {
            engine.start();
            time.advance(Duration.ZERO);
            assertThat(engine.report("component:x").orElseThrow().status()).isEqualTo(UP);
            assertThat(engine.report("component:x")).isEqualTo(engine.report("component:x"));
            outcome.set(CheckOutcome.down("gone"));
            time.advance(CheckSpec.DEFAULT_INTERVAL);
            assertThat(engine.report("component:x").orElseThrow().status()).isEqualTo(HealthStatus.DOWN);
            assertThat(engine.report("component:nobody")).isEmpty();
        }
    }

    @Test
    void recommendations_come_most_severe_first() {
        RecommendationRule bySeverity = RecommendationRule.of(
                "by-status",
                check -> List.of(new Recommendation(
                        "by-status:" + check.name(),
                        check.name(),
                        check.status() == HealthStatus.DOWN
                                ? Recommendation.Severity.CRITICAL
                                : Recommendation.Severity.INFO,
                        "x",
                        Optional.empty(),
                        Map.of())));
        HealthProbe a = HealthProbe.of(CheckSpec.builder("a").build(), CheckOutcome::up);
        HealthProbe z = HealthProbe.of(CheckSpec.builder("z").build(), () -> CheckOutcome.down("gone"));
        try (HealthEngine engine = engine(List.of(bySeverity), a, z)) {
            engine.start();
            time.advance(Duration.ZERO);
            assertThat(engine.report().recommendations())
                    .extracting(Recommendation::id)
                    .containsExactly("by-status:z", "by-status:a");
        }
    }

    @Test
    void indicators_and_predictions_survive_the_codec_and_the_old_format_is_still_read() throws IOException {
        Instant at = Instant.parse("2026-01-01T00:00:00Z");
        Prediction p = new Prediction("disk.free-bytes", 5, 1, -0.5, at.plusSeconds(8), 0.75, 6);
        CheckResult result = new CheckResult(
                DEGRADED,
                Duration.ofMillis(3),
                Optional.of("predicted"),
                Map.of("free", "5"),
                false,
                at,
                Map.of("disk.free-bytes", Indicator.falling(5, 1)),
                Optional.of(p));
        TrackerCodec.State state = new TrackerCodec.State(
                DEGRADED,
                at,
                0,
                0,
                List.of(result),
                List.of(DEGRADED),
                List.of(new CheckHistory.Transition(UP, DEGRADED, at)));
        TrackerCodec.State back = TrackerCodec.read(TrackerCodec.write(state)).orElseThrow();
        assertThat(back.results()).containsExactly(result);

        TrackerCodec.State old = TrackerCodec.read(formatOne(at)).orElseThrow();
        assertThat(old.results()).singleElement().satisfies(r -> {
            assertThat(r.status()).isEqualTo(UP);
            assertThat(r.indicators()).isEmpty();
            assertThat(r.prediction()).isEmpty();
        });
    }

    /** A state of one UP result as format 1 wrote it, before indicators. */
    private static byte[] formatOne(Instant at) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(1);
            text(out, "UP");
            out.writeBoolean(false); // no since
            out.writeInt(0);
            out.writeInt(1);
            out.writeInt(1); // one result
            text(out, "UP");
            out.writeLong(1000);
            out.writeBoolean(false); // no error
            out.writeInt(0); // no details
            out.writeBoolean(false); // not timed out
            out.writeLong(at.getEpochSecond());
            out.writeInt(at.getNano());
            text(out, "UP");
            out.writeInt(0); // no transitions
        }
        return bytes.toByteArray();
    }

    private static void text(DataOutputStream out, String s) throws IOException {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        out.writeInt(b.length);
        out.write(b);
    }
}

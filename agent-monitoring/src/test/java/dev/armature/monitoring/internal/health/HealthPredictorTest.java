package dev.armature.monitoring.internal.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.armature.api.health.CheckResult;
import dev.armature.api.health.HealthStatus;
import dev.armature.api.health.Indicator;
import dev.armature.api.health.Prediction;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.function.LongToDoubleFunction;
import org.junit.jupiter.api.Test;

/** Predictions on synthetic series whose answers are known in closed form. */
class HealthPredictorTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final double MIB = 1024 * 1024;
    private static final double GIB = 1024 * MIB;
    private static final Duration STEP = Duration.ofSeconds(10);

    /** A disk of 50 GiB free, filling at 20 MiB/s; critical at 100 MiB free. */
    private static final double START = 50 * GIB;

    private static final double FILL_PER_SECOND = 20 * MIB;
    private static final double MIN_FREE = 100 * MIB;

    private static final Predictor.Settings TWO_HOURS =
            new Predictor.Settings(true, Duration.ofHours(2), 30, 5, 0.5, 1.0);

    /** The results of {@code n} runs, {@link #STEP} apart, with the disk indicator from a function of the second. */
    private static List<CheckResult> series(int n, LongToDoubleFunction freeAtSecond) {
        List<CheckResult> results = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            long second = i * STEP.toSeconds();
            results.add(new CheckResult(
                    HealthStatus.UP,
                    Duration.ZERO,
                    Optional.empty(),
                    Map.of(),
                    false,
                    T0.plusSeconds(second),
                    Map.of("disk.free-bytes", Indicator.falling(freeAtSecond.applyAsDouble(second), MIN_FREE)),
                    Optional.empty()));
        }
        return results;
    }

    /** Predicts from the last result of a series, the others being its past. */
    private static Optional<Prediction> predict(Predictor.Settings settings, List<CheckResult> results) {
        CheckResult last = results.get(results.size() - 1);
        return new Predictor(settings).predict(results.subList(0, results.size() - 1), last.at(), last.indicators());
    }

    /** The exact time at which the linear fill reaches the minimum, after the last of n samples. */
    private static Duration exactEta(int n) {
        double lastSecond = (n - 1) * STEP.toSeconds();
        double breachSecond = (START - MIN_FREE) / FILL_PER_SECOND;
        return Duration.ofMillis(Math.round((breachSecond - lastSecond) * 1000));
    }

    private static Duration eta(Prediction p, List<CheckResult> results) {
        return Duration.between(results.get(results.size() - 1).at(), p.predictedBreachAt());
    }

    @Test
    void a_linear_disk_fill_gives_its_eta_within_five_percent() {
        List<CheckResult> results = series(30, s -> START - FILL_PER_SECOND * s);
        Prediction p = predict(TWO_HOURS, results).orElseThrow();
        Duration expected = exactEta(30); // about 37 minutes
        assertThat(expected).isBetween(Duration.ofMinutes(30), Duration.ofMinutes(45));
        assertThat((double) eta(p, results).toMillis())
                .isCloseTo((double) expected.toMillis(), within(0.05 * expected.toMillis()));
        assertThat(p.indicator()).isEqualTo("disk.free-bytes");
        assertThat(p.ratePerSecond()).isCloseTo(-FILL_PER_SECOND, within(FILL_PER_SECOND * 1e-6));
        assertThat(p.critical()).isEqualTo(MIN_FREE);
        assertThat(p.samples()).isEqualTo(30);
        assertThat(p.confidence()).as("R² is 1, times 28/30").isCloseTo(28.0 / 30, within(1e-9));
    }

    @Test
    void a_noisy_linear_fill_still_gives_its_eta_within_five_percent() {
        Random noise = new Random(42);
        // ±1 GiB of noise: a busy disk whose free space jitters around its trend.
        List<CheckResult> results = series(30, s -> START - FILL_PER_SECOND * s + GIB * noise.nextGaussian());
        Prediction p = predict(TWO_HOURS, results).orElseThrow();
        Duration expected = exactEta(30);
        assertThat((double) eta(p, results).toMillis())
                .isCloseTo((double) expected.toMillis(), within(0.05 * expected.toMillis()));
    }

    @Test
    void noise_lowers_the_confidence_and_enough_of_it_predicts_nothing() {
        double clean = predict(TWO_HOURS, series(30, s -> START - FILL_PER_SECOND * s))
                .orElseThrow()
                .confidence();
        Random seeded = new Random(7);
        double noisy = predict(TWO_HOURS, series(30, s -> START - FILL_PER_SECOND * s + GIB * seeded.nextGaussian()))
                .orElseThrow()
                .confidence();
        assertThat(noisy).isLessThan(clean);
        Random wild = new Random(7);
        // Noise of 20 GiB drowns a trend of 6 GiB over the window.
        assertThat(predict(TWO_HOURS, series(30, s -> START - FILL_PER_SECOND * s + 20 * GIB * wild.nextGaussian())))
                .isEmpty();
    }

    @Test
    void smoothing_steadies_a_noisy_series() {
        Random a = new Random(11);
        Random b = new Random(11);
        Predictor.Settings smoothed = new Predictor.Settings(true, Duration.ofHours(2), 30, 5, 0.0, 0.3);
        Predictor.Settings raw = new Predictor.Settings(true, Duration.ofHours(2), 30, 5, 0.0, 1.0);
        double rawConfidence = predict(raw, series(30, s -> START - FILL_PER_SECOND * s + 2 * GIB * a.nextGaussian()))
                .orElseThrow()
                .confidence();
        double smoothConfidence = predict(
                        smoothed, series(30, s -> START - FILL_PER_SECOND * s + 2 * GIB * b.nextGaussian()))
                .orElseThrow()
                .confidence();
        assertThat(smoothConfidence).isGreaterThan(rawConfidence);
    }

    @Test
    void a_flat_series_predicts_nothing() {
        assertThat(predict(TWO_HOURS, series(30, s -> START))).isEmpty();
    }

    @Test
    void a_disk_that_frees_up_predicts_nothing() {
        assertThat(predict(TWO_HOURS, series(30, s -> START + FILL_PER_SECOND * s)))
                .isEmpty();
    }

    @Test
    void a_breach_beyond_the_horizon_predicts_nothing() {
        Predictor.Settings tenMinutes = new Predictor.Settings(true, Duration.ofMinutes(10), 30, 5, 0.5, 1.0);
        assertThat(predict(tenMinutes, series(30, s -> START - FILL_PER_SECOND * s)))
                .isEmpty();
    }

    @Test
    void too_few_samples_predict_nothing_and_the_window_bounds_the_fit() {
        assertThat(predict(TWO_HOURS, series(4, s -> START - FILL_PER_SECOND * s)))
                .isEmpty();
        assertThat(predict(TWO_HOURS, series(5, s -> START - FILL_PER_SECOND * s)))
                .isPresent();
        Predictor.Settings window10 = new Predictor.Settings(true, Duration.ofHours(2), 10, 5, 0.5, 1.0);
        assertThat(predict(window10, series(30, s -> START - FILL_PER_SECOND * s))
                        .orElseThrow()
                        .samples())
                .isEqualTo(10);
    }

    @Test
    void a_value_critical_already_is_left_to_the_checks_own_status() {
        assertThat(predict(TWO_HOURS, series(30, s -> s < 290 ? START - FILL_PER_SECOND * s : MIN_FREE)))
                .isEmpty();
    }

    @Test
    void a_rising_heap_gives_the_time_to_its_critical_percent() {
        // 60% rising by 3% per minute, critical at 95%: the last of 10 samples (at 90 s) is 64.5%.
        List<CheckResult> results = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            results.add(new CheckResult(
                    HealthStatus.UP,
                    Duration.ZERO,
                    Optional.empty(),
                    Map.of(),
                    false,
                    T0.plusSeconds(10L * i),
                    Map.of("heap.used-percent", Indicator.rising(60 + 0.05 * 10 * i, 95)),
                    Optional.empty()));
        }
        Prediction p = predict(TWO_HOURS, results).orElseThrow();
        // (95 − 64.5) / 0.05 per second = 610 s.
        assertThat(eta(p, results).toMillis()).isCloseTo(610_000L, within(1_000L));
        assertThat(p.ratePerSecond()).isCloseTo(0.05, within(1e-9));
    }

    @Test
    void switched_off_it_predicts_nothing() {
        assertThat(predict(Predictor.Settings.OFF, series(30, s -> START - FILL_PER_SECOND * s)))
                .isEmpty();
    }
}

package dev.armature.core.internal.errors.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.armature.api.resilience.ErrorFinding;
import dev.armature.api.resilience.Fingerprint;
import dev.armature.api.time.RandomSource;
import dev.armature.core.time.ManualTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntUnaryOperator;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

/**
 * The rules on series whose findings were worked out by hand (and by an independent script): each
 * finding's virtual minute is asserted exactly. Errors are spread over each minute, and the
 * detector is evaluated every 10 seconds on the manual time's scheduler, as the system does.
 */
class ErrorDetectorTest {
    private static final Duration MINUTE = Duration.ofMinutes(1);
    private static final Fingerprint FP = new Fingerprint(1, "0123456789abcdef");
    private static final Fingerprint OTHER = new Fingerprint(1, "fedcba9876543210");

    private final ManualTime time = ManualTime.create();
    private final List<Found> found = new ArrayList<>();

    record Found(Duration at, ErrorFinding finding) {}

    @Test
    void a_new_fingerprint_is_reported_once_at_the_first_evaluation() {
        ErrorDetector detector = scheduled(DetectorSettings.DEFAULTS);
        play(detector, FP, m -> 1, 5);

        assertThat(found).extracting(Found::finding).containsExactly(new ErrorFinding.NewError(FP, "Boom", "model"));
        assertThat(found.get(0).at()).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void a_step_fires_a_spike_when_its_first_window_completes() {
        ErrorDetector detector = scheduled(DetectorSettings.DEFAULTS);

        play(detector, FP, m -> m < 60 ? 2 : 20, 100);

        assertThat(times(ErrorFinding.Spike.class)).containsExactly(Duration.ofMinutes(61));
        ErrorFinding.Spike spike = first(ErrorFinding.Spike.class);
        assertThat(spike.count()).isEqualTo(20);
        assertThat(spike.baseline()).isCloseTo(2.0, within(1e-9));
        assertThat(spike.factor()).isCloseTo(10.0, within(1e-9));
        assertThat(spike.window()).isEqualTo(MINUTE);
        // 2,2,2,20,20 a minute against 2.6 over the hour: ratio 3.54 when window 61 completes.
        assertThat(times(ErrorFinding.Escalating.class)).containsExactly(Duration.ofMinutes(62));
        assertThat(times(ErrorFinding.RisingTrend.class)).isEmpty();
    }

    @Test
    void a_ramp_fires_a_spike_then_escalation_then_a_rising_trend() {
        ErrorDetector detector = scheduled(DetectorSettings.DEFAULTS);

        // Two a minute for an hour, then two more each minute: 4, 6, 8, …
        play(detector, FP, m -> m < 60 ? 2 : 2 + 2 * (m - 59), 100);

        // Window 63 holds 10: the least count of a spike, over 3 × a baseline of 2.27.
        assertThat(times(ErrorFinding.Spike.class)).containsExactly(Duration.ofMinutes(64));
        // Windows 60..64 (4..12, 8 a minute) against 2.5 a minute over the hour: ratio 3.2.
        assertThat(times(ErrorFinding.Escalating.class)).containsExactly(Duration.ofMinutes(65));
        ErrorFinding.Escalating escalating = first(ErrorFinding.Escalating.class);
        assertThat(escalating.ratio()).isCloseTo(3.2, within(1e-9));
        assertThat(escalating.shortWindow()).isEqualTo(Duration.ofMinutes(5));
        assertThat(escalating.longWindow()).isEqualTo(Duration.ofMinutes(60));
        // Window 68's line reaches 60 a minute in 30.3 minutes, past the horizon; window 69's in 25.2.
        assertThat(times(ErrorFinding.RisingTrend.class)).containsExactly(Duration.ofMinutes(70));
        ErrorFinding.RisingTrend trend = first(ErrorFinding.RisingTrend.class);
        assertThat(trend.slopePerMinute()).isCloseTo(1.5714, within(1e-4));
        assertThat(trend.currentRate()).isCloseTo(20.333, within(1e-3));
        assertThat(trend.threshold()).isEqualTo(60.0);
        assertThat(trend.timeToThreshold()).isBetween(Duration.ofSeconds(1514), Duration.ofSeconds(1515));
        assertThat(trend.r2()).isCloseTo(0.9429, within(1e-4));
    }

    @Test
    void a_noisy_but_flat_series_fires_nothing() {
        ErrorDetector detector = scheduled(DetectorSettings.DEFAULTS);
        RandomGenerator random = RandomSource.seeded(42).stream("flat");

        // 10 to 30 errors a minute at random moments, for four hours: above the spike's least count.
        for (int minute = 0; minute < 240; minute++) {
            int n = 10 + random.nextInt(21);
            long[] offsets = random.longs(n, 0, MINUTE.toNanos()).sorted().toArray();
            for (long offset : offsets) {
                advanceTo(MINUTE.multipliedBy(minute).plusNanos(offset));
                detector.observe(FP, "Boom", "model");
            }
        }
        advanceTo(Duration.ofHours(4));

        assertThat(found).extracting(Found::finding).containsExactly(new ErrorFinding.NewError(FP, "Boom", "model"));
    }

    @Test
    void a_rule_re_arms_after_its_episode_clears() {
        ErrorDetector detector = scheduled(DetectorSettings.DEFAULTS);

        play(detector, FP, m -> (m >= 60 && m < 65) || (m >= 120 && m < 125) ? 30 : 2, 150);

        // Once per episode: not again in windows 61..64, and again when the second one starts.
        assertThat(times(ErrorFinding.Spike.class)).containsExactly(Duration.ofMinutes(61), Duration.ofMinutes(121));
        assertThat(times(ErrorFinding.Escalating.class))
                .containsExactly(Duration.ofMinutes(61), Duration.ofMinutes(122));
    }

    @Test
    void a_sustained_spike_is_reported_once() {
        ErrorDetector detector = scheduled(DetectorSettings.DEFAULTS);

        play(detector, FP, m -> m < 60 ? 2 : 50, 240);

        assertThat(times(ErrorFinding.Spike.class)).containsExactly(Duration.ofMinutes(61));
        assertThat(times(ErrorFinding.Escalating.class)).hasSize(1);
    }

    @Test
    void what_is_found_does_not_depend_on_when_evaluation_runs() {
        ErrorDetector often = scheduled(DetectorSettings.DEFAULTS);
        play(often, FP, m -> m < 60 ? 2 : 2 + 2 * (m - 59), 100);
        List<ErrorFinding> expected = found.stream().map(Found::finding).toList();

        ManualTime other = ManualTime.create();
        ErrorDetector seldom = new ErrorDetector(other, settings(1000, Duration.ofMinutes(7)));
        List<ErrorFinding> actual = new ArrayList<>();
        for (int minute = 0; minute < 100; minute++) {
            int n = minute < 60 ? 2 : 2 + 2 * (minute - 59);
            for (int i = 0; i < n; i++) {
                other.advance(MINUTE.multipliedBy(minute)
                        .plus(MINUTE.multipliedBy(i).dividedBy(n))
                        .minus(other.elapsed()));
                seldom.observe(FP, "Boom", "model");
            }
            if (minute % 7 == 0) {
                actual.addAll(seldom.evaluate());
            }
        }
        other.advance(Duration.ofMinutes(100).minus(other.elapsed()));
        actual.addAll(seldom.evaluate());

        assertThat(actual).containsExactlyElementsOf(expected);
    }

    @Test
    void a_second_evaluation_in_the_same_window_finds_nothing_new() {
        ErrorDetector detector = new ErrorDetector(time, DetectorSettings.DEFAULTS);
        detector.observe(FP, "Boom", "model");

        assertThat(detector.evaluate()).hasSize(1);
        assertThat(detector.evaluate()).isEmpty();
        time.advance(Duration.ofSeconds(30));
        assertThat(detector.evaluate()).isEmpty();
    }

    @Test
    void the_least_recently_seen_fingerprint_is_forgotten_beyond_the_cap() {
        ErrorDetector detector = new ErrorDetector(time, settings(2, DetectorSettings.DEFAULTS.evaluateEvery()));
        detector.observe(FP, "Boom", "model");
        detector.observe(OTHER, "Bang", "store");
        detector.observe(FP, "Boom", "model");
        Fingerprint third = new Fingerprint(1, "00000000aaaaaaaa");
        detector.observe(third, "Crash", "tool");

        assertThat(detector.tracked()).isEqualTo(2);
        assertThat(detector.evaluate())
                .containsExactly(
                        new ErrorFinding.NewError(FP, "Boom", "model"),
                        new ErrorFinding.NewError(third, "Crash", "tool"));

        // Forgotten, so new again when it comes back.
        detector.observe(OTHER, "Bang", "store");
        assertThat(detector.evaluate()).containsExactly(new ErrorFinding.NewError(OTHER, "Bang", "store"));
    }

    @Test
    void a_spike_after_a_long_silence_is_still_found() {
        ErrorDetector detector = new ErrorDetector(time, DetectorSettings.DEFAULTS);
        for (int minute = 0; minute < 60; minute++) {
            time.advance(MINUTE);
            detector.observe(FP, "Boom", "model");
            detector.observe(FP, "Boom", "model");
        }
        detector.evaluate();
        // Unevaluated for a day: the windows in between have rolled off and the baseline has decayed.
        time.advance(Duration.ofDays(1));
        for (int i = 0; i < 12; i++) {
            detector.observe(FP, "Boom", "model");
        }
        time.advance(MINUTE);

        assertThat(detector.evaluate()).hasAtLeastOneElementOfType(ErrorFinding.Spike.class);
    }

    private ErrorDetector scheduled(DetectorSettings settings) {
        ErrorDetector detector = new ErrorDetector(time, settings);
        time.scheduleAtFixedRate(settings.evaluateEvery(), settings.evaluateEvery(), () -> detector.evaluate()
                .forEach(f -> found.add(new Found(time.elapsed(), f))));
        return detector;
    }

    /** Records {@code perMinute(m)} errors spread evenly over each minute m, then ends minute {@code minutes}. */
    private void play(ErrorDetector detector, Fingerprint fingerprint, IntUnaryOperator perMinute, int minutes) {
        for (int minute = 0; minute < minutes; minute++) {
            int n = perMinute.applyAsInt(minute);
            for (int i = 0; i < n; i++) {
                advanceTo(
                        MINUTE.multipliedBy(minute).plus(MINUTE.multipliedBy(i).dividedBy(n)));
                detector.observe(fingerprint, "Boom", "model");
            }
        }
        advanceTo(MINUTE.multipliedBy(minutes));
    }

    private void advanceTo(Duration at) {
        time.advance(at.minus(time.elapsed()));
    }

    private List<Duration> times(Class<? extends ErrorFinding> type) {
        return found.stream()
                .filter(f -> type.isInstance(f.finding()))
                .map(Found::at)
                .toList();
    }

    private <T extends ErrorFinding> T first(Class<T> type) {
        return found.stream()
                .map(Found::finding)
                .filter(type::isInstance)
                .map(type::cast)
                .findFirst()
                .orElseThrow();
    }

    private static DetectorSettings settings(int maxFingerprints, Duration evaluateEvery) {
        DetectorSettings d = DetectorSettings.DEFAULTS;
        return new DetectorSettings(
                d.window(),
                d.baselineHalfLife(),
                d.spikeFactor(),
                d.spikeMinCount(),
                d.escalationShortWindow(),
                d.escalationLongWindow(),
                d.escalationRatio(),
                d.escalationMinCount(),
                d.trendWindow(),
                d.trendMinR2(),
                d.trendThreshold(),
                d.trendHorizon(),
                d.rearmFraction(),
                maxFingerprints,
                evaluateEvery);
    }
}

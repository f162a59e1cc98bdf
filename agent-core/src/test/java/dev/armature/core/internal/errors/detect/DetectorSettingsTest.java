package dev.armature.core.internal.errors.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DetectorSettingsTest {
    private static final DetectorSettings D = DetectorSettings.DEFAULTS;

    @Test
    void the_defaults_count_minutes_over_an_hour() {
        assertThat(D.window()).isEqualTo(Duration.ofMinutes(1));
        assertThat(D.shortWindows()).isEqualTo(5);
        assertThat(D.longWindows()).isEqualTo(60);
        assertThat(D.trendWindows()).isEqualTo(15);
        assertThat(D.windowMinutes()).isEqualTo(1.0);
    }

    @Test
    void a_window_that_is_not_a_whole_number_of_windows_is_refused() {
        assertThatThrownBy(() -> new DetectorSettings(
                        Duration.ofMinutes(2),
                        D.baselineHalfLife(),
                        D.spikeFactor(),
                        D.spikeMinCount(),
                        D.escalationShortWindow(),
                        D.escalationLongWindow(),
                        D.escalationRatio(),
                        D.escalationMinCount(),
                        D.trendWindow(),
                        D.trendMinR2(),
                        D.trendThreshold(),
                        D.trendHorizon(),
                        D.rearmFraction(),
                        D.maxFingerprints(),
                        D.evaluateEvery()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("error detector setting escalationShortWindow must be a whole number of windows of PT2M,"
                        + " was PT5M");
    }

    @Test
    void a_long_window_no_longer_than_the_short_one_is_refused() {
        assertThatThrownBy(() -> new DetectorSettings(
                        D.window(),
                        D.baselineHalfLife(),
                        D.spikeFactor(),
                        D.spikeMinCount(),
                        Duration.ofMinutes(60),
                        Duration.ofMinutes(60),
                        D.escalationRatio(),
                        D.escalationMinCount(),
                        D.trendWindow(),
                        D.trendMinR2(),
                        D.trendThreshold(),
                        D.trendHorizon(),
                        D.rearmFraction(),
                        D.maxFingerprints(),
                        D.evaluateEvery()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("escalationLongWindow must be longer than escalationShortWindow");
    }

    @Test
    void factors_fractions_and_counts_out_of_range_are_refused_by_name() {
        assertThatThrownBy(() -> new DetectorSettings(
                        D.window(),
                        D.baselineHalfLife(),
                        1.0,
                        D.spikeMinCount(),
                        D.escalationShortWindow(),
                        D.escalationLongWindow(),
                        D.escalationRatio(),
                        D.escalationMinCount(),
                        D.trendWindow(),
                        D.trendMinR2(),
                        D.trendThreshold(),
                        D.trendHorizon(),
                        D.rearmFraction(),
                        D.maxFingerprints(),
                        D.evaluateEvery()))
                .hasMessageContaining("spikeFactor");
        assertThatThrownBy(() -> new DetectorSettings(
                        D.window(),
                        D.baselineHalfLife(),
                        D.spikeFactor(),
                        D.spikeMinCount(),
                        D.escalationShortWindow(),
                        D.escalationLongWindow(),
                        D.escalationRatio(),
                        D.escalationMinCount(),
                        D.trendWindow(),
                        1.5,
                        D.trendThreshold(),
                        D.trendHorizon(),
                        D.rearmFraction(),
                        D.maxFingerprints(),
                        D.evaluateEvery()))
                .hasMessageContaining("trendMinR2");
        assertThatThrownBy(() -> new DetectorSettings(
                        D.window(),
                        D.baselineHalfLife(),
                        D.spikeFactor(),
                        D.spikeMinCount(),
                        D.escalationShortWindow(),
                        D.escalationLongWindow(),
                        D.escalationRatio(),
                        D.escalationMinCount(),
                        D.trendWindow(),
                        D.trendMinR2(),
                        D.trendThreshold(),
                        D.trendHorizon(),
                        1.0,
                        D.maxFingerprints(),
                        D.evaluateEvery()))
                .hasMessageContaining("rearmFraction");
        assertThatThrownBy(() -> new DetectorSettings(
                        D.window(),
                        D.baselineHalfLife(),
                        D.spikeFactor(),
                        D.spikeMinCount(),
                        D.escalationShortWindow(),
                        D.escalationLongWindow(),
                        D.escalationRatio(),
                        D.escalationMinCount(),
                        D.trendWindow(),
                        D.trendMinR2(),
                        D.trendThreshold(),
                        D.trendHorizon(),
                        D.rearmFraction(),
                        0,
                        D.evaluateEvery()))
                .hasMessageContaining("maxFingerprints");
    }
}

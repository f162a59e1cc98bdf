package dev.armature.core.internal.resilience.limit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.InstanceOfAssertFactories.type;

import dev.armature.api.config.ConfigException;
import java.time.Duration;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Scale;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

class AdaptiveLimiterSettingsTest {
    private static final String PREFIX = "armature.guards.model.chat.adaptive-limiter";

    private static AdaptiveLimiterSettings read(Map<String, String> options) {
        return AdaptiveLimiterSettings.fromOptions(PREFIX, options);
    }

    private static void assertConfigError(ThrowingCallable call, String code, String option, String... inMessage) {
        assertThatThrownBy(call).asInstanceOf(type(ConfigException.class)).satisfies(e -> {
            assertThat(e.code()).isEqualTo(code);
            assertThat(e.key()).contains(PREFIX + "." + option);
            assertThat(e.getMessage()).startsWith(PREFIX + "." + option);
            for (String part : inMessage) {
                assertThat(e.getMessage()).contains(part);
            }
        });
    }

    @Test
    void no_options_give_aimd_with_its_documented_defaults() {
        assertThat(read(Map.of()))
                .isEqualTo(AdaptiveLimiterSettings.defaults())
                .isEqualTo(new AimdSettings(20, 1, 200, 0.9, Duration.ofSeconds(30)));
        assertThat(AdaptiveLimiterSettings.defaults().newLimit()).isInstanceOf(AimdLimit.class);
    }

    @Test
    void reads_every_aimd_option() {
        assertThat(read(Map.of(
                        "algorithm", "AIMD",
                        "initial-limit", "8",
                        "min-limit", "2",
                        "max-limit", "64",
                        "backoff-ratio", "0.75",
                        "timeout", "1500ms")))
                .isEqualTo(new AimdSettings(8, 2, 64, 0.75, Duration.ofMillis(1500)));
    }

    @Test
    void reads_every_gradient2_option() {
        AdaptiveLimiterSettings settings = read(Map.of(
                "algorithm", " gradient2 ",
                "initial-limit", "30",
                "min-limit", "5",
                "max-limit", "300",
                "smoothing", "0.5",
                "queue-size", "0",
                "rtt-tolerance", "2",
                "long-window", "100"));
        assertThat(settings).isEqualTo(new Gradient2Settings(30, 5, 300, 0.5, 0, 2.0, 100));
        assertThat(settings.newLimit()).isInstanceOf(Gradient2Limit.class);
        assertThat(read(Map.of("algorithm", "gradient2"))).isEqualTo(Gradient2Settings.defaults());
    }

    @Test
    void a_default_initial_limit_follows_bounds_set_without_it() {
        assertThat(read(Map.of("max-limit", "10")).initialLimit()).isEqualTo(10);
        assertThat(read(Map.of("min-limit", "50")).initialLimit()).isEqualTo(50);
    }

    @Test
    void options_are_written_back_as_read_for_the_guard_descriptor() {
        AdaptiveLimiterSettings aimd = new AimdSettings(8, 2, 64, 0.75, Duration.ofMillis(1500));
        assertThat(aimd.toOptions())
                .containsExactly(
                        Map.entry("algorithm", "aimd"),
                        Map.entry("backoff-ratio", "0.75"),
                        Map.entry("initial-limit", "8"),
                        Map.entry("max-limit", "64"),
                        Map.entry("min-limit", "2"),
                        Map.entry("timeout", "PT1.5S"));
        assertThat(read(aimd.toOptions())).isEqualTo(aimd);
        Gradient2Settings gradient = Gradient2Settings.defaults();
        assertThat(read(gradient.toOptions())).isEqualTo(gradient);
    }

    @Property(tries = 200)
    void any_valid_gradient2_settings_survive_a_round_trip_through_options(
            @ForAll @IntRange(min = 1, max = 1000) int min,
            @ForAll @IntRange(min = 0, max = 1000) int span,
            @ForAll @IntRange(min = 0, max = 1000) int offset,
            @ForAll @DoubleRange(min = 0.000001, max = 1.0) @Scale(6) double smoothing,
            @ForAll @IntRange(min = 0, max = 100) int queueSize,
            @ForAll @DoubleRange(min = 1.0, max = 10.0) @Scale(6) double tolerance,
            @ForAll @IntRange(min = 1, max = 10_000) int longWindow) {
        var settings = new Gradient2Settings(
                min + offset % (span + 1), min, min + span, smoothing, queueSize, tolerance, longWindow);
        assertThat(read(settings.toOptions())).isEqualTo(settings);
    }

    @Test
    void an_unknown_option_is_refused_with_the_known_ones() {
        assertConfigError(
                () -> read(Map.of("backof-ratio", "0.8")),
                "armature.config.invalid",
                "backof-ratio",
                "not an option",
                "backoff-ratio, initial-limit, max-limit, min-limit, timeout");
    }

    @Test
    void an_option_of_the_other_algorithm_is_refused() {
        assertConfigError(
                () -> read(Map.of("smoothing", "0.3")),
                "armature.config.invalid",
                "smoothing",
                "only to algorithm gradient2");
        assertConfigError(
                () -> read(Map.of("algorithm", "gradient2", "timeout", "1s")),
                "armature.config.invalid",
                "timeout",
                "only to algorithm aimd");
    }

    @Test
    void an_unknown_algorithm_is_refused_with_the_choices() {
        assertConfigError(
                () -> read(Map.of("algorithm", "vegas")), "armature.config.invalid", "algorithm", "aimd", "gradient2");
    }

    @Test
    void unreadable_text_is_a_type_error_that_does_not_quote_the_text() {
        assertConfigError(
                () -> read(Map.of("initial-limit", "twenty")), "armature.config.type", "initial-limit", "whole number");
        assertConfigError(
                () -> read(Map.of("backoff-ratio", "NaN")), "armature.config.type", "backoff-ratio", "finite");
        assertConfigError(() -> read(Map.of("timeout", "soon")), "armature.config.type", "timeout", "duration");
        assertThatThrownBy(() -> read(Map.of("max-limit", "s3cr3t"))).hasMessageNotContaining("s3cr3t");
    }

    @Test
    void values_out_of_range_name_the_option_and_the_fix() {
        assertConfigError(
                () -> read(Map.of("backoff-ratio", "1.0")), "armature.config.invalid", "backoff-ratio", "below 1.0");
        assertConfigError(() -> read(Map.of("backoff-ratio", "0.4")), "armature.config.invalid", "backoff-ratio");
        assertConfigError(() -> read(Map.of("timeout", "0s")), "armature.config.invalid", "timeout", "positive");
        assertConfigError(() -> read(Map.of("min-limit", "0")), "armature.config.invalid", "min-limit", "at least 1");
        assertConfigError(
                () -> read(Map.of("min-limit", "10", "max-limit", "5")),
                "armature.config.invalid",
                "max-limit",
                "below min-limit");
        assertConfigError(
                () -> read(Map.of("initial-limit", "500")),
                "armature.config.invalid",
                "initial-limit",
                "outside min-limit..max-limit (1..200)");
        assertConfigError(
                () -> read(Map.of("algorithm", "gradient2", "smoothing", "0")),
                "armature.config.invalid",
                "smoothing",
                "above 0");
        assertConfigError(
                () -> read(Map.of("algorithm", "gradient2", "rtt-tolerance", "0.9")),
                "armature.config.invalid",
                "rtt-tolerance");
        assertConfigError(
                () -> read(Map.of("algorithm", "gradient2", "queue-size", "-1")),
                "armature.config.invalid",
                "queue-size");
        assertConfigError(
                () -> read(Map.of("algorithm", "gradient2", "long-window", "0")),
                "armature.config.invalid",
                "long-window");
    }

    @Test
    @SuppressWarnings("NullAway") // passes null on purpose
    void typed_construction_reports_a_bad_value_as_a_programmer_error() {
        assertThatThrownBy(() -> new AimdSettings(20, 1, 200, 1.5, Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("backoff-ratio");
        assertThatThrownBy(() -> new Gradient2Settings(20, 30, 200, 0.2, 4, 1.5, 600))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("initial-limit");
        assertThatThrownBy(() -> new AimdSettings(20, 1, 200, 0.9, null)).isInstanceOf(NullPointerException.class);
    }
}

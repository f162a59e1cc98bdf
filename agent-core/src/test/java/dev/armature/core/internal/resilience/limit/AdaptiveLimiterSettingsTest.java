package dev.armature.core.internal.resilience.limit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.InstanceOfAssertFactories.type;

import java.time.Duration;
import java.util.Map;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/** The settings as code builds them; reading them from configuration is in AdaptiveLimiterConfigTest. */
class AdaptiveLimiterSettingsTest {
    @Test
    void the_defaults_are_aimd_with_its_documented_defaults() {
        assertThat(AdaptiveLimiterSettings.defaults())
                .isEqualTo(AimdSettings.defaults())
                .isEqualTo(new AimdSettings(20, 1, 200, 0.9, Duration.ofSeconds(30)));
        assertThat(AdaptiveLimiterSettings.defaults().newLimit()).isInstanceOf(AimdLimit.class);
        assertThat(Gradient2Settings.defaults()).isEqualTo(new Gradient2Settings(20, 1, 200, 0.2, 4, 1.5, 600));
        assertThat(Gradient2Settings.defaults().newLimit()).isInstanceOf(Gradient2Limit.class);
    }

    @Test
    void options_are_written_by_their_configuration_names_for_the_guard_descriptor() {
        assertThat(new AimdSettings(8, 2, 64, 0.75, Duration.ofMillis(1500)).toOptions())
                .containsExactly(
                        Map.entry("algorithm", "aimd"),
                        Map.entry("backoff-ratio", "0.75"),
                        Map.entry("initial-limit", "8"),
                        Map.entry("max-limit", "64"),
                        Map.entry("min-limit", "2"),
                        Map.entry("timeout", "PT1.5S"));
        assertThat(Gradient2Settings.defaults().toOptions())
                .containsExactly(
                        Map.entry("algorithm", "gradient2"),
                        Map.entry("initial-limit", "20"),
                        Map.entry("long-window", "600"),
                        Map.entry("max-limit", "200"),
                        Map.entry("min-limit", "1"),
                        Map.entry("queue-size", "4"),
                        Map.entry("rtt-tolerance", "1.5"),
                        Map.entry("smoothing", "0.2"));
    }

    @Test
    @SuppressWarnings("NullAway") // passes null on purpose
    void typed_construction_reports_a_bad_value_as_a_programmer_error_naming_the_option() {
        Duration second = Duration.ofSeconds(1);
        assertInvalid(() -> new AimdSettings(20, 1, 200, 1.0, second), "backoff-ratio", "below 1.0");
        assertInvalid(() -> new AimdSettings(20, 1, 200, 0.4, second), "backoff-ratio", "at least 0.5");
        assertInvalid(() -> new AimdSettings(20, 1, 200, Double.NaN, second), "backoff-ratio", "NaN");
        assertInvalid(() -> new AimdSettings(20, 1, 200, 0.9, Duration.ZERO), "timeout", "positive");
        assertInvalid(() -> new AimdSettings(1, 0, 200, 0.9, second), "min-limit", "at least 1");
        assertInvalid(() -> new AimdSettings(5, 10, 5, 0.9, second), "max-limit", "below min-limit");
        assertInvalid(
                () -> new AimdSettings(500, 1, 200, 0.9, second),
                "initial-limit",
                "outside min-limit..max-limit (1..200)");
        assertInvalid(() -> new Gradient2Settings(20, 30, 200, 0.2, 4, 1.5, 600), "initial-limit", "30..200");
        assertInvalid(() -> new Gradient2Settings(20, 1, 200, 0.0, 4, 1.5, 600), "smoothing", "above 0");
        assertInvalid(() -> new Gradient2Settings(20, 1, 200, 0.2, -1, 1.5, 600), "queue-size", "0 or more");
        assertInvalid(() -> new Gradient2Settings(20, 1, 200, 0.2, 4, 0.9, 600), "rtt-tolerance", "at least 1.0");
        assertInvalid(
                () -> new Gradient2Settings(20, 1, 200, 0.2, 4, Double.POSITIVE_INFINITY, 600),
                "rtt-tolerance",
                "finite");
        assertInvalid(() -> new Gradient2Settings(20, 1, 200, 0.2, 4, 1.5, 0), "long-window", "at least 1");
        assertThatThrownBy(() -> new AimdSettings(20, 1, 200, 0.9, null)).isInstanceOf(NullPointerException.class);
    }

    private static void assertInvalid(ThrowingCallable build, String option, String inMessage) {
        assertThatThrownBy(build)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(option)
                .hasMessageContaining(inMessage)
                .asInstanceOf(type(InvalidOptionException.class))
                .extracting(InvalidOptionException::option)
                .isEqualTo(option);
    }
}

package dev.armature.core.internal.resilience;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.InstanceOfAssertFactories.type;

import dev.armature.api.config.ConfigException;
import dev.armature.api.config.ConfigSnapshot;
import dev.armature.api.config.ConfigUpdate;
import dev.armature.core.internal.resilience.limit.AdaptiveLimiterSettings;
import dev.armature.core.internal.resilience.limit.AimdSettings;
import dev.armature.core.internal.resilience.limit.Gradient2Settings;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Scale;
import net.jqwik.api.lifecycle.AfterProperty;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The adaptive limiter's options as a guard reads them from configuration: the schema checks each
 * option alone, the guard's settings what the schema cannot see, and {@code Guards} vetoes a change
 * the settings refuse. Each change is previewed, never applied, so one system serves a whole test.
 */
class AdaptiveLimiterConfigTest {
    private static final String GUARD = "model.chat";
    private static final String PREFIX = "armature.guards." + GUARD + ".adaptive-limiter";

    private final GuardFixture f = GuardFixture.of(Map.of());
    /** The snapshot the last preview proposed, when it passed the schema and reached the validators. */
    private final AtomicReference<@Nullable ConfigSnapshot> proposed = new AtomicReference<>();
    /** The outcome of the last read's preview, with the vetoes of Guards' validator. */
    private ConfigUpdate lastPreview =
            new ConfigUpdate(ConfigUpdate.Outcome.UNCHANGED, 0, List.of(), List.of(), List.of());

    AdaptiveLimiterConfigTest() {
        var unused = f.system.config().addValidator(snapshot -> {
            proposed.set(snapshot);
            return List.of();
        });
    }

    @AfterEach
    @AfterProperty
    void close() {
        f.close();
    }

    /** Previews the guard's options (enabled, and these under {@code adaptive-limiter.}) and others as given. */
    private ConfigUpdate preview(Map<String, String> options, Map<String, String> others) {
        Map<String, String> keys = new LinkedHashMap<>();
        keys.put(PREFIX + ".enabled", "true");
        options.forEach((option, value) -> keys.put(PREFIX + "." + option, value));
        keys.putAll(others);
        proposed.set(null);
        return f.system.config().preview(keys);
    }

    /**
     * Reads the settings the options would give the guard, from the snapshot the schema let through.
     *
     * @throws ConfigException as the guard's settings refuse them
     */
    private AdaptiveLimiterSettings read(Map<String, String> options) {
        return read(options, Map.of());
    }

    private AdaptiveLimiterSettings read(Map<String, String> options, Map<String, String> others) {
        lastPreview = preview(options, others);
        ConfigSnapshot snapshot = proposed.get();
        if (snapshot == null) {
            throw new AssertionError("refused by the schema: " + lastPreview.violations());
        }
        GuardSettings.Adaptive adaptive = GuardSettings.read(snapshot, GUARD).adaptive();
        assertThat(lastPreview.violations()).isEmpty();
        assertThat(adaptive.enabled()).isTrue();
        return adaptive.limiter();
    }

    /** Asserts that the guard's settings refuse the options naming the key, and that Guards vetoes them. */
    private void assertConfigError(ThrowingCallable read, String option, String... inMessage) {
        String key = PREFIX + "." + option;
        assertThatThrownBy(read).asInstanceOf(type(ConfigException.class)).satisfies(e -> {
            assertThat(e.code()).isEqualTo("armature.config.invalid");
            assertThat(e.key()).contains(key);
            assertThat(e.getMessage()).startsWith(key);
            for (String part : inMessage) {
                assertThat(e.getMessage()).contains(part);
            }
        });
        assertThat(lastPreview.violations()).singleElement().satisfies(v -> {
            assertThat(v.key()).isEqualTo(key);
            assertThat(v.message()).startsWith(key);
        });
    }

    /** Asserts that the schema refuses the options with one violation naming the key. */
    private void assertRefusedBySchema(Map<String, String> options, String option, String... inMessage) {
        ConfigUpdate update = preview(options, Map.of());
        assertThat(proposed.get()).as("reached the validators").isNull();
        assertThat(update.outcome()).isEqualTo(ConfigUpdate.Outcome.PREVIEW);
        assertThat(update.violations()).singleElement().satisfies(v -> {
            assertThat(v.key()).isEqualTo(PREFIX + "." + option);
            for (String part : inMessage) {
                assertThat(v.message()).contains(part);
            }
        });
    }

    @Test
    void no_options_give_aimd_with_its_documented_defaults() {
        assertThat(read(Map.of()))
                .isEqualTo(AdaptiveLimiterSettings.defaults())
                .isEqualTo(new AimdSettings(20, 1, 200, 0.9, Duration.ofSeconds(30)));
        GuardSettings disabled = GuardSettings.read(f.system.config().snapshot(), GUARD);
        assertThat(disabled.adaptive())
                .isEqualTo(new GuardSettings.Adaptive(false, AdaptiveLimiterSettings.defaults()));
    }

    @Test
    void reads_every_aimd_option() {
        assertThat(read(Map.of(
                        "algorithm", "aimd",
                        "initial-limit", "8",
                        "min-limit", "2",
                        "max-limit", "64",
                        "backoff-ratio", "0.75",
                        "timeout", "1500ms")))
                .isEqualTo(new AimdSettings(8, 2, 64, 0.75, Duration.ofMillis(1500)));
    }

    @Test
    void reads_every_gradient2_option() {
        assertThat(read(Map.of(
                        "algorithm", "gradient2",
                        "initial-limit", "30",
                        "min-limit", "5",
                        "max-limit", "300",
                        "smoothing", "0.5",
                        "queue-size", "0",
                        "rtt-tolerance", "2",
                        "long-window", "100")))
                .isEqualTo(new Gradient2Settings(30, 5, 300, 0.5, 0, 2.0, 100));
        assertThat(read(Map.of("algorithm", "gradient2"))).isEqualTo(Gradient2Settings.defaults());
    }

    @Test
    void an_option_the_guard_does_not_set_comes_from_the_default_section() {
        assertThat(read(
                        Map.of("smoothing", "0.5"),
                        Map.of(
                                "armature.guards.default.adaptive-limiter.algorithm", "gradient2",
                                "armature.guards.default.adaptive-limiter.smoothing", "0.3",
                                "armature.guards.default.adaptive-limiter.max-limit", "40")))
                .isEqualTo(new Gradient2Settings(20, 1, 40, 0.5, 4, 1.5, 600));
    }

    @Test
    void a_default_initial_limit_follows_bounds_set_without_it() {
        assertThat(read(Map.of("max-limit", "10")).initialLimit()).isEqualTo(10);
        assertThat(read(Map.of("min-limit", "50")).initialLimit()).isEqualTo(50);
    }

    @Test
    void the_options_a_descriptor_shows_read_back_to_equal_settings() {
        AdaptiveLimiterSettings aimd = new AimdSettings(8, 2, 64, 0.75, Duration.ofMillis(1500));
        assertThat(read(aimd.toOptions())).isEqualTo(aimd);
        Gradient2Settings gradient = Gradient2Settings.defaults();
        assertThat(read(gradient.toOptions())).isEqualTo(gradient);
    }

    /** Smoothing starts at the schema's 0.01, above the 0 the settings themselves allow. */
    @Property(tries = 200)
    void any_valid_gradient2_settings_survive_a_round_trip_through_options(
            @ForAll @IntRange(min = 1, max = 1000) int min,
            @ForAll @IntRange(min = 0, max = 1000) int span,
            @ForAll @IntRange(min = 0, max = 1000) int offset,
            @ForAll @DoubleRange(min = 0.01, max = 1.0) @Scale(6) double smoothing,
            @ForAll @IntRange(min = 0, max = 100) int queueSize,
            @ForAll @DoubleRange(min = 1.0, max = 10.0) @Scale(6) double tolerance,
            @ForAll @IntRange(min = 1, max = 10_000) int longWindow) {
        var settings = new Gradient2Settings(
                min + offset % (span + 1), min, min + span, smoothing, queueSize, tolerance, longWindow);
        assertThat(read(settings.toOptions())).isEqualTo(settings);
    }

    @Test
    void an_unknown_option_is_refused_with_the_likely_one() {
        assertRefusedBySchema(
                Map.of("backof-ratio", "0.8"),
                "backof-ratio",
                "not a known key",
                "did you mean",
                "adaptive-limiter.backoff-ratio");
    }

    @Test
    void an_option_of_the_other_algorithm_is_refused() {
        assertConfigError(
                () -> read(Map.of("smoothing", "0.3")),
                "smoothing",
                "only to algorithm gradient2",
                PREFIX + ".algorithm is aimd");
        assertConfigError(
                () -> read(Map.of("algorithm", "gradient2", "timeout", "1s")), "timeout", "only to algorithm aimd");
    }

    @Test
    void an_option_of_the_other_algorithm_from_the_default_section_is_refused_naming_that_key() {
        String key = "armature.guards.default.adaptive-limiter.backoff-ratio";
        assertThatThrownBy(() -> read(Map.of("algorithm", "gradient2"), Map.of(key, "0.8")))
                .asInstanceOf(type(ConfigException.class))
                .satisfies(e -> {
                    assertThat(e.key()).contains(key);
                    assertThat(e.getMessage()).startsWith(key).contains(PREFIX + ".algorithm is gradient2");
                });
    }

    @Test
    void an_unknown_algorithm_is_refused_with_the_choices() {
        assertRefusedBySchema(Map.of("algorithm", "vegas"), "algorithm", "aimd, gradient2");
        // Names are matched exactly, as the schema declares them.
        assertRefusedBySchema(Map.of("algorithm", "AIMD"), "algorithm", "aimd, gradient2");
    }

    @Test
    void unreadable_text_is_refused_without_quoting_the_text() {
        assertRefusedBySchema(Map.of("initial-limit", "twenty"), "initial-limit", "whole number");
        assertRefusedBySchema(Map.of("backoff-ratio", "NaN"), "backoff-ratio", "finite");
        assertRefusedBySchema(Map.of("timeout", "soon"), "timeout", "duration");
        ConfigUpdate update = preview(Map.of("max-limit", "s3cr3t"), Map.of());
        assertThat(update.violations()).singleElement().satisfies(v -> assertThat(v.toString())
                .contains(PREFIX + ".max-limit")
                .doesNotContain("s3cr3t"));
    }

    @Test
    void a_value_out_of_range_alone_is_refused_by_the_schema() {
        assertRefusedBySchema(Map.of("backoff-ratio", "1.0"), "backoff-ratio", "at most 0.99");
        assertRefusedBySchema(Map.of("backoff-ratio", "0.4"), "backoff-ratio", "at least 0.5");
        assertRefusedBySchema(Map.of("timeout", "0s"), "timeout", "at least 1ms");
        assertRefusedBySchema(Map.of("min-limit", "0"), "min-limit", "at least 1");
        assertRefusedBySchema(Map.of("algorithm", "gradient2", "smoothing", "0"), "smoothing", "at least 0.01");
        assertRefusedBySchema(Map.of("algorithm", "gradient2", "rtt-tolerance", "0.9"), "rtt-tolerance", "at least 1");
        assertRefusedBySchema(Map.of("algorithm", "gradient2", "queue-size", "-1"), "queue-size", "at least 0");
        assertRefusedBySchema(Map.of("algorithm", "gradient2", "long-window", "0"), "long-window", "at least 1");
    }

    @Test
    void limits_that_contradict_each_other_name_the_option_and_the_fix() {
        assertConfigError(() -> read(Map.of("min-limit", "10", "max-limit", "5")), "max-limit", "below min-limit");
        assertConfigError(
                () -> read(Map.of("initial-limit", "500")), "initial-limit", "outside min-limit..max-limit (1..200)");
        assertConfigError(
                () -> read(Map.of("algorithm", "gradient2", "initial-limit", "3", "min-limit", "4")),
                "initial-limit",
                "(4..200)");
    }
}

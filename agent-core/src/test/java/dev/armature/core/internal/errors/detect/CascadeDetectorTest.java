package dev.armature.core.internal.errors.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.armature.api.resilience.ErrorFinding;
import dev.armature.core.time.ManualTime;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CascadeDetectorTest {
    /** db ← index ← search, and an unrelated telemetry. */
    private static final Map<String, List<String>> DEPENDENTS = Map.of(
            "db", List.of("index", "search"),
            "index", List.of("search"),
            "search", List.of(),
            "telemetry", List.of());

    private final ManualTime time = ManualTime.create();
    private final CascadeDetector detector = new CascadeDetector(time, DEPENDENTS::get, Duration.ofMinutes(2));

    @Test
    void dependents_failing_after_a_component_within_the_window_are_one_cascade_reported_once() {
        detector.observe("db");
        time.advance(Duration.ofSeconds(10));
        detector.observe("telemetry");
        detector.observe("index");
        time.advance(Duration.ofSeconds(20));
        detector.observe("search");

        assertThat(detector.evaluate())
                .containsExactly(
                        new ErrorFinding.Cascade("db", List.of("index", "search"), Duration.ofSeconds(30)),
                        new ErrorFinding.Cascade("index", List.of("search"), Duration.ofSeconds(20)));
        assertThat(detector.evaluate()).isEmpty();
    }

    @Test
    void a_dependent_failing_before_or_after_the_window_is_no_part_of_it() {
        detector.observe("search");
        time.advance(Duration.ofSeconds(1));
        detector.observe("db");
        time.advance(Duration.ofMinutes(2).plusSeconds(1));
        detector.observe("index");

        assertThat(detector.evaluate()).isEmpty();
    }

    @Test
    void the_next_failure_after_the_window_opens_a_new_episode() {
        detector.observe("db");
        detector.observe("index");
        time.advance(Duration.ofSeconds(1));
        detector.observe("index");
        assertThat(detector.evaluate()).hasSize(1);
        // Restarts inside the window belong to the same episode.
        time.advance(Duration.ofSeconds(30));
        detector.observe("db");
        time.advance(Duration.ofSeconds(1));
        detector.observe("index");
        assertThat(detector.evaluate()).isEmpty();

        time.advance(Duration.ofMinutes(3));
        detector.observe("db");
        time.advance(Duration.ofSeconds(5));
        detector.observe("search");
        assertThat(detector.evaluate())
                .containsExactly(new ErrorFinding.Cascade("db", List.of("search"), Duration.ofSeconds(5)));
    }

    @Test
    void the_window_must_be_positive() {
        assertThatThrownBy(() -> new CascadeDetector(time, DEPENDENTS::get, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("window");
    }
}

package dev.armature.monitoring.internal.alert;

import static org.assertj.core.api.Assertions.assertThat;

import dev.armature.api.monitoring.MeterQuery;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** One tick's view of the meters: tags filter, series add up, and a query reads once per tick. */
class MeterReaderTest {
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    @Test
    void tags_select_series_and_the_matching_series_add_up() {
        Counter.builder("jobs").tag("queue", "a").register(registry).increment(2);
        Counter.builder("jobs").tag("queue", "b").register(registry).increment(3);
        MeterReader tick = MeterReader.of(registry);

        assertThat(tick.read(MeterQuery.of("jobs"))).isEqualTo(5.0);
        assertThat(tick.read(MeterQuery.of("jobs", Map.of("queue", "b")))).isEqualTo(3.0);
        assertThat(tick.read(MeterQuery.of("jobs", Map.of("queue", "c")))).isNaN();
        assertThat(tick.read(MeterQuery.of("absent"))).isNaN();
    }

    @Test
    void a_tick_reads_each_query_once_and_the_next_tick_sees_what_changed() {
        Counter jobs = Counter.builder("jobs").register(registry);
        jobs.increment();
        MeterReader first = MeterReader.of(registry);
        assertThat(first.read(MeterQuery.of("jobs"))).isEqualTo(1.0);

        jobs.increment();
        Counter.builder("late").register(registry).increment();

        assertThat(first.read(MeterQuery.of("jobs")))
                .as("every rule of one tick sees one number")
                .isEqualTo(1.0);
        MeterReader second = MeterReader.of(registry);
        assertThat(second.read(MeterQuery.of("jobs"))).isEqualTo(2.0);
        assertThat(second.read(MeterQuery.of("late"))).isEqualTo(1.0);
    }
}

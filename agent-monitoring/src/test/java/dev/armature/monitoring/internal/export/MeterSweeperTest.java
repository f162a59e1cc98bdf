package dev.armature.monitoring.internal.export;

import static org.assertj.core.api.Assertions.assertThat;

import dev.armature.core.time.ManualTime;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The meter TTL: unchanged dynamic meters go, changing and kept ones stay. */
class MeterSweeperTest {
    private static final Duration TTL = Duration.ofMinutes(10);

    private final ManualTime time = ManualTime.create();
    private final MeterRegistry registry = new SimpleMeterRegistry();
    private final MeterSweeper sweeper = new MeterSweeper(registry, time, TTL, ExportersSchema.DEFAULT_TTL_KEEP);

    private void sweepAfter(Duration d) {
        time.advance(d);
        sweeper.sweep();
    }

    private boolean present(String name) {
        return registry.find(name).meter() != null;
    }

    @Test
    void a_counter_unchanged_for_the_ttl_is_removed_and_one_that_changes_stays() {
        registry.counter("tool.calls", "tool", "grep").increment();
        Counter busy = registry.counter("tool.calls", "tool", "edit");
        sweeper.sweep(); // both first seen now

        sweepAfter(Duration.ofMinutes(5));
        busy.increment();
        sweepAfter(Duration.ofMinutes(5)); // 10 min unchanged: grep goes; edit changed at 10

        assertThat(registry.find("tool.calls").tag("tool", "grep").counter()).isNull();
        assertThat(registry.find("tool.calls").tag("tool", "edit").counter()).isNotNull();

        sweepAfter(Duration.ofMinutes(5));
        assertThat(registry.find("tool.calls").tag("tool", "edit").counter()).isNotNull();
        sweepAfter(Duration.ofMinutes(5));
        assertThat(registry.find("tool.calls").tag("tool", "edit").counter()).isNull();
    }

    @Test
    void a_meter_just_short_of_the_ttl_stays() {
        registry.counter("tool.calls").increment();
        sweeper.sweep();
        sweepAfter(TTL.minusNanos(1));
        assertThat(present("tool.calls")).isTrue();
    }

    @Test
    void the_sdks_own_meters_and_the_binders_meters_are_never_removed() {
        registry.counter("armature.exporter.dropped", "exporter", "file");
        registry.counter("resilience4j.circuitbreaker.calls");
        registry.counter("jvm.gc.pause.count");
        sweeper.sweep();
        sweepAfter(TTL.multipliedBy(3));
        assertThat(present("armature.exporter.dropped")).isTrue();
        assertThat(present("resilience4j.circuitbreaker.calls")).isTrue();
        assertThat(present("jvm.gc.pause.count")).isTrue();
    }

    @Test
    void a_steady_gauge_stays_but_one_whose_object_is_gone_is_removed() {
        Gauge.builder("queue.size", () -> 3).strongReference(true).register(registry);
        AtomicReference<Double> reading = new AtomicReference<>(Double.NaN);
        Gauge.builder("cache.size", reading, AtomicReference::get)
                .strongReference(true)
                .register(registry);
        sweeper.sweep();
        sweepAfter(TTL);
        assertThat(present("queue.size")).as("a steady gauge is still in use").isTrue();
        assertThat(present("cache.size"))
                .as("NaN for the TTL: its object is gone")
                .isFalse();
    }

    @Test
    void a_removed_meter_registered_again_starts_afresh() {
        registry.counter("tool.calls").increment();
        sweeper.sweep();
        sweepAfter(TTL);
        assertThat(present("tool.calls")).isFalse();

        registry.counter("tool.calls").increment(); // the host records again: a new meter
        sweepAfter(TTL.minusMinutes(1));
        assertThat(present("tool.calls")).isTrue();
    }

    @Test
    void a_shorter_ttl_applies_from_the_next_sweep() {
        registry.counter("tool.calls").increment();
        sweeper.sweep();
        sweepAfter(Duration.ofMinutes(1));
        assertThat(present("tool.calls")).isTrue();
        sweeper.ttl(Duration.ofMinutes(1));
        sweeper.sweep();
        assertThat(present("tool.calls")).isFalse();
    }
}

package dev.armature.monitoring.internal.prometheus;

import static org.assertj.core.api.Assertions.assertThat;

import dev.armature.core.metrics.TimeSourceClock;
import dev.armature.core.time.ManualTime;
import io.micrometer.core.instrument.Clock;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.TimeGauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.micrometer.core.instrument.simple.SimpleConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class RegistryMirrorTest {
    private final ManualTime time = ManualTime.create();
    private final Clock clock = new TimeSourceClock(time);
    private final SimpleMeterRegistry source = new SimpleMeterRegistry(SimpleConfig.DEFAULT, clock);

    @Test
    void a_timer_is_written_as_micrometers_prometheus_registry_writes_one() {
        Timer.builder("armature.test.calls")
                .tag("outcome", "ok")
                .register(source)
                .record(Duration.ofMillis(250));
        PrometheusMeterRegistry reference =
                new PrometheusMeterRegistry(PrometheusConfig.DEFAULT, new PrometheusRegistry(), clock);
        Timer.builder("armature.test.calls")
                .tag("outcome", "ok")
                .register(reference)
                .record(Duration.ofMillis(250));

        try (RegistryMirror mirror = RegistryMirror.of(source, clock, true)) {
            assertThat(mirror.registry().scrape()).isEqualTo(reference.scrape());
        }
    }

    @Test
    void gauges_counters_and_function_timers_keep_their_names_units_and_live_values() {
        AtomicInteger queued = new AtomicInteger(3);
        Gauge.builder("armature.test.queued", queued, AtomicInteger::get)
                .baseUnit("tasks")
                .register(source);
        TimeGauge.builder("armature.test.age", queued, TimeUnit.MILLISECONDS, AtomicInteger::get)
                .register(source);
        FunctionTimer.builder("armature.test.batch", queued, q -> 2L, q -> 1500.0, TimeUnit.MILLISECONDS)
                .register(source);
        Counter counter = Counter.builder("armature.test.sent").register(source);
        counter.increment(4);

        try (RegistryMirror mirror = RegistryMirror.of(source, clock, true)) {
            queued.set(7);
            counter.increment();
            assertThat(mirror.registry().scrape())
                    .contains("armature_test_queued_tasks 7.0")
                    .contains("armature_test_age_seconds 0.007")
                    .contains("armature_test_batch_seconds_count 2")
                    .contains("armature_test_batch_seconds_sum 1.5")
                    .contains("armature_test_sent_total 5.0");
        }
    }

    @Test
    void after_close_the_mirror_follows_the_source_no_more_and_leaves_it_as_it_was() {
        Counter.builder("armature.test.before").register(source);
        RegistryMirror mirror = RegistryMirror.of(source, clock, true);
        mirror.close();
        Counter.builder("armature.test.after").register(source).increment();

        assertThat(mirror.registry().getMeters()).isEmpty();
        assertThat(source.getMeters()).hasSize(2);
        assertThat(source.get("armature.test.after").counter().count()).isEqualTo(1.0);
    }

    /**
     * Why the exposition mirrors instead of adding a Prometheus registry to a composite: a child added
     * late gets the meters already there, but fresh, and a read through the composite may come from
     * either child.
     */
    @Test
    void a_registry_added_late_to_a_composite_sees_only_what_is_recorded_after() {
        CompositeMeterRegistry composite = new CompositeMeterRegistry(clock, List.of(new SimpleMeterRegistry()));
        Counter early = Counter.builder("armature.test.early").register(composite);
        early.increment(5);
        PrometheusMeterRegistry late =
                new PrometheusMeterRegistry(PrometheusConfig.DEFAULT, new PrometheusRegistry(), clock);
        composite.add(late);
        early.increment();

        assertThat(late.scrape()).contains("armature_test_early_total 1.0");

        try (RegistryMirror mirror = RegistryMirror.of(new SimpleMeterRegistry(), clock, true)) {
            assertThat(mirror.registry().scrape()).isEmpty();
        }
        SimpleMeterRegistry plain = new SimpleMeterRegistry(SimpleConfig.DEFAULT, clock);
        Counter kept = Counter.builder("armature.test.early").register(plain);
        kept.increment(5);
        try (RegistryMirror mirror = RegistryMirror.of(plain, clock, true)) {
            kept.increment();
            assertThat(mirror.registry().scrape()).contains("armature_test_early_total 6.0");
        }
    }
}

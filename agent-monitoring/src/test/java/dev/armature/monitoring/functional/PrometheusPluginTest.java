package dev.armature.monitoring.functional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.armature.api.AgentSystem;
import dev.armature.api.monitoring.MetricsExposition;
import dev.armature.api.monitoring.MetricsUnavailableException;
import dev.armature.core.metrics.MicrometerExtension;
import dev.armature.core.time.ManualTime;
import dev.armature.monitoring.PrometheusPlugin;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The Prometheus plugin end to end: what a scrape of a running system shows, and when there is none. */
@Timeout(30) // a guard against a hang, not a timing assertion
class PrometheusPluginTest {
    private final ManualTime time = ManualTime.create();

    @TempDir
    @SuppressWarnings("NullAway.Init") // injected by JUnit before each test
    Path dataDirectory;

    /** A system on virtual time with the Prometheus plugin alone, so that no other plugin's threads run. */
    private AgentSystem.Builder builder(Map<String, String> properties) {
        return AgentSystem.builder()
                .name("coding-agent")
                .timeSource(time)
                .scheduler(time)
                .dataDirectory(dataDirectory)
                .shutdownHook(false)
                .pluginDiscovery(false)
                .plugin(new PrometheusPlugin())
                .environment(Map.of())
                .systemProperties(properties);
    }

    @Test
    void the_plugin_is_found_on_the_class_path_and_provides_the_exposition() {
        try (AgentSystem system = AgentSystem.builder()
                .timeSource(time)
                .scheduler(time)
                .dataDirectory(dataDirectory)
                .shutdownHook(false)
                .environment(Map.of())
                .systemProperties(Map.of())
                .build()) {
            system.start();
            assertThat(system.service(MetricsExposition.class).scrape())
                    .contains(
                            "armature_component_running{application=\"armature\",component=\"armature.metrics.prometheus\"");
        }
    }

    @Test
    void a_scrape_shows_the_systems_meters_under_their_prometheus_names() {
        try (AgentSystem system = builder(Map.of()).build()) {
            system.start();
            String scrape = system.service(MetricsExposition.class).scrape();
            // A gauge: dots become underscores, the common tags and the component tag are labels.
            assertThat(scrape)
                    .contains("# TYPE armature_component_running gauge")
                    .contains("armature_component_running{application=\"coding-agent\","
                            + "component=\"armature.metrics.prometheus\",instance=\"local\"} 1.0");
            // A function counter gains _total; a timer is a summary in seconds with a max gauge beside it.
            assertThat(scrape)
                    .contains("# TYPE armature_events_published_total counter")
                    .contains("# TYPE armature_component_start_seconds summary")
                    .contains("armature_component_start_seconds_count{application=\"coding-agent\","
                            + "component=\"armature.metrics.prometheus\",instance=\"local\",outcome=\"success\"} 1")
                    .contains("# TYPE armature_component_start_seconds_max gauge")
                    .contains("# HELP armature_component_running 1 while the component is RUNNING");
            assertThat(scrape).contains("armature_metrics_cardinality_overflow_total{");
        }
    }

    @Test
    void a_meter_shows_everything_recorded_before_the_exposition_started_and_goes_when_removed() {
        try (AgentSystem system = builder(Map.of()).build()) {
            MeterRegistry registry = system.service(MeterRegistry.class);
            Counter early = Counter.builder("armature.test.early").register(registry);
            early.increment(5);
            system.start();
            MetricsExposition exposition = system.service(MetricsExposition.class);
            assertThat(exposition.scrape())
                    .contains("armature_test_early_total{application=\"coding-agent\",instance=\"local\"} 5.0");

            early.increment();
            Counter late = Counter.builder("armature.test.late").register(registry);
            late.increment(2);
            assertThat(exposition.scrape())
                    .contains("armature_test_early_total{application=\"coding-agent\",instance=\"local\"} 6.0")
                    .contains("armature_test_late_total{application=\"coding-agent\",instance=\"local\"} 2.0");
            // Reading through the system's registry still sees the whole count.
            assertThat(registry.get("armature.test.early").counter().count()).isEqualTo(6.0);

            registry.remove(late);
            assertThat(exposition.scrape()).doesNotContain("armature_test_late");
        }
    }

    @Test
    void help_lines_carry_no_description_when_switched_off() {
        try (AgentSystem system = builder(Map.of("armature.metrics.prometheus.descriptions", "false"))
                .build()) {
            system.start();
            assertThat(system.service(MetricsExposition.class).scrape())
                    .contains("armature_component_running{")
                    .doesNotContain("1 while the component is RUNNING");
        }
    }

    @Test
    void a_scrape_before_start_after_close_or_when_switched_off_names_why_there_is_none() {
        AgentSystem system = builder(Map.of()).build();
        MetricsExposition exposition = system.service(MetricsExposition.class);
        assertThatThrownBy(exposition::scrape)
                .isInstanceOfSatisfying(MetricsUnavailableException.class, e -> assertThat(e.reason())
                        .isEqualTo(MetricsUnavailableException.Reason.NOT_RUNNING))
                .hasMessageContaining("armature.metrics.prometheus")
                .hasMessageContaining("system.start()");
        system.start();
        assertThat(exposition.scrape()).contains("armature_component_running");
        system.close();
        assertThatThrownBy(exposition::scrape)
                .isInstanceOfSatisfying(MetricsUnavailableException.class, e -> assertThat(e.reason())
                        .isEqualTo(MetricsUnavailableException.Reason.NOT_RUNNING));

        try (AgentSystem off =
                builder(Map.of("armature.metrics.prometheus.enabled", "false")).build()) {
            off.start();
            assertThatThrownBy(off.service(MetricsExposition.class)::scrape)
                    .isInstanceOfSatisfying(MetricsUnavailableException.class, e -> {
                        assertThat(e.reason()).isEqualTo(MetricsUnavailableException.Reason.DISABLED);
                        assertThat(e.code()).isEqualTo("armature.metrics.unavailable.disabled");
                    })
                    .hasMessageContaining("armature.metrics.prometheus.enabled=false");
        }
    }

    @Test
    void a_hosts_prometheus_registry_is_scraped_as_it_is_given_alone_or_in_a_composite() {
        PrometheusMeterRegistry host = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        Counter.builder("host.requests").register(host).increment(3);
        Timer.builder("host.latency")
                .publishPercentileHistogram()
                .register(host)
                .record(Duration.ofMillis(5));
        try (AgentSystem system =
                builder(Map.of()).extension(MicrometerExtension.registry(host)).build()) {
            system.start();
            String scrape = system.service(MetricsExposition.class).scrape();
            // Not compared with host.scrape() whole: the bus's counters may move between two scrapes.
            // Histogram buckets show it is the host's registry itself: a mirror has none.
            assertThat(scrape).contains("host_requests_total 3.0").contains("host_latency_seconds_bucket{");
            assertThat(scrape).contains("armature_component_running{application=\"coding-agent\"");
        }

        PrometheusMeterRegistry inside = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        CompositeMeterRegistry composite = new CompositeMeterRegistry();
        composite.add(new SimpleMeterRegistry());
        composite.add(inside);
        Counter.builder("host.inside.only").register(inside).increment(); // in that child alone
        try (AgentSystem system = builder(Map.of())
                .extension(MicrometerExtension.registry(composite))
                .build()) {
            system.start();
            assertThat(system.service(MetricsExposition.class).scrape())
                    .contains("host_inside_only_total 1.0")
                    .contains("armature_component_running{application=\"coding-agent\"");
        }
    }

    @Test
    void a_hosts_registry_of_another_kind_is_shown_with_the_hosts_own_meters() {
        SimpleMeterRegistry host = new SimpleMeterRegistry();
        Counter.builder("host.requests").register(host).increment(3);
        try (AgentSystem system = builder(Map.of())
                .extension(MicrometerExtension.registry(host).withInstance("pod-7"))
                .build()) {
            system.start();
            assertThat(system.service(MetricsExposition.class).scrape())
                    .contains("host_requests_total 3.0")
                    .contains("armature_component_running{application=\"coding-agent\","
                            + "component=\"armature.metrics.prometheus\",instance=\"pod-7\"} 1.0");
        }
        // The host's registry is left as it was given: closing removed Armature's meters, and no mirror remains.
        assertThat(host.getMeters()).extracting(m -> m.getId().getName()).containsExactly("host.requests");
    }
}

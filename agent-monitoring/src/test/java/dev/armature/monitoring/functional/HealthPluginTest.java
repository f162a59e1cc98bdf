package dev.armature.monitoring.functional;

import static org.assertj.core.api.Assertions.assertThat;

import dev.armature.api.AgentSystem;
import dev.armature.api.event.SubscribeOptions;
import dev.armature.api.health.CheckOutcome;
import dev.armature.api.health.CheckSpec;
import dev.armature.api.health.Criticality;
import dev.armature.api.health.Health;
import dev.armature.api.health.HealthEvent;
import dev.armature.api.health.HealthReport;
import dev.armature.api.health.HealthStatus;
import dev.armature.core.time.ManualTime;
import dev.armature.spi.Plugin;
import dev.armature.spi.PluginContext;
import dev.armature.spi.health.HealthProbe;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The health plugin found on the class path, end to end: probes contributed, report and events. */
@Timeout(30) // a guard against a hang, not a timing assertion
class HealthPluginTest {
    private static final long WAIT_SECONDS = 10;

    private final ManualTime time = ManualTime.create();

    /** A host's plugin that contributes one critical and one non-critical probe. */
    private static Plugin probes(AtomicReference<CheckOutcome> cache) {
        return new Plugin() {
            @Override
            public String id() {
                return "host-checks";
            }

            @Override
            public String supportedApiVersions() {
                return "[0.1,1)";
            }

            @Override
            public void contribute(PluginContext context) {
                context.contribute(
                        HealthProbe.class,
                        HealthProbe.of(
                                CheckSpec.builder("db").component("store").build(), CheckOutcome::up));
                context.contribute(
                        HealthProbe.class,
                        HealthProbe.of(
                                CheckSpec.builder("cache")
                                        .criticality(Criticality.NON_CRITICAL)
                                        .failureThreshold(1)
                                        .build(),
                                () -> java.util.Objects.requireNonNull(cache.get())));
            }
        };
    }

    @Test
    void the_health_service_reports_contributed_probes_and_publishes_the_system_status() throws Exception {
        AtomicReference<CheckOutcome> cache = new AtomicReference<>(CheckOutcome.up());
        BlockingQueue<HealthStatus> statuses = new LinkedBlockingQueue<>();
        try (AgentSystem system = AgentSystem.builder()
                .timeSource(time)
                .scheduler(time)
                .environment(Map.of())
                .systemProperties(Map.of("armature.health.resources.enabled", "false"))
                .plugin(probes(cache))
                .build()) {
            Health health = system.service(Health.class);
            assertThat(health.report().status()).isEqualTo(HealthStatus.UNKNOWN);
            system.events()
                    .subscribe(
                            HealthEvent.SystemStatusChanged.class,
                            SubscribeOptions.withReplay(),
                            e -> statuses.add(e.payload().to()));
            system.start();
            time.advance(Duration.ZERO);
            assertThat(statuses.poll(WAIT_SECONDS, TimeUnit.SECONDS)).isEqualTo(HealthStatus.UP);

            HealthReport report = health.report();
            assertThat(report.checks()).containsOnlyKeys("cache", "db");
            assertThat(report.groups()).containsEntry("component:store", HealthStatus.UP);

            cache.set(CheckOutcome.down("evicted everything"));
            time.advance(CheckSpec.DEFAULT_INTERVAL);
            assertThat(statuses.poll(WAIT_SECONDS, TimeUnit.SECONDS))
                    .as("a non-critical DOWN degrades the system")
                    .isEqualTo(HealthStatus.DEGRADED);
            assertThat(health.history("cache").orElseThrow().transitions()).hasSize(2);
        }
    }

    @Test
    void the_built_in_resource_checks_run_unless_switched_off() throws Exception {
        BlockingQueue<String> checks = new LinkedBlockingQueue<>();
        try (AgentSystem system = AgentSystem.builder()
                .timeSource(time)
                .scheduler(time)
                .environment(Map.of())
                .systemProperties(Map.of("armature.health.resources.min-free-disk", "1B"))
                .build()) {
            system.events()
                    .subscribe(
                            HealthEvent.CheckStatusChanged.class,
                            e -> checks.add(e.payload().check()));
            system.start();
            time.advance(Duration.ZERO);
            for (int i = 0; i < 3; i++) {
                assertThat(checks.poll(WAIT_SECONDS, TimeUnit.SECONDS)).isNotNull();
            }
            HealthReport report = system.service(Health.class).report();
            assertThat(report.checks()).containsKeys("resources.heap", "resources.threads", "resources.disk");
            assertThat(report.groups()).containsKey("tag:resources");
            assertThat(report.check("resources.disk")
                            .orElseThrow()
                            .lastResult()
                            .orElseThrow()
                            .details())
                    .containsKeys("free", "minimum", "path");
        }
    }
}

package dev.armature.monitoring.functional;

import static org.assertj.core.api.Assertions.assertThat;

import dev.armature.api.AgentSystem;
import dev.armature.api.Backoff;
import dev.armature.api.Component;
import dev.armature.api.ComponentContext;
import dev.armature.api.ComponentDescriptor;
import dev.armature.api.ComponentEvent;
import dev.armature.api.RestartPolicy;
import dev.armature.api.event.SubscribeOptions;
import dev.armature.api.health.CheckKind;
import dev.armature.api.health.CheckOutcome;
import dev.armature.api.health.CheckSpec;
import dev.armature.api.health.Criticality;
import dev.armature.api.health.Health;
import dev.armature.api.health.HealthEvent;
import dev.armature.api.health.HealthReport;
import dev.armature.api.health.HealthStatus;
import dev.armature.api.health.Recommendation;
import dev.armature.api.resilience.CircuitState;
import dev.armature.api.resilience.GuardEvent;
import dev.armature.core.metrics.MicrometerExtension;
import dev.armature.core.time.ManualTime;
import dev.armature.spi.Plugin;
import dev.armature.spi.health.HealthProbe;
import dev.armature.spi.health.RecommendationRule;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The health plugin found on the class path, end to end: probes contributed, report and events. */
@Timeout(30) // a guard against a hang, not a timing assertion
class HealthPluginTest {
    private static final long WAIT_SECONDS = 10;

    private final ManualTime time = ManualTime.create();

    @TempDir
    @SuppressWarnings("NullAway.Init") // injected by JUnit before each test
    Path dataDirectory;

    /** A host's plugin that contributes one critical and one non-critical probe, and any more given. */
    private static Plugin probes(AtomicReference<CheckOutcome> cache, HealthProbe... more) {
        return TestPlugin.of("host-checks", context -> {
            context.contribute(
                    HealthProbe.class,
                    HealthProbe.of(CheckSpec.builder("db").component("store").build(), CheckOutcome::up));
            context.contribute(
                    HealthProbe.class,
                    HealthProbe.of(
                            CheckSpec.builder("cache")
                                    .criticality(Criticality.NON_CRITICAL)
                                    .failureThreshold(1)
                                    .build(),
                            () -> java.util.Objects.requireNonNull(cache.get())));
            for (HealthProbe probe : more) {
                context.contribute(HealthProbe.class, probe);
            }
        });
    }

    /** A system on virtual time and the test's data directory, with the given configuration. */
    private AgentSystem.Builder builder(Map<String, String> properties) {
        return AgentSystem.builder()
                .timeSource(time)
                .scheduler(time)
                .dataDirectory(dataDirectory)
                .environment(Map.of())
                .systemProperties(properties);
    }

    private static String next(BlockingQueue<String> queue) throws InterruptedException {
        return String.valueOf(queue.poll(WAIT_SECONDS, TimeUnit.SECONDS));
    }

    @Test
    void the_health_service_reports_contributed_probes_and_publishes_the_system_status() throws Exception {
        AtomicReference<CheckOutcome> cache = new AtomicReference<>(CheckOutcome.up());
        BlockingQueue<HealthStatus> statuses = new LinkedBlockingQueue<>();
        BlockingQueue<String> checks = new LinkedBlockingQueue<>();
        try (AgentSystem system = builder(Map.of(
                        "armature.health.resources.enabled", "false", "armature.health.components.enabled", "false"))
                .plugin(probes(cache))
                .build()) {
            Health health = system.service(Health.class);
            assertThat(health.report().status()).isEqualTo(HealthStatus.UNKNOWN);
            system.events()
                    .subscribe(
                            HealthEvent.SystemStatusChanged.class,
                            SubscribeOptions.withReplay(),
                            e -> statuses.add(e.payload().to()));
            system.events()
                    .subscribe(
                            HealthEvent.CheckStatusChanged.class,
                            e -> checks.add(
                                    e.payload().check() + ":" + e.payload().to()));
            system.start();
            time.advance(Duration.ZERO);
            // Both first runs are in before time moves on, so both fall due again at 10s.
            assertThat(List.of(next(checks), next(checks))).containsExactlyInAnyOrder("cache:UP", "db:UP");
            assertThat(statuses.poll(WAIT_SECONDS, TimeUnit.SECONDS)).isEqualTo(HealthStatus.UP);

            HealthReport report = health.report();
            assertThat(report.checks()).containsOnlyKeys("cache", "db");
            assertThat(report.groups()).containsEntry("component:store", HealthStatus.UP);

            cache.set(CheckOutcome.down("evicted everything"));
            time.advance(CheckSpec.DEFAULT_INTERVAL);
            assertThat(next(checks)).isEqualTo("cache:DOWN");
            assertThat(statuses.poll(WAIT_SECONDS, TimeUnit.SECONDS))
                    .as("a non-critical DOWN degrades the system")
                    .isEqualTo(HealthStatus.DEGRADED);
            assertThat(health.history("cache").orElseThrow().transitions()).hasSize(2);
        }
    }

    @Test
    void the_built_in_resource_checks_run_unless_switched_off() throws Exception {
        BlockingQueue<String> checks = new LinkedBlockingQueue<>();
        try (AgentSystem system =
                builder(Map.of("armature.health.resources.min-free-disk", "1B")).build()) {
            system.events()
                    .subscribe(
                            HealthEvent.CheckStatusChanged.class,
                            e -> checks.add(e.payload().check()));
            system.start();
            time.advance(Duration.ZERO);
            String check = "";
            for (int i = 0; i < 10 && !check.equals("resources.disk"); i++) {
                check = next(checks);
            }
            assertThat(check).isEqualTo("resources.disk");
            HealthReport report = system.service(Health.class).report();
            assertThat(report.checks()).containsKeys("resources.heap", "resources.threads", "resources.disk");
            assertThat(report.groups()).containsKey("tag:resources");
            assertThat(report.check("resources.disk")
                            .orElseThrow()
                            .lastResult()
                            .orElseThrow()
                            .details())
                    .containsKeys("free", "minimum", "path");
            assertThat(String.valueOf(report.check("resources.disk")
                            .orElseThrow()
                            .lastResult()
                            .orElseThrow()
                            .details()
                            .get("path")))
                    .as("the disk of the system's data directory, which components learn from their context")
                    .isEqualTo(dataDirectory.toAbsolutePath().toString());
        }
    }

    @Test
    void an_open_circuit_degrades_the_system_through_the_built_in_circuits_check() throws Exception {
        BlockingQueue<HealthStatus> circuits = new LinkedBlockingQueue<>();
        CountDownLatch componentsRan = new CountDownLatch(1);
        try (AgentSystem system =
                builder(Map.of("armature.health.resources.enabled", "false")).build()) {
            system.events().subscribe(HealthEvent.CheckStatusChanged.class, e -> {
                if (e.payload().check().equals("circuits")) {
                    circuits.add(e.payload().to());
                } else if (e.payload().check().equals("components")) {
                    componentsRan.countDown();
                }
            });
            system.start();
            time.advance(Duration.ZERO);
            assertThat(circuits.poll(WAIT_SECONDS, TimeUnit.SECONDS)).isEqualTo(HealthStatus.UP);
            // The two built-in checks run side by side; wait for the other one's first run too.
            assertThat(componentsRan.await(WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
            assertThat(system.service(Health.class)
                            .report()
                            .check("components")
                            .orElseThrow()
                            .lastResult())
                    .isPresent();

            system.events()
                    .publish(
                            "guard",
                            new GuardEvent.CircuitStateChanged(
                                    "model.chat",
                                    Optional.empty(),
                                    CircuitState.CLOSED,
                                    CircuitState.OPEN,
                                    "50% failed"));
            // The event reaches the check on the bus's thread; advance until a run has seen it.
            HealthStatus seen = HealthStatus.UP;
            for (int i = 0; i < 100 && seen == HealthStatus.UP; i++) {
                time.advance(Duration.ofSeconds(5));
                HealthStatus next = circuits.poll(1, TimeUnit.SECONDS);
                seen = next == null ? seen : next;
            }
            assertThat(seen).isEqualTo(HealthStatus.DEGRADED);
            HealthReport report = system.service(Health.class).report();
            assertThat(report.status()).isEqualTo(HealthStatus.DEGRADED);
            assertThat(report.check("circuits")
                            .orElseThrow()
                            .lastResult()
                            .orElseThrow()
                            .details())
                    .containsEntry("model.chat", "OPEN");
        }
    }

    @Test
    void a_liveness_probe_of_a_component_that_goes_down_has_the_supervisor_restart_it() throws Exception {
        AtomicInteger starts = new AtomicInteger();
        Component worker = new Component() {
            @Override
            public ComponentDescriptor descriptor() {
                return ComponentDescriptor.builder("worker")
                        .restartPolicy(RestartPolicy.DEFAULT.withBackoff(Backoff.fixed(Duration.ofSeconds(1))))
                        .build();
            }

            @Override
            public void start(ComponentContext context) {
                starts.incrementAndGet();
            }

            @Override
            public void stop() {}
        };
        AtomicReference<CheckOutcome> ping = new AtomicReference<>(CheckOutcome.down("no answer on the socket"));
        BlockingQueue<String> states = new LinkedBlockingQueue<>();
        try (AgentSystem system = builder(Map.of(
                        "armature.health.resources.enabled", "false", "armature.health.components.enabled", "false"))
                .component(worker)
                .plugin(probes(
                        new AtomicReference<>(CheckOutcome.up()),
                        HealthProbe.of(
                                CheckSpec.builder("worker.ping")
                                        .kind(CheckKind.LIVENESS)
                                        .component("worker")
                                        .failureThreshold(1)
                                        .build(),
                                () -> java.util.Objects.requireNonNull(ping.get()))))
                .build()) {
            system.events().subscribe(ComponentEvent.StateChanged.class, e -> {
                if (e.payload().component().equals("worker")) {
                    states.add(e.payload().to() + " " + e.payload().generation()
                            + e.payload().cause().map(f -> " " + f.message()).orElse(""));
                }
            });
            system.start();
            time.advance(Duration.ZERO);
            String restarting = "";
            for (int i = 0; i < 10 && !restarting.startsWith("RESTARTING"); i++) {
                restarting = next(states);
            }
            assertThat(restarting)
                    .isEqualTo("RESTARTING 1 liveness probe 'worker.ping' is DOWN: no answer on the socket");
            ping.set(CheckOutcome.up());
            time.advance(Duration.ofSeconds(1));
            String running = "";
            for (int i = 0; i < 10 && !running.equals("RUNNING 2"); i++) {
                running = next(states);
            }
            assertThat(running).isEqualTo("RUNNING 2");
            assertThat(starts).hasValue(2);
        }
    }

    @Test
    void a_checks_history_survives_a_restart_of_the_system() throws Exception {
        AtomicReference<CheckOutcome> cache = new AtomicReference<>(CheckOutcome.up());
        // Persistence is on by default: nothing here asks for it.
        Map<String, String> properties =
                Map.of("armature.health.resources.enabled", "false", "armature.health.components.enabled", "false");
        for (int life = 1; life <= 2; life++) {
            BlockingQueue<String> checks = new LinkedBlockingQueue<>();
            try (AgentSystem system = builder(properties).plugin(probes(cache)).build()) {
                system.events()
                        .subscribe(
                                HealthEvent.CheckStatusChanged.class,
                                e -> checks.add(
                                        e.payload().check() + ":" + e.payload().to()));
                system.start();
                Health health = system.service(Health.class);
                if (life == 2) {
                    // Restored before the first run: the last life's results and status are there.
                    assertThat(health.history("cache").orElseThrow().results()).hasSize(1);
                    assertThat(health.report().check("cache").orElseThrow().status())
                            .isEqualTo(HealthStatus.UP);
                    cache.set(CheckOutcome.down("cold"));
                }
                time.advance(Duration.ZERO);
                if (life == 1) {
                    assertThat(List.of(next(checks), next(checks))).containsExactlyInAnyOrder("cache:UP", "db:UP");
                } else {
                    assertThat(next(checks)).isEqualTo("cache:DOWN");
                    assertThat(health.history("cache").orElseThrow().transitions())
                            .extracting(t -> t.to())
                            .containsExactly(HealthStatus.UP, HealthStatus.DOWN);
                }
            }
        }
    }

    @Test
    void the_checker_publishes_meters_of_its_statuses_and_run_durations_and_removes_them_at_stop() throws Exception {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        AtomicReference<CheckOutcome> cache = new AtomicReference<>(CheckOutcome.up());
        BlockingQueue<String> checks = new LinkedBlockingQueue<>();
        try (AgentSystem system = builder(Map.of(
                        "armature.health.resources.enabled", "false", "armature.health.components.enabled", "false"))
                .extension(MicrometerExtension.registry(registry))
                .plugin(probes(cache))
                .build()) {
            system.events()
                    .subscribe(
                            HealthEvent.CheckStatusChanged.class,
                            e -> checks.add(
                                    e.payload().check() + ":" + e.payload().to()));
            system.start();
            time.advance(Duration.ZERO);
            assertThat(List.of(next(checks), next(checks))).containsExactlyInAnyOrder("cache:UP", "db:UP");
            assertThat(registry.get("armature.health.status")
                            .tag("check", "db")
                            .gauge()
                            .value())
                    .isEqualTo(3.0);
            assertThat(registry.get("armature.health.group.status")
                            .tag("group", "component:store")
                            .gauge()
                            .value())
                    .isEqualTo(3.0);
            assertThat(registry.get("armature.health.system.status").gauge().value())
                    .isEqualTo(3.0);
            assertThat(registry.get("armature.health.check.duration")
                            .tags("check", "db", "status", "UP")
                            .timer()
                            .count())
                    .isEqualTo(1);

            cache.set(CheckOutcome.down("evicted everything"));
            time.advance(CheckSpec.DEFAULT_INTERVAL);
            assertThat(next(checks)).isEqualTo("cache:DOWN");
            assertThat(registry.get("armature.health.status")
                            .tag("check", "cache")
                            .gauge()
                            .value())
                    .isEqualTo(0.0);
            assertThat(registry.get("armature.health.system.status").gauge().value())
                    .as("a non-critical DOWN only degrades the system")
                    .isEqualTo(2.0);
            system.stop();
            assertThat(registry.find("armature.health.status").meters()).isEmpty();
        }
    }

    @Test
    void a_plugins_recommendation_rule_advises_through_the_health_service() throws Exception {
        AtomicReference<CheckOutcome> cache = new AtomicReference<>(CheckOutcome.down("cold"));
        Plugin advice = TestPlugin.of("cache-advice", context -> {
            context.contribute(
                    RecommendationRule.class,
                    RecommendationRule.of(
                            "cache-cold",
                            check -> check.name().equals("cache") && check.status() == HealthStatus.DOWN
                                    ? List.of(new Recommendation(
                                            "cache-cold:cache",
                                            check.name(),
                                            Recommendation.Severity.WARNING,
                                            "the cache is cold; warm it before taking traffic",
                                            Optional.of(Recommendation.Action.manual("warm the cache")),
                                            Map.of()))
                                    : List.of()));
        });
        BlockingQueue<String> checks = new LinkedBlockingQueue<>();
        try (AgentSystem system = builder(Map.of(
                        "armature.health.resources.enabled", "false", "armature.health.components.enabled", "false"))
                .plugin(probes(cache))
                .plugin(advice)
                .build()) {
            system.events()
                    .subscribe(
                            HealthEvent.CheckStatusChanged.class,
                            e -> checks.add(
                                    e.payload().check() + ":" + e.payload().to()));
            system.start();
            time.advance(Duration.ZERO);
            assertThat(List.of(next(checks), next(checks))).containsExactlyInAnyOrder("cache:DOWN", "db:UP");
            assertThat(system.service(Health.class).recommendations())
                    .extracting(Recommendation::id)
                    .containsExactly("cache-cold:cache");
        }
    }
}

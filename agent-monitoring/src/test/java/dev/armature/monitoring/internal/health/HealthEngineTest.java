package dev.armature.monitoring.internal.health;

import static dev.armature.api.health.HealthStatus.DEGRADED;
import static dev.armature.api.health.HealthStatus.DOWN;
import static dev.armature.api.health.HealthStatus.UNKNOWN;
import static dev.armature.api.health.HealthStatus.UP;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.armature.api.health.CheckOutcome;
import dev.armature.api.health.CheckReport;
import dev.armature.api.health.CheckSpec;
import dev.armature.api.health.Criticality;
import dev.armature.api.health.HealthCheckException;
import dev.armature.api.health.HealthEvent;
import dev.armature.core.time.ManualTime;
import dev.armature.spi.health.HealthProbe;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The engine on virtual time with probes run on the scheduler's thread, so every step is exact. */
class HealthEngineTest {
    private final ManualTime time = ManualTime.create();
    private final List<HealthEvent> events = new CopyOnWriteArrayList<>();

    private HealthEngine engine(Executor executor, HealthProbe... probes) {
        return new HealthEngine(
                List.of(probes),
                CheckTracker.Settings.DEFAULTS,
                StatusAggregator.defaults(),
                time,
                time,
                executor,
                events::add,
                (check, result) -> {});
    }

    private static HealthProbe probe(CheckSpec spec, AtomicReference<CheckOutcome> outcome, AtomicInteger calls) {
        return HealthProbe.of(spec, () -> {
            calls.incrementAndGet();
            return java.util.Objects.requireNonNull(outcome.get());
        });
    }

    @Test
    void checks_run_at_once_then_every_interval_and_slower_while_unhealthy() {
        AtomicReference<CheckOutcome> outcome = new AtomicReference<>(CheckOutcome.up());
        AtomicInteger calls = new AtomicInteger();
        CheckSpec spec = CheckSpec.builder("db")
                .interval(Duration.ofSeconds(10))
                .unhealthyInterval(Duration.ofSeconds(60))
                .failureThreshold(1)
                .build();
        try (HealthEngine engine = engine(Runnable::run, probe(spec, outcome, calls))) {
            assertThat(engine.report().status()).isEqualTo(UNKNOWN);
            engine.start();
            time.advance(Duration.ZERO);
            assertThat(calls).hasValue(1);
            assertThat(engine.report().status()).isEqualTo(UP);
            time.advance(Duration.ofSeconds(10));
            assertThat(calls).hasValue(2);
            outcome.set(CheckOutcome.down("connection refused"));
            time.advance(Duration.ofSeconds(10));
            assertThat(calls).hasValue(3);
            CheckReport db = engine.report().check("db").orElseThrow();
            assertThat(db.status()).isEqualTo(DOWN);
            assertThat(db.lastResult().orElseThrow().error()).contains("connection refused");
            time.advance(Duration.ofSeconds(59));
            assertThat(calls).as("the unhealthy interval is 60s").hasValue(3);
            time.advance(Duration.ofSeconds(1));
            assertThat(calls).hasValue(4);
        }
    }

    @Test
    void transitions_of_a_check_and_of_the_system_are_published() {
        AtomicReference<CheckOutcome> outcome = new AtomicReference<>(CheckOutcome.up());
        CheckSpec spec =
                CheckSpec.builder("db").component("store").failureThreshold(1).build();
        try (HealthEngine engine = engine(Runnable::run, probe(spec, outcome, new AtomicInteger()))) {
            engine.start();
            time.advance(Duration.ZERO);
            outcome.set(CheckOutcome.down("gone"));
            time.advance(CheckSpec.DEFAULT_INTERVAL);
        }
        assertThat(events)
                .containsExactly(
                        new HealthEvent.CheckStatusChanged(
                                "db",
                                java.util.Optional.of("store"),
                                spec.kind(),
                                Criticality.CRITICAL,
                                UNKNOWN,
                                UP,
                                false,
                                java.util.Optional.empty(),
                                ManualTime.DEFAULT_START),
                        new HealthEvent.SystemStatusChanged(UNKNOWN, UP, ManualTime.DEFAULT_START),
                        new HealthEvent.CheckStatusChanged(
                                "db",
                                java.util.Optional.of("store"),
                                spec.kind(),
                                Criticality.CRITICAL,
                                UP,
                                DOWN,
                                false,
                                java.util.Optional.of("gone"),
                                ManualTime.DEFAULT_START.plus(CheckSpec.DEFAULT_INTERVAL)),
                        new HealthEvent.SystemStatusChanged(
                                UP, DOWN, ManualTime.DEFAULT_START.plus(CheckSpec.DEFAULT_INTERVAL)));
    }

    @Test
    void a_non_critical_down_makes_the_system_degraded_and_groups_follow_components_and_tags() {
        CheckSpec cache = CheckSpec.builder("cache")
                .criticality(Criticality.NON_CRITICAL)
                .component("store")
                .addTag("storage")
                .build();
        CheckSpec db =
                CheckSpec.builder("db").component("store").addTag("storage").build();
        CheckSpec model = CheckSpec.builder("model").addTag("ai").build();
        try (HealthEngine engine = engine(
                Runnable::run,
                probe(cache, new AtomicReference<>(CheckOutcome.down("evicted")), new AtomicInteger()),
                probe(db, new AtomicReference<>(CheckOutcome.up()), new AtomicInteger()),
                probe(model, new AtomicReference<>(CheckOutcome.up()), new AtomicInteger()))) {
            engine.start();
            time.advance(Duration.ZERO);
            assertThat(engine.report().status()).isEqualTo(DEGRADED);
            assertThat(engine.report().check("cache").orElseThrow().status()).isEqualTo(DOWN);
            assertThat(engine.report().groups())
                    .containsEntry("component:store", DEGRADED)
                    .containsEntry("tag:storage", DEGRADED)
                    .containsEntry("tag:ai", UP);
            assertThat(engine.report("tag:ai").orElseThrow().checks()).containsOnlyKeys("model");
            assertThat(engine.report("tag:none")).isEmpty();
        }
    }

    @Test
    void a_probe_that_throws_or_returns_nothing_is_down_and_secret_details_are_masked() {
        CheckSpec throwing = CheckSpec.builder("throwing").build();
        CheckSpec empty = CheckSpec.builder("empty").build();
        CheckSpec secret = CheckSpec.builder("secret").build();
        HealthProbe nothing = new HealthProbe() {
            @Override
            public CheckSpec spec() {
                return empty;
            }

            @Override
            @SuppressWarnings("NullAway") // the contract's breach under test
            public CheckOutcome probe() {
                return null;
            }
        };
        try (HealthEngine engine = engine(
                Runnable::run,
                HealthProbe.of(throwing, () -> {
                    throw new java.io.IOException("disk on fire");
                }),
                nothing,
                HealthProbe.of(
                        secret,
                        () -> CheckOutcome.up().withDetail("apiToken", "s3cr3t").withDetail("host", "db1")))) {
            engine.start();
            time.advance(Duration.ZERO);
            var report = engine.report();
            assertThat(report.check("throwing")
                            .orElseThrow()
                            .lastResult()
                            .orElseThrow()
                            .error())
                    .contains("IOException: disk on fire");
            assertThat(report.check("empty").orElseThrow().status()).isEqualTo(DOWN);
            assertThat(report.check("secret")
                            .orElseThrow()
                            .lastResult()
                            .orElseThrow()
                            .details())
                    .containsEntry("apiToken", "******")
                    .containsEntry("host", "db1");
        }
    }

    @Test
    void a_run_that_outlasts_twice_the_interval_leaves_the_check_stale_until_its_timeout() {
        List<Runnable> held = new ArrayList<>();
        CheckSpec spec = CheckSpec.builder("slow")
                .interval(Duration.ofSeconds(1))
                .timeout(Duration.ofSeconds(5))
                .build();
        try (HealthEngine engine =
                engine(held::add, probe(spec, new AtomicReference<>(CheckOutcome.up()), new AtomicInteger()))) {
            engine.start();
            time.advance(Duration.ZERO);
            assertThat(held).hasSize(1);
            time.advance(Duration.ofSeconds(2));
            assertThat(engine.report().check("slow").orElseThrow().stale()).isFalse();
            time.advance(Duration.ofMillis(1));
            assertThat(engine.report().check("slow").orElseThrow().stale()).isTrue();
            time.advance(Duration.ofSeconds(3));
            CheckReport slow = engine.report().check("slow").orElseThrow();
            assertThat(slow.stale()).isFalse();
            assertThat(slow.status()).isEqualTo(DOWN);
            assertThat(slow.lastResult().orElseThrow().timedOut()).isTrue();
            assertThat(slow.lastResult().orElseThrow().duration()).isEqualTo(Duration.ofSeconds(5));
        }
    }

    @Test
    void two_probes_with_one_name_are_refused_naming_the_check() {
        CheckSpec spec = CheckSpec.builder("db").build();
        HealthProbe a = HealthProbe.of(spec, CheckOutcome::up);
        HealthProbe b = HealthProbe.of(spec, CheckOutcome::up);
        assertThatThrownBy(() -> engine(Runnable::run, a, b))
                .isInstanceOfSatisfying(
                        HealthCheckException.class, e -> assertThat(e.check()).isEqualTo("db"))
                .hasMessageContaining("Two health probes are named 'db'");
    }

    @Test
    void history_is_served_per_check() {
        CheckSpec spec = CheckSpec.builder("db").build();
        try (HealthEngine engine = engine(Runnable::run, HealthProbe.of(spec, CheckOutcome::up))) {
            engine.start();
            time.advance(Duration.ZERO);
            time.advance(CheckSpec.DEFAULT_INTERVAL);
            assertThat(engine.history("db").orElseThrow().results()).hasSize(2);
            assertThat(engine.history("db").orElseThrow().availability()).hasValue(100.0);
            assertThat(engine.history("nope")).isEmpty();
        }
    }

    /** A store in memory, as the state store would keep it. */
    private static final class MemoryStore implements HealthEngine.Store {
        final java.util.Map<String, byte[]> saved = new java.util.concurrent.ConcurrentHashMap<>();

        @Override
        public java.util.Optional<byte[]> load(String check) {
            return java.util.Optional.ofNullable(saved.get(check));
        }

        @Override
        public void save(String check, byte[] state) {
            saved.put(check, state.clone());
        }
    }

    @Test
    void histories_are_saved_on_their_interval_and_at_close_and_restored_by_the_next_engine() {
        MemoryStore store = new MemoryStore();
        CheckSpec spec = CheckSpec.builder("db").failureThreshold(1).build();
        AtomicReference<CheckOutcome> outcome = new AtomicReference<>(CheckOutcome.up());
        try (HealthEngine engine = engine(Runnable::run, probe(spec, outcome, new AtomicInteger()))) {
            engine.start(store, Duration.ofSeconds(30));
            time.advance(Duration.ZERO);
            assertThat(store.saved).isEmpty();
            time.advance(Duration.ofSeconds(30));
            assertThat(store.saved).containsOnlyKeys("db");
            outcome.set(CheckOutcome.down("gone").withDetail("password", "hunter2"));
            time.advance(CheckSpec.DEFAULT_INTERVAL);
        }
        try (HealthEngine engine = engine(Runnable::run, probe(spec, outcome, new AtomicInteger()))) {
            engine.start(store, Duration.ofSeconds(30));
            var history = engine.history("db").orElseThrow();
            assertThat(history.results()).hasSize(5);
            assertThat(history.results().get(4).details()).containsEntry("password", "******");
            assertThat(history.transitions()).extracting(t -> t.to()).containsExactly(UP, DOWN);
            assertThat(engine.report().check("db").orElseThrow().status()).isEqualTo(DOWN);
        }
    }

    @Test
    void an_unreadable_history_is_skipped_and_the_check_starts_empty() {
        MemoryStore store = new MemoryStore();
        store.saved.put("db", new byte[] {0, 0, 0, 1, 0, 0, 0, 99});
        store.saved.put("other", new byte[] {0, 0, 0, 7});
        CheckSpec spec = CheckSpec.builder("db").build();
        try (HealthEngine engine = engine(Runnable::run, HealthProbe.of(spec, CheckOutcome::up))) {
            engine.start(store, Duration.ofSeconds(30));
            assertThat(engine.history("db").orElseThrow().results()).isEmpty();
            time.advance(Duration.ZERO);
            assertThat(engine.report().check("db").orElseThrow().status()).isEqualTo(UP);
        }
    }
}

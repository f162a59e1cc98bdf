package dev.armature.core.functional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.armature.api.AgentSystem;
import dev.armature.api.Backoff;
import dev.armature.api.ComponentDescriptor;
import dev.armature.api.ComponentEvent;
import dev.armature.api.ComponentSnapshot;
import dev.armature.api.ComponentState;
import dev.armature.api.RestartPolicy;
import dev.armature.api.health.CheckKind;
import dev.armature.api.health.HealthCheck;
import dev.armature.api.health.HealthStatus;
import dev.armature.api.time.RandomSource;
import dev.armature.core.internal.incident.IncidentsPlugin;
import dev.armature.core.time.ManualTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/**
 * Health checks on virtual time, one interval at a time. After the check under test, the component
 * has a diagnostic "round" check that alternates UP and DEGRADED, so every evaluation publishes a
 * HealthChanged event: waiting for it tells the test that the round has been applied (and, events
 * arriving in publication order, that the check under test's events have arrived) before time
 * moves on.
 */
class LivenessTest {
    private static final Duration INTERVAL = Duration.ofSeconds(1);
    // Not a multiple of the interval, so that no health round coincides with the restart.
    private static final Duration BACKOFF = Duration.ofMillis(10_500);

    /** A check whose result the test supplies. */
    @FunctionalInterface
    private interface Result {
        @Nullable
        HealthStatus get() throws Exception;
    }

    private static HealthCheck check(String name, CheckKind kind, Result result) {
        return new HealthCheck() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public CheckKind kind() {
                return kind;
            }

            @Override
            @SuppressWarnings("NullAway") // deliberately breaks the contract where a test asks it to
            public HealthStatus check() throws Exception {
                return result.get();
            }
        };
    }

    private static final class Checked implements AutoCloseable {
        final ManualTime time = ManualTime.create();
        final AtomicInteger rounds = new AtomicInteger();
        final TestComponent worker;
        final AgentSystem system;
        final EventProbe probe;

        Checked(HealthCheck underTest) {
            HealthCheck round = check(
                    "round",
                    CheckKind.DIAGNOSTIC,
                    () -> rounds.incrementAndGet() % 2 == 1 ? HealthStatus.UP : HealthStatus.DEGRADED);
            worker = new TestComponent(ComponentDescriptor.builder("worker")
                            .restartPolicy(RestartPolicy.DEFAULT.withBackoff(Backoff.fixed(BACKOFF)))
                            .build())
                    .healthChecks(List.of(underTest, round));
            system = AgentSystem.builder()
                    .disablePlugin(IncidentsPlugin.ID) // the test counts its own components only
                    .timeSource(time)
                    .randomSource(RandomSource.seeded(1))
                    .healthCheckInterval(INTERVAL)
                    .component(worker)
                    .build();
            probe = EventProbe.on(system);
            system.start();
        }

        /** Moves time one interval on and waits until that round's results have been applied. */
        void nextRound() throws InterruptedException {
            int round = rounds.get() + 1;
            time.advance(INTERVAL);
            HealthStatus expected = round % 2 == 1 ? HealthStatus.UP : HealthStatus.DEGRADED;
            probe.await(ComponentEvent.HealthChanged.class, e -> e.check().equals("round") && e.to() == expected);
            assertThat(rounds.get()).isEqualTo(round);
        }

        ComponentSnapshot snapshot() {
            return system.snapshot().components().get(0);
        }

        List<ComponentEvent.HealthChanged> changesOf(String check) {
            probe.drainDelivered();
            return probe.seen(ComponentEvent.HealthChanged.class).stream()
                    .filter(e -> e.check().equals(check))
                    .toList();
        }

        @Override
        public void close() {
            probe.close();
            system.close();
        }
    }

    @Test
    void a_liveness_check_down_for_its_threshold_of_consecutive_rounds_restarts_the_component() throws Exception {
        HealthCheck alive = check("alive", CheckKind.LIVENESS, () -> HealthStatus.DOWN);
        assertThat(alive.failureThreshold()).isEqualTo(3);
        try (Checked c = new Checked(alive)) {
            c.nextRound();
            c.nextRound();
            assertThat(c.snapshot().state()).isEqualTo(ComponentState.RUNNING);
            assertThat(c.snapshot().health()).isEqualTo(HealthStatus.DOWN);

            c.time.advance(INTERVAL);
            ComponentEvent.StateChanged restarting = c.probe.awaitState("worker", ComponentState.RESTARTING);

            assertThat(c.rounds.get()).isEqualTo(3);
            assertThat(restarting.cause()).hasValueSatisfying(f -> {
                assertThat(f.type()).isEqualTo("liveness");
                assertThat(f.message()).contains("'alive'", "3 consecutive");
            });
            ComponentEvent.RestartScheduled scheduled =
                    c.probe.seen(ComponentEvent.RestartScheduled.class).get(0);
            assertThat(scheduled.delay()).isEqualTo(BACKOFF);
            c.time.advance(BACKOFF);
            c.probe.await(
                    ComponentEvent.StateChanged.class, e -> e.to() == ComponentState.RUNNING && e.generation() == 2);
            assertThat(c.worker.starts()).isEqualTo(2);
            assertThat(c.changesOf("alive"))
                    .extracting(ComponentEvent.HealthChanged::from, ComponentEvent.HealthChanged::to)
                    .containsExactly(tuple(HealthStatus.UNKNOWN, HealthStatus.DOWN));
        }
    }

    @Test
    void a_check_outside_the_component_that_reports_it_not_live_restarts_it_like_its_own_check() throws Exception {
        HealthCheck alive = check("alive", CheckKind.LIVENESS, () -> HealthStatus.UP);
        try (Checked c = new Checked(alive)) {
            c.nextRound();
            assertThatThrownBy(() -> c.system.reportNotLive("nobody", "probe"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("no component is named 'nobody'")
                    .hasMessageContaining("[worker]");

            c.system.reportNotLive("worker", "probe 'worker.ping' was DOWN 3 times");

            ComponentEvent.StateChanged restarting = c.probe.awaitState("worker", ComponentState.RESTARTING);
            assertThat(restarting.cause()).hasValueSatisfying(f -> {
                assertThat(f.type()).isEqualTo("liveness");
                assertThat(f.message()).isEqualTo("probe 'worker.ping' was DOWN 3 times");
            });
            c.time.advance(BACKOFF);
            c.probe.await(
                    ComponentEvent.StateChanged.class, e -> e.to() == ComponentState.RUNNING && e.generation() == 2);
            assertThat(c.worker.starts()).isEqualTo(2);
        }
    }

    @Test
    void a_down_result_between_up_results_starts_the_count_again() throws Exception {
        List<HealthStatus> script = new ArrayList<>(
                List.of(HealthStatus.DOWN, HealthStatus.DOWN, HealthStatus.UP, HealthStatus.DOWN, HealthStatus.DOWN));
        HealthCheck alive =
                check("alive", CheckKind.LIVENESS, () -> script.isEmpty() ? HealthStatus.UP : script.remove(0));
        try (Checked c = new Checked(alive)) {
            for (int i = 0; i < 6; i++) {
                c.nextRound();
            }
            c.probe.drainDelivered();
            assertThat(c.probe.seen(ComponentEvent.RestartScheduled.class)).isEmpty();
            assertThat(c.snapshot().state()).isEqualTo(ComponentState.RUNNING);
            assertThat(c.worker.starts()).isEqualTo(1);
        }
    }

    @Test
    void a_readiness_check_that_stays_down_never_restarts_anything() throws Exception {
        HealthCheck ready = check("ready", CheckKind.READINESS, () -> HealthStatus.DOWN);
        try (Checked c = new Checked(ready)) {
            for (int i = 0; i < 10; i++) {
                c.nextRound();
            }

            assertThat(c.snapshot().state()).isEqualTo(ComponentState.RUNNING);
            assertThat(c.snapshot().health()).isEqualTo(HealthStatus.DOWN);
            assertThat(c.worker.starts()).isEqualTo(1);
            assertThat(c.probe.seen(ComponentEvent.RestartScheduled.class)).isEmpty();
            assertThat(c.changesOf("ready")).singleElement().satisfies(e -> assertThat(e.to())
                    .isEqualTo(HealthStatus.DOWN));
        }
    }

    @Test
    void a_check_that_throws_counts_as_down_and_says_why() throws Exception {
        HealthCheck alive = check("alive", CheckKind.LIVENESS, () -> {
            throw new IllegalStateException("endpoint unreachable");
        });
        try (Checked c = new Checked(alive)) {
            c.nextRound();

            assertThat(c.changesOf("alive")).singleElement().satisfies(e -> {
                assertThat(e.to()).isEqualTo(HealthStatus.DOWN);
                assertThat(e.detail()).hasValueSatisfying(f -> {
                    assertThat(f.type()).isEqualTo(IllegalStateException.class.getName());
                    assertThat(f.message()).isEqualTo("endpoint unreachable");
                });
            });
            c.nextRound();
            c.time.advance(INTERVAL);
            c.probe.awaitState("worker", ComponentState.RESTARTING);
        }
    }

    @Test
    void a_check_that_returns_null_counts_as_down_and_says_why() throws Exception {
        HealthCheck ready = check("ready", CheckKind.READINESS, () -> null);
        try (Checked c = new Checked(ready)) {
            c.nextRound();

            assertThat(c.changesOf("ready")).singleElement().satisfies(e -> {
                assertThat(e.to()).isEqualTo(HealthStatus.DOWN);
                assertThat(e.detail())
                        .hasValueSatisfying(f -> assertThat(f.message()).contains("'ready'", "returned null"));
            });
        }
    }
}

package dev.armature.core.functional;

import static dev.armature.core.internal.incident.runbook.Fixtures.incident;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.armature.api.AgentSystem;
import dev.armature.api.ComponentDescriptor;
import dev.armature.api.ComponentState;
import dev.armature.api.IllegalLifecycleException;
import dev.armature.api.config.ConfigUpdate;
import dev.armature.api.incident.RunbookRun;
import dev.armature.api.resilience.CircuitState;
import dev.armature.api.resilience.Guard;
import dev.armature.api.resilience.GuardRejectedException;
import dev.armature.core.internal.incident.runbook.RecordingJournal;
import dev.armature.core.internal.incident.runbook.RunbookRunner;
import dev.armature.core.internal.orchestrator.DefaultAgentSystem;
import dev.armature.core.time.ManualTime;
import dev.armature.spi.incident.Runbook;
import dev.armature.spi.incident.RunbookAction;
import dev.armature.spi.incident.RunbookActions;
import dev.armature.spi.incident.RunbookContext;
import dev.armature.spi.incident.RunbookStep;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The built-in runbook actions against a real system: {@code core} is essential, {@code indexer}
 * (which needs core) is not, and {@code model.chat} is a guard whose circuit trips after two
 * failures and which safe mode opens.
 */
class RunbookActionsTest {
    @TempDir
    @SuppressWarnings("NullAway.Init") // injected by JUnit before each test
    Path dir;

    private final ManualTime time = ManualTime.create();
    private final RecordingJournal journal = new RecordingJournal();
    private final TestComponent core = new TestComponent(ComponentDescriptor.of("core"));
    private final TestComponent indexer = new TestComponent(ComponentDescriptor.builder("indexer")
            .dependsOn("core")
            .essential(false)
            .build());

    private AgentSystem system(Map<String, String> extra) {
        Map<String, String> properties = new HashMap<>(Map.of(
                "armature.emergency.safe-mode.open-guards", "model.chat",
                "armature.guards.model.chat.retry.max-attempts", "1",
                "armature.guards.model.chat.circuit-breaker.consecutive-failures", "2",
                "armature.guards.model.chat.circuit-breaker.wait-in-open", "10m"));
        properties.putAll(extra);
        return AgentSystem.builder()
                .timeSource(time)
                .scheduler(time)
                .dataDirectory(dir)
                .healthCheckInterval(Duration.ofHours(1))
                .environment(Map.of())
                .systemProperties(properties)
                .component(core)
                .component(indexer)
                .build();
    }

    private AgentSystem system() {
        return system(Map.of());
    }

    /** Runs one action as a one-step runbook and returns the run as it ended. */
    private RunbookRun run(AgentSystem system, RunbookAction action) throws Exception {
        RunbookRunner runner = new RunbookRunner(system, ((DefaultAgentSystem) system).workers(), time, time, journal);
        Runbook runbook = Runbook.builder("one-action")
                .step(RunbookStep.action("act", action))
                .build();
        return runner.start(runbook, incident("INC-1"))
                .completion()
                .toCompletableFuture()
                .get(10, TimeUnit.SECONDS);
    }

    private static String detail(RunbookRun run) {
        return run.steps().get(0).detail();
    }

    @Test
    void restart_component_stops_and_starts_a_running_component_as_its_restart_strategy_says() throws Exception {
        try (AgentSystem system = system();
                EventProbe probe = EventProbe.on(system)) {
            system.start();

            RunbookRun run = run(system, RunbookActions.restartComponent("core"));

            assertThat(run.state()).isEqualTo(RunbookRun.State.SUCCEEDED);
            assertThat(detail(run)).isEqualTo("restarting component core");
            probe.awaitStateEver("core", ComponentState.RESTARTING);
            probe.awaitEver(
                    dev.armature.api.ComponentEvent.StateChanged.class,
                    e -> e.component().equals("core") && e.to() == ComponentState.RUNNING && e.generation() == 2);
            assertThat(core.starts()).isEqualTo(2);
            assertThat(core.stops()).isEqualTo(1);
            // The default strategy is one-for-one: core's dependent keeps running.
            assertThat(indexer.starts()).isEqualTo(1);
            assertThat(probe.seen(dev.armature.api.ComponentEvent.RestartScheduled.class))
                    .as("an explicit restart is not a failure the supervisor schedules")
                    .isEmpty();
        }
    }

    @Test
    void restart_starts_a_failed_component_again_and_refuses_what_it_cannot_do() throws Exception {
        TestComponent flaky = new TestComponent(
                ComponentDescriptor.builder("flaky").optional(true).build());
        flaky.onStart(c -> {
            if (flaky.starts() == 1) {
                throw new IllegalStateException("first start fails");
            }
        });
        try (AgentSystem system = AgentSystem.builder()
                        .timeSource(time)
                        .scheduler(time)
                        .dataDirectory(dir)
                        .healthCheckInterval(Duration.ofHours(1))
                        .environment(Map.of())
                        .systemProperties(Map.of())
                        .component(flaky)
                        .build();
                EventProbe probe = EventProbe.on(system)) {
            assertThatThrownBy(() -> system.restart("flaky", "too early"))
                    .isInstanceOf(IllegalLifecycleException.class);
            system.start();
            probe.awaitStateEver("flaky", ComponentState.FAILED);

            assertThat(system.restart("flaky", "fixed the disk")).isTrue();

            probe.awaitEver(
                    dev.armature.api.ComponentEvent.StateChanged.class,
                    e -> e.component().equals("flaky") && e.to() == ComponentState.RUNNING);
            assertThat(flaky.starts()).isEqualTo(2);
            assertThatThrownBy(() -> system.restart("nobody", "typo"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("no component is named 'nobody'");
            RunbookRun unknown = run(system, RunbookActions.restartComponent("nobody"));
            assertThat(unknown.state()).isEqualTo(RunbookRun.State.FAILED);
            assertThat(detail(unknown)).contains("no component is named 'nobody'");
        }
    }

    @Test
    void restart_of_a_component_safe_mode_keeps_stopped_is_refused() throws Exception {
        try (AgentSystem system = system();
                EventProbe probe = EventProbe.on(system)) {
            system.start();
            system.emergency().enterSafeMode("incident INC-1");
            probe.awaitStateEver("indexer", ComponentState.STOPPED);

            assertThatThrownBy(() -> system.restart("indexer", "try anyway"))
                    .isInstanceOf(IllegalLifecycleException.class)
                    .hasMessageContaining("exit safe mode first");
        }
    }

    @Test
    void open_circuit_forces_it_open_and_safe_mode_ending_does_not_release_the_runbooks_hold() throws Exception {
        try (AgentSystem system = system()) {
            system.start();
            Guard chat = system.guard("model.chat");

            RunbookRun opened = run(system, RunbookActions.openCircuit("model.chat"));
            assertThat(detail(opened)).isEqualTo("forced the circuit of guard model.chat open");
            assertThat(chat.circuitState()).isEqualTo(CircuitState.FORCED_OPEN);
            assertThatThrownBy(() -> chat.call(() -> "unreached"))
                    .isInstanceOf(GuardRejectedException.class)
                    .hasMessageContaining("runbook for incident INC-1");
            assertThat(detail(run(system, RunbookActions.openCircuit("model.chat"))))
                    .as("idempotent")
                    .isEqualTo("the circuit of guard model.chat was already held open by a runbook");

            system.emergency().enterSafeMode("incident INC-1");
            system.emergency().exitSafeMode();
            assertThat(chat.circuitState()).isEqualTo(CircuitState.FORCED_OPEN);

            RunbookRun closed = run(system, RunbookActions.closeCircuit("model.chat"));
            assertThat(detail(closed)).isEqualTo("closed the circuit of guard model.chat; it is now CLOSED");
            assertThat(chat.<String>call(() -> "answered")).isEqualTo("answered");
        }
    }

    @Test
    void closing_a_circuit_leaves_safe_modes_hold_until_safe_mode_ends() throws Exception {
        try (AgentSystem system = system()) {
            system.start();
            Guard chat = system.guard("model.chat");
            system.emergency().enterSafeMode("incident INC-1");

            run(system, RunbookActions.openCircuit("model.chat"));
            RunbookRun closed = run(system, RunbookActions.closeCircuit("model.chat"));
            assertThat(detail(closed)).isEqualTo("closed the circuit of guard model.chat; it is now FORCED_OPEN");
            assertThat(chat.circuitState()).isEqualTo(CircuitState.FORCED_OPEN);

            system.emergency().exitSafeMode();
            assertThat(chat.circuitState()).isEqualTo(CircuitState.CLOSED);
        }
    }

    @Test
    void close_circuit_closes_a_breaker_that_tripped_and_open_circuits_rollback_releases_its_hold() throws Exception {
        try (AgentSystem system = system()) {
            system.start();
            Guard chat = system.guard("model.chat");
            for (int i = 0; i < 2; i++) {
                assertThatThrownBy(() -> chat.call(() -> {
                            throw new IllegalStateException("model down");
                        }))
                        .isInstanceOf(IllegalStateException.class);
            }
            assertThat(chat.circuitState()).isEqualTo(CircuitState.OPEN);

            run(system, RunbookActions.closeCircuit("model.chat"));
            assertThat(chat.circuitState()).isEqualTo(CircuitState.CLOSED);

            RunbookAction open = RunbookActions.openCircuit("model.chat");
            run(system, open);
            RunbookRun released = run(system, open.rollback().orElseThrow());
            assertThat(detail(released))
                    .isEqualTo("released the runbook's hold on the circuit of guard model.chat; it is now CLOSED");
            assertThat(chat.circuitState()).isEqualTo(CircuitState.CLOSED);
        }
    }

    @Test
    void each_holder_of_a_forced_circuit_releases_only_its_own_hold() throws Exception {
        try (AgentSystem system = system();
                EventProbe probe = EventProbe.all(system)) {
            system.start();
            Guard chat = system.guard("model.chat");

            assertThat(chat.forceOpen("host-maintenance", "deploying the model proxy"))
                    .isTrue();
            assertThat(chat.forceOpen("host-maintenance", "again")).isFalse();
            assertThat(chat.forceOpen("runbook", "incident INC-1")).isTrue();
            assertThat(chat.releaseForce("nobody", "not a holder")).isFalse();
            assertThat(chat.releaseForce("host-maintenance", "deployed")).isTrue();
            assertThat(chat.circuitState()).isEqualTo(CircuitState.FORCED_OPEN);
            assertThatThrownBy(() -> chat.call(() -> "unreached")).hasMessageContaining("forced open: incident INC-1");
            assertThat(chat.releaseForce("runbook", "fixed")).isTrue();
            assertThat(chat.circuitState()).isEqualTo(CircuitState.CLOSED);
            assertThatThrownBy(() -> chat.forceOpen(" ", "no holder"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("needs a holder");
            // One event into the forced state and one out of it, however many holders came and went.
            probe.awaitEver(
                    dev.armature.api.resilience.GuardEvent.CircuitStateChanged.class,
                    e -> e.to() == CircuitState.CLOSED);
            assertThat(probe.seen(dev.armature.api.resilience.GuardEvent.CircuitStateChanged.class))
                    .extracting(dev.armature.api.resilience.GuardEvent.CircuitStateChanged::to)
                    .containsExactly(CircuitState.FORCED_OPEN, CircuitState.CLOSED);
        }
    }

    @Test
    void rollback_config_returns_to_an_earlier_version_and_fails_for_one_the_history_lacks() throws Exception {
        try (AgentSystem system = system(Map.of("agent.greeting", "hello"))) {
            system.start();
            long first = system.config().history().get(0).version();
            ConfigUpdate changed = system.config().override(Map.of("agent.greeting", "bonjour"));
            assertThat(changed.outcome()).isEqualTo(ConfigUpdate.Outcome.APPLIED);
            assertThat(system.config().get("agent.greeting", String.class)).isEqualTo("bonjour");

            RunbookRun run = run(system, RunbookActions.rollbackConfig(first));

            assertThat(run.state()).isEqualTo(RunbookRun.State.SUCCEEDED);
            assertThat(detail(run)).startsWith("rolled the configuration back to version " + first);
            assertThat(system.config().get("agent.greeting", String.class)).isEqualTo("hello");
            RunbookRun missing = run(system, RunbookActions.rollbackConfig(999));
            assertThat(missing.state()).isEqualTo(RunbookRun.State.FAILED);
        }
    }

    @Test
    void enter_and_exit_safe_mode() throws Exception {
        try (AgentSystem system = system()) {
            system.start();

            assertThat(detail(run(system, RunbookActions.enterSafeMode()))).isEqualTo("entered safe mode");
            assertThat(system.emergency().safeMode()).hasValueSatisfying(m -> assertThat(m.reason())
                    .isEqualTo("runbook for incident INC-1: model calls fail"));
            assertThat(detail(run(system, RunbookActions.enterSafeMode())))
                    .isEqualTo("the system was in safe mode already");

            assertThat(detail(run(system, RunbookActions.exitSafeMode()))).isEqualTo("left safe mode");
            assertThat(system.emergency().safeMode()).isEmpty();
            assertThat(detail(run(system, RunbookActions.exitSafeMode()))).isEqualTo("the system was not in safe mode");
        }
    }

    @Test
    void each_built_in_describes_itself() {
        RunbookContext context = new RunbookContext() {
            @Override
            public dev.armature.api.incident.Incident incident() {
                return dev.armature.core.internal.incident.runbook.Fixtures.incident("INC-1");
            }

            @Override
            public AgentSystem system() {
                throw new AssertionError("describe must not touch the system");
            }

            @Override
            public boolean dryRun() {
                return true;
            }
        };
        assertThat(RunbookActions.restartComponent("core").describe(context)).isEqualTo("restart component core");
        assertThat(RunbookActions.openCircuit("model.chat").describe(context))
                .isEqualTo("force the circuit of guard model.chat open");
        assertThat(RunbookActions.closeCircuit("model.chat").describe(context))
                .isEqualTo("close the circuit of guard model.chat");
        assertThat(RunbookActions.rollbackConfig(3).describe(context))
                .isEqualTo("roll the configuration back to version 3");
        assertThat(RunbookActions.enterSafeMode().describe(context)).isEqualTo("enter safe mode");
        assertThat(RunbookActions.exitSafeMode().describe(context)).isEqualTo("exit safe mode");
    }
}

package dev.armature.core.functional;

import static dev.armature.core.internal.incident.runbook.Fixtures.incident;
import static org.assertj.core.api.Assertions.assertThat;

import dev.armature.api.AgentSystem;
import dev.armature.api.ComponentDescriptor;
import dev.armature.api.event.Event;
import dev.armature.api.event.EventType;
import dev.armature.api.incident.RunbookRun;
import dev.armature.api.incident.RunbookStepKind;
import dev.armature.api.incident.RunbookStepOutcome;
import dev.armature.api.resilience.CircuitState;
import dev.armature.core.internal.incident.runbook.Fixtures;
import dev.armature.core.internal.incident.runbook.RecordingJournal;
import dev.armature.core.internal.incident.runbook.RunbookRunner;
import dev.armature.core.internal.orchestrator.DefaultAgentSystem;
import dev.armature.core.time.ManualTime;
import dev.armature.spi.incident.Runbook;
import dev.armature.spi.incident.RunbookActions;
import dev.armature.spi.incident.RunbookCheck;
import dev.armature.spi.incident.RunbookStep;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A dry run lists the plan and touches nothing: no action, rollback, check, precondition or event. */
class RunbookDryRunTest {
    @TempDir
    @SuppressWarnings("NullAway.Init") // injected by JUnit before each test
    Path dir;

    /** Published around the dry run: consecutive sequence numbers prove nothing was published between. */
    record Marker() implements Event {
        @Override
        public EventType type() {
            return EventType.v1("test.runbook-marker");
        }
    }

    private final ManualTime time = ManualTime.create();
    private final RecordingJournal journal = new RecordingJournal();
    private final Fixtures.Calls calls = new Fixtures.Calls();
    private final Queue<String> looked = new ConcurrentLinkedQueue<>();
    private final TestComponent core = new TestComponent(ComponentDescriptor.of("core"));

    @Test
    void a_dry_run_lists_the_plan_and_changes_nothing() throws Exception {
        try (AgentSystem system = AgentSystem.builder()
                .timeSource(time)
                .scheduler(time)
                .dataDirectory(dir)
                .healthCheckInterval(Duration.ofHours(1))
                .environment(Map.of())
                .systemProperties(Map.of("agent.greeting", "hello"))
                .component(core)
                .build()) {
            system.start();
            system.config().override(Map.of("agent.greeting", "bonjour"));
            RunbookRunner runner =
                    new RunbookRunner(system, ((DefaultAgentSystem) system).workers(), time, time, journal);
            Runbook runbook = Runbook.builder("everything")
                    .step(RunbookStep.check("circuit-open", c -> {
                        looked.add("check");
                        return RunbookCheck.Result.passed("open");
                    }))
                    .step(RunbookStep.action("open-circuit", RunbookActions.openCircuit("model.chat")))
                    .step(RunbookStep.action("close-circuit", RunbookActions.closeCircuit("model.chat")))
                    .step(RunbookStep.action("restart-core", RunbookActions.restartComponent("core")))
                    .step(RunbookStep.action("rollback-config", RunbookActions.rollbackConfig(1)))
                    .step(RunbookStep.action("enter-safe-mode", RunbookActions.enterSafeMode()))
                    .step(RunbookStep.action("exit-safe-mode", RunbookActions.exitSafeMode()))
                    .step(RunbookStep.gate("approve", "incident-commander").withTimeout(Duration.ofMinutes(30)))
                    .step(RunbookStep.action("drain", calls.failing("drain", true))
                            .when(c -> {
                                looked.add("precondition");
                                return true;
                            }))
                    .build();
            long configVersion = system.config().history().size();
            int pending = time.pendingTasks();
            long before = system.events().publish("test", new Marker()).sequence();

            RunbookRun plan = runner.dryRun(runbook, incident("INC-1"));

            long after = system.events().publish("test", new Marker()).sequence();
            assertThat(after).as("no event was published by the dry run").isEqualTo(before + 1);
            assertThat(calls.list()).as("no action or rollback ran").isEmpty();
            assertThat(looked).as("no check or precondition ran").isEmpty();
            assertThat(system.guard("model.chat").circuitState()).isEqualTo(CircuitState.CLOSED);
            assertThat(core.starts()).isEqualTo(1);
            assertThat(core.stops()).isZero();
            assertThat(system.config().history()).hasSize((int) configVersion);
            assertThat(system.config().get("agent.greeting", String.class)).isEqualTo("bonjour");
            assertThat(system.emergency().safeMode()).isEmpty();
            assertThat(time.pendingTasks()).as("no timeout was scheduled").isEqualTo(pending);
            assertThat(runner.active()).isEmpty();

            assertThat(plan.dryRun()).isTrue();
            assertThat(plan.state()).isEqualTo(RunbookRun.State.SUCCEEDED);
            assertThat(plan.steps())
                    .extracting(RunbookRun.Step::name, RunbookRun.Step::kind, RunbookRun.Step::detail)
                    .containsExactly(
                            org.assertj.core.groups.Tuple.tuple(
                                    "circuit-open", RunbookStepKind.CHECK, "check circuit-open"),
                            org.assertj.core.groups.Tuple.tuple(
                                    "open-circuit",
                                    RunbookStepKind.ACTION,
                                    "force the circuit of guard model.chat open; on failure: release the runbook's"
                                            + " hold on the circuit of guard model.chat"),
                            org.assertj.core.groups.Tuple.tuple(
                                    "close-circuit", RunbookStepKind.ACTION, "close the circuit of guard model.chat"),
                            org.assertj.core.groups.Tuple.tuple(
                                    "restart-core", RunbookStepKind.ACTION, "restart component core"),
                            org.assertj.core.groups.Tuple.tuple(
                                    "rollback-config",
                                    RunbookStepKind.ACTION,
                                    "roll the configuration back to version 1"),
                            org.assertj.core.groups.Tuple.tuple(
                                    "enter-safe-mode", RunbookStepKind.ACTION, "enter safe mode"),
                            org.assertj.core.groups.Tuple.tuple(
                                    "exit-safe-mode", RunbookStepKind.ACTION, "exit safe mode"),
                            org.assertj.core.groups.Tuple.tuple(
                                    "approve", RunbookStepKind.GATE, "wait for approval by incident-commander"),
                            org.assertj.core.groups.Tuple.tuple(
                                    "drain",
                                    RunbookStepKind.ACTION,
                                    "do drain (if its precondition holds); on failure: undo drain"));
            assertThat(plan.steps()).allSatisfy(s -> assertThat(s.outcome()).contains(RunbookStepOutcome.PLANNED));
            assertThat(plan.steps().get(1).hasRollback()).isTrue();
            assertThat(plan.steps().get(2).hasRollback()).isFalse();
            assertThat(plan.steps().get(7).timeout()).isEqualTo(Duration.ofMinutes(30));
            assertThat(plan.steps().get(8).conditional()).isTrue();
            assertThat(plan.steps().get(0).timeout()).isEqualTo(RunbookStep.DEFAULT_TIMEOUT);
            assertThat(journal.entries()).hasSize(9).allSatisfy(e -> {
                assertThat(e.outcome()).isEqualTo(RunbookStepOutcome.PLANNED);
                assertThat(e.dryRun()).isTrue();
            });
            assertThat(journal.finished()).containsExactly(plan);
        }
    }

    @Test
    void the_plan_names_a_step_whose_describe_throws_instead_of_failing() {
        try (AgentSystem system = AgentSystem.builder()
                .timeSource(time)
                .scheduler(time)
                .dataDirectory(dir)
                .environment(Map.of())
                .systemProperties(Map.of())
                .build()) {
            planOfBrokenDescribe(new RunbookRunner(system, Runnable::run, time, time, journal));
        }
    }

    private void planOfBrokenDescribe(RunbookRunner runner) {
        dev.armature.spi.incident.RunbookAction broken = new dev.armature.spi.incident.RunbookAction() {
            @Override
            public String run(dev.armature.spi.incident.RunbookContext context) {
                throw new AssertionError("a dry run must not run actions");
            }

            @Override
            public String describe(dev.armature.spi.incident.RunbookContext context) {
                throw new IllegalStateException("no description");
            }
        };
        RunbookRun plan = runner.dryRun(
                Runbook.builder("broken")
                        .step(RunbookStep.action("act", broken))
                        .build(),
                incident("INC-1"));
        assertThat(plan.steps().get(0).detail()).isEqualTo("(describe failed: IllegalStateException: no description)");
        assertThat(List.copyOf(calls.list())).isEmpty();
    }
}

package dev.armature.core.internal.incident.runbook;

import static dev.armature.api.incident.RunbookStepOutcome.APPROVED;
import static dev.armature.api.incident.RunbookStepOutcome.FAILED;
import static dev.armature.api.incident.RunbookStepOutcome.PASSED;
import static dev.armature.api.incident.RunbookStepOutcome.ROLLBACK_FAILED;
import static dev.armature.api.incident.RunbookStepOutcome.ROLLED_BACK;
import static dev.armature.api.incident.RunbookStepOutcome.SKIPPED;
import static dev.armature.api.incident.RunbookStepOutcome.TIMED_OUT;
import static dev.armature.api.incident.RunbookStepOutcome.WAITING_FOR_APPROVAL;
import static dev.armature.core.internal.incident.runbook.Fixtures.incident;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.armature.api.AgentSystem;
import dev.armature.api.incident.RunbookException;
import dev.armature.api.incident.RunbookRun;
import dev.armature.core.internal.orchestrator.DefaultAgentSystem;
import dev.armature.core.time.ManualTime;
import dev.armature.spi.incident.Runbook;
import dev.armature.spi.incident.RunbookAction;
import dev.armature.spi.incident.RunbookCheck;
import dev.armature.spi.incident.RunbookContext;
import dev.armature.spi.incident.RunbookStep;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunbookRunnerTest {
    @TempDir
    @SuppressWarnings("NullAway.Init") // injected by JUnit before each test
    Path dir;

    private final ManualTime time = ManualTime.create();
    private final RecordingJournal journal = new RecordingJournal();
    private final Fixtures.Calls calls = new Fixtures.Calls();

    @SuppressWarnings("NullAway.Init") // set before each test
    private AgentSystem system;

    @SuppressWarnings("NullAway.Init") // set before each test
    private RunbookRunner runner;

    @BeforeEach
    void build() {
        system = AgentSystem.builder()
                .timeSource(time)
                .scheduler(time)
                .dataDirectory(dir)
                .environment(Map.of())
                .systemProperties(Map.of())
                .build();
        runner = new RunbookRunner(system, ((DefaultAgentSystem) system).workers(), time, time, journal);
    }

    @AfterEach
    void close() {
        system.close();
    }

    private static RunbookStep check(String name, boolean passes) {
        return RunbookStep.check(
                name,
                c -> passes ? RunbookCheck.Result.passed("looked fine") : RunbookCheck.Result.failed("looked bad"));
    }

    private RunbookRun end(RunbookExecution run) throws Exception {
        return run.completion().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void steps_run_in_order_and_each_outcome_reaches_the_journal() throws Exception {
        Runbook runbook = Runbook.builder("model-outage")
                .step(check("circuit-open", true))
                .step(RunbookStep.action("switch-model", calls.passing("switch-model")))
                .build();

        RunbookRun ended = end(runner.start(runbook, incident("INC-1")));

        assertThat(ended.state()).isEqualTo(RunbookRun.State.SUCCEEDED);
        assertThat(ended.position()).isEqualTo(2);
        assertThat(ended.dryRun()).isFalse();
        assertThat(ended.steps()).extracting(s -> s.outcome().orElseThrow()).containsExactly(PASSED, PASSED);
        assertThat(ended.steps().get(1).detail()).isEqualTo("did switch-model");
        assertThat(journal.awaitEnd()).isEqualTo(ended);
        assertThat(journal.briefs()).containsExactly("circuit-open:PASSED", "switch-model:PASSED");
        assertThat(journal.entries()).allSatisfy(e -> {
            assertThat(e.incidentId()).isEqualTo("INC-1");
            assertThat(e.runbook()).isEqualTo("model-outage");
            assertThat(e.dryRun()).isFalse();
        });
        assertThat(calls.list()).containsExactly("switch-model");
        assertThat(runner.active()).isEmpty();
    }

    @Test
    void a_failing_action_runs_its_own_rollback_and_the_run_ends_failed() throws Exception {
        Runbook runbook = Runbook.builder("model-outage")
                .step(RunbookStep.action("open-circuit", calls.passingWithRollback("open-circuit")))
                .step(RunbookStep.action("switch-model", calls.failing("switch-model", true)))
                .step(RunbookStep.action("notify", calls.passing("notify")))
                .build();

        RunbookRun ended = end(runner.start(runbook, incident("INC-1")));

        assertThat(ended.state()).isEqualTo(RunbookRun.State.FAILED);
        assertThat(ended.position()).isEqualTo(1);
        // The earlier step's effect stays: only the failing step is rolled back.
        assertThat(calls.list()).containsExactly("open-circuit", "switch-model", "undo-switch-model");
        journal.awaitEnd();
        assertThat(journal.briefs())
                .containsExactly("open-circuit:PASSED", "switch-model:FAILED", "switch-model:ROLLED_BACK");
        assertThat(journal.entries().get(1).detail()).isEqualTo("threw IllegalStateException: switch-model broke");
        assertThat(ended.steps().get(1).outcome()).contains(ROLLED_BACK);
        assertThat(ended.steps().get(2).outcome()).isEmpty();
    }

    @Test
    void a_failing_check_ends_the_run_before_the_steps_after_it() throws Exception {
        Runbook runbook = Runbook.builder("model-outage")
                .step(check("circuit-open", false))
                .step(RunbookStep.action("switch-model", calls.passing("switch-model")))
                .build();

        RunbookRun ended = end(runner.start(runbook, incident("INC-1")));

        assertThat(ended.state()).isEqualTo(RunbookRun.State.FAILED);
        assertThat(ended.steps().get(0).detail()).isEqualTo("looked bad");
        assertThat(calls.list()).isEmpty();
        journal.awaitEnd();
        assertThat(journal.briefs()).containsExactly("circuit-open:FAILED");
    }

    @Test
    void a_rollback_that_throws_is_reported_and_the_run_still_ends() throws Exception {
        Runbook runbook = Runbook.builder("model-outage")
                .step(RunbookStep.action("switch-model", calls.failingWithFailingRollback("switch-model")))
                .build();

        RunbookRun ended = end(runner.start(runbook, incident("INC-1")));

        assertThat(ended.state()).isEqualTo(RunbookRun.State.FAILED);
        journal.awaitEnd();
        assertThat(journal.briefs()).containsExactly("switch-model:FAILED", "switch-model:ROLLBACK_FAILED");
        assertThat(journal.entries().get(1).detail()).contains("undo of switch-model broke");
    }

    @Test
    void a_step_that_overruns_its_timeout_on_virtual_time_is_interrupted_and_rolled_back() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch interrupted = new CountDownLatch(1);
        RunbookAction hangs = new RunbookAction() {
            @Override
            public String run(RunbookContext context) throws InterruptedException {
                started.countDown();
                try {
                    new CountDownLatch(1).await(); // only the timeout's interrupt ends it
                } catch (InterruptedException e) {
                    interrupted.countDown();
                    throw e;
                }
                return "unreached";
            }

            @Override
            public String describe(RunbookContext context) {
                return "hang";
            }

            @Override
            public java.util.Optional<RunbookAction> rollback() {
                return java.util.Optional.of(calls.passing("release"));
            }
        };
        Runbook runbook = Runbook.builder("model-outage")
                .step(RunbookStep.action("drain", hangs).withTimeout(Duration.ofSeconds(30)))
                .step(RunbookStep.action("after", calls.passing("after")))
                .build();

        RunbookExecution run = runner.start(runbook, incident("INC-1"));
        assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
        time.advance(Duration.ofSeconds(29));
        assertThat(journal.entries()).isEmpty();
        assertThat(run.status().state()).isEqualTo(RunbookRun.State.RUNNING);

        time.advance(Duration.ofSeconds(1));
        RecordingJournal.Entry timedOut = journal.awaitStep("drain", TIMED_OUT);
        assertThat(timedOut.detail()).isEqualTo("ran past its timeout of PT30S");
        journal.awaitStep("drain", ROLLED_BACK);
        RunbookRun ended = end(run);

        assertThat(interrupted.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(ended.state()).isEqualTo(RunbookRun.State.FAILED);
        assertThat(calls.list()).containsExactly("release");
        assertThat(journal.briefs()).containsExactly("drain:TIMED_OUT", "drain:ROLLED_BACK");
    }

    @Test
    void a_gate_waits_for_its_approver_and_the_run_goes_on_once_approved() throws Exception {
        Runbook runbook = Runbook.builder("model-outage")
                .step(RunbookStep.gate("approve-restart", "incident-commander").withTimeout(Duration.ofMinutes(30)))
                .step(RunbookStep.action("restart", calls.passing("restart")))
                .build();
        assertThatThrownBy(() -> runner.approve("INC-1", "model-outage", "approve-restart", "alice"))
                .isInstanceOfSatisfying(
                        RunbookException.class, e -> assertThat(e.kind()).isEqualTo(RunbookException.Kind.UNKNOWN))
                .hasMessageContaining("start one before approving");

        RunbookExecution run = runner.start(runbook, incident("INC-1"));
        RecordingJournal.Entry waiting = journal.awaitStep("approve-restart", WAITING_FOR_APPROVAL);
        assertThat(waiting.detail()).isEqualTo("waiting for approval by incident-commander");
        assertThat(run.status().state()).isEqualTo(RunbookRun.State.WAITING);
        assertThat(run.status().position()).isZero();
        time.advance(Duration.ofMinutes(29)); // within the gate's timeout: still waiting
        assertThat(run.status().state()).isEqualTo(RunbookRun.State.WAITING);
        assertThat(calls.list()).isEmpty();

        assertThatThrownBy(() -> runner.approve("INC-1", "model-outage", "restart", "alice"))
                .isInstanceOfSatisfying(
                        RunbookException.class, e -> assertThat(e.kind()).isEqualTo(RunbookException.Kind.NOT_WAITING))
                .hasMessageContaining("does not wait for approval of step restart");
        assertThatThrownBy(() -> runner.approve("INC-1", "model-outage", "approve-rollback", "alice"))
                .isInstanceOfSatisfying(
                        RunbookException.class, e -> assertThat(e.kind()).isEqualTo(RunbookException.Kind.UNKNOWN))
                .hasMessageContaining("[approve-restart, restart]");

        RunbookRun afterApproval = runner.approve("INC-1", "model-outage", "approve-restart", "alice");
        assertThat(afterApproval.steps().get(0).outcome()).contains(APPROVED);
        RunbookRun ended = end(run);

        assertThat(ended.state()).isEqualTo(RunbookRun.State.SUCCEEDED);
        assertThat(calls.list()).containsExactly("restart");
        journal.awaitEnd();
        assertThat(journal.briefs())
                .containsExactly("approve-restart:WAITING_FOR_APPROVAL", "approve-restart:APPROVED", "restart:PASSED");
        assertThat(journal.entries().get(1).detail()).isEqualTo("approved by alice");
    }

    @Test
    void a_gate_nobody_approves_within_its_timeout_fails_the_run() throws Exception {
        Runbook runbook = Runbook.builder("model-outage")
                .step(RunbookStep.gate("approve-restart", "incident-commander").withTimeout(Duration.ofMinutes(10)))
                .step(RunbookStep.action("restart", calls.passing("restart")))
                .build();

        RunbookExecution run = runner.start(runbook, incident("INC-1"));
        journal.awaitStep("approve-restart", WAITING_FOR_APPROVAL);
        time.advance(Duration.ofMinutes(10));
        RunbookRun ended = end(run);

        assertThat(ended.state()).isEqualTo(RunbookRun.State.FAILED);
        assertThat(journal.awaitStep("approve-restart", TIMED_OUT).detail())
                .isEqualTo("nobody approved it within PT10M");
        assertThat(calls.list()).isEmpty();
        assertThatThrownBy(() -> runner.approve("INC-1", "model-outage", "approve-restart", "late"))
                .isInstanceOf(RunbookException.class);
    }

    @Test
    void a_false_precondition_skips_its_step_and_a_throwing_one_fails_it() throws Exception {
        AtomicReference<@Nullable RunbookContext> seen = new AtomicReference<>();
        Runbook runbook = Runbook.builder("model-outage")
                .step(RunbookStep.action("only-sev1", calls.passing("only-sev1"))
                        .when(c -> {
                            seen.set(c);
                            return false;
                        }))
                .step(RunbookStep.action("always", calls.passing("always")))
                .step(RunbookStep.action("broken-condition", calls.passing("broken-condition"))
                        .when(c -> {
                            throw new IllegalStateException("cannot tell");
                        }))
                .build();

        RunbookRun ended = end(runner.start(runbook, incident("INC-7")));

        assertThat(calls.list()).containsExactly("always");
        assertThat(ended.state()).isEqualTo(RunbookRun.State.FAILED);
        assertThat(ended.steps()).extracting(s -> s.outcome().orElseThrow()).containsExactly(SKIPPED, PASSED, FAILED);
        assertThat(ended.steps().get(0).detail()).isEqualTo("skipped: its precondition is false");
        assertThat(ended.steps().get(2).detail()).contains("cannot tell");
        RunbookContext context = java.util.Objects.requireNonNull(seen.get());
        assertThat(context.incident().id()).isEqualTo("INC-7");
        assertThat(context.dryRun()).isFalse();
        assertThat(context.system()).isSameAs(system);
    }

    @Test
    void one_run_of_a_runbook_per_incident_at_a_time() throws Exception {
        Runbook runbook = Runbook.builder("model-outage")
                .step(RunbookStep.gate("go", "incident-commander"))
                .build();

        RunbookExecution first = runner.start(runbook, incident("INC-1"));
        assertThatThrownBy(() -> runner.start(runbook, incident("INC-1")))
                .isInstanceOfSatisfying(RunbookException.class, e -> assertThat(e.kind())
                        .isEqualTo(RunbookException.Kind.ALREADY_RUNNING))
                .hasMessageContaining("already runs for incident INC-1");
        RunbookExecution other = runner.start(runbook, incident("INC-2"));
        journal.awaitStep("go", WAITING_FOR_APPROVAL);
        journal.awaitStep("go", WAITING_FOR_APPROVAL);
        assertThat(runner.active()).hasSize(2);

        first.approve("go", "alice");
        other.approve("go", "bob");
        assertThat(end(first).state()).isEqualTo(RunbookRun.State.SUCCEEDED);
        assertThat(end(other).state()).isEqualTo(RunbookRun.State.SUCCEEDED);
        assertThat(runner.running("INC-1", "model-outage")).isEmpty();
        RunbookExecution again = runner.start(runbook, incident("INC-1"));
        assertThat(again.status().runbook()).isEqualTo("model-outage");
    }

    @Test
    void runs_still_going_when_the_system_stops_end_failed_where_they_stand() throws Exception {
        Runbook runbook = Runbook.builder("model-outage")
                .step(RunbookStep.gate("approve-restart", "incident-commander"))
                .step(RunbookStep.action("restart", calls.passing("restart")))
                .build();
        RunbookExecution run = runner.start(runbook, incident("INC-1"));
        journal.awaitStep("approve-restart", WAITING_FOR_APPROVAL);

        runner.abortAll("the system is stopping");

        RunbookRun ended = end(run);
        assertThat(ended.state()).isEqualTo(RunbookRun.State.FAILED);
        assertThat(ended.steps().get(0).detail()).isEqualTo("the system is stopping");
        assertThat(journal.awaitStep("approve-restart", FAILED).detail()).isEqualTo("the system is stopping");
        assertThat(runner.active()).isEmpty();
        time.advance(RunbookStep.DEFAULT_TIMEOUT); // the gate's timeout was cancelled: nothing more happens
        assertThat(journal.briefs()).containsExactly("approve-restart:WAITING_FOR_APPROVAL", "approve-restart:FAILED");
        assertThat(calls.list()).isEmpty();
    }

    @Test
    void a_journal_that_throws_does_not_stop_the_run() throws Exception {
        RunbookRunner throwing = new RunbookRunner(
                system,
                ((DefaultAgentSystem) system).workers(),
                time,
                time,
                (incidentId, rb, step, outcome, detail, dryRun) -> {
                    throw new IllegalStateException("timeline store down");
                });
        Runbook runbook = Runbook.builder("model-outage")
                .step(RunbookStep.action("a", calls.passing("a")))
                .step(RunbookStep.action("b", calls.passing("b")))
                .build();

        assertThat(end(throwing.start(runbook, incident("INC-1"))).state()).isEqualTo(RunbookRun.State.SUCCEEDED);
        assertThat(calls.list()).containsExactly("a", "b");
        assertThat(FAILED.isFailure()).isTrue();
        assertThat(ROLLBACK_FAILED.isFailure()).isFalse();
    }
}

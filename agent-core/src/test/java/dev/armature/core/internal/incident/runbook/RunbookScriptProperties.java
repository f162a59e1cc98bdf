package dev.armature.core.internal.incident.runbook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.armature.api.AgentSystem;
import dev.armature.api.incident.RunbookRun;
import dev.armature.api.incident.RunbookStepOutcome;
import dev.armature.core.time.ManualTime;
import dev.armature.spi.incident.Runbook;
import dev.armature.spi.incident.RunbookAction;
import dev.armature.spi.incident.RunbookCheck;
import dev.armature.spi.incident.RunbookContext;
import dev.armature.spi.incident.RunbookStep;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.jspecify.annotations.Nullable;

/**
 * Runs random scripts of steps (each passes, fails, throws or overruns its timeout; each action
 * with or without a rollback, which itself may throw) and checks that every run ends, that each
 * action runs at most once and nothing after the first failure runs, and that a rollback runs
 * exactly when its own step failed.
 */
class RunbookScriptProperties {
    /** Not a timing assertion: how long a broken run may hang a try before it fails. */
    private static final long SAFETY_NET_SECONDS = 10;

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    enum Behaviour {
        PASS,
        CHECK_FAILS,
        THROWS,
        OVERRUNS
    }

    record Script(Behaviour behaviour, boolean action, boolean rollback, boolean rollbackThrows) {}

    private static @Nullable AgentSystem system;
    private static @Nullable ExecutorService workers;

    @BeforeContainer
    static void build() throws IOException {
        system = AgentSystem.builder()
                .dataDirectory(Files.createTempDirectory("runbook-properties"))
                .environment(Map.of())
                .systemProperties(Map.of())
                .build();
        workers = Executors.newFixedThreadPool(2);
    }

    @AfterContainer
    static void close() throws InterruptedException {
        if (system != null) {
            system.close();
        }
        if (workers != null) {
            workers.shutdownNow();
            assertThat(workers.awaitTermination(SAFETY_NET_SECONDS, TimeUnit.SECONDS))
                    .isTrue();
        }
    }

    @Provide
    Arbitrary<List<Script>> scripts() {
        Arbitrary<Script> step = Combinators.combine(
                        Arbitraries.of(Behaviour.class),
                        Arbitraries.of(true, false),
                        Arbitraries.of(true, false),
                        Arbitraries.of(true, false))
                // Only actions have rollbacks; an action that "fails its check" throws.
                .as((b, action, rollback, rollbackThrows) ->
                        new Script(b, action, action && rollback, action && rollback && rollbackThrows));
        return step.list().ofMinSize(1).ofMaxSize(6);
    }

    @Property
    void every_run_ends_each_action_runs_at_most_once_and_a_rollback_runs_exactly_when_its_step_failed(
            @ForAll("scripts") List<Script> scripts) throws Exception {
        ManualTime time = ManualTime.create();
        RecordingJournal journal = new RecordingJournal();
        BlockingQueue<String> signals = new LinkedBlockingQueue<>();
        List<AtomicInteger> runs = new ArrayList<>();
        List<AtomicInteger> undos = new ArrayList<>();
        Runbook.Builder builder = Runbook.builder("script");
        for (int i = 0; i < scripts.size(); i++) {
            AtomicInteger ran = new AtomicInteger();
            AtomicInteger undone = new AtomicInteger();
            runs.add(ran);
            undos.add(undone);
            builder.step(step("step-" + i, scripts.get(i), ran, undone, signals));
        }
        RunbookRunner runner = new RunbookRunner(
                java.util.Objects.requireNonNull(system),
                java.util.Objects.requireNonNull(workers),
                time,
                time,
                journal);

        CompletableFuture<RunbookRun> done = runner.start(builder.build(), Fixtures.incident("INC-1"))
                .completion()
                .toCompletableFuture();
        var unused = done.whenComplete((r, e) -> signals.add("end"));
        while (!done.isDone()) {
            String signal = signals.poll(SAFETY_NET_SECONDS, TimeUnit.SECONDS);
            if (signal == null) {
                fail("the run did not end; so far: " + journal.briefs());
            } else if (signal.equals("blocked")) {
                time.advance(TIMEOUT);
            }
        }
        RunbookRun ended = done.get();

        int firstFailure = -1;
        for (int i = 0; i < scripts.size(); i++) {
            if (scripts.get(i).behaviour() != Behaviour.PASS) {
                firstFailure = i;
                break;
            }
        }
        assertThat(ended.state()).isEqualTo(firstFailure < 0 ? RunbookRun.State.SUCCEEDED : RunbookRun.State.FAILED);
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < scripts.size(); i++) {
            Script s = scripts.get(i);
            boolean reached = firstFailure < 0 || i <= firstFailure;
            assertThat(runs.get(i).get()).as("runs of step %d", i).isEqualTo(reached ? 1 : 0);
            boolean failed = i == firstFailure;
            assertThat(undos.get(i).get()).as("rollbacks of step %d", i).isEqualTo(failed && s.rollback() ? 1 : 0);
            if (!reached) {
                continue;
            }
            expected.add("step-" + i + ":"
                    + switch (s.behaviour()) {
                        case PASS -> RunbookStepOutcome.PASSED;
                        case CHECK_FAILS, THROWS -> RunbookStepOutcome.FAILED;
                        case OVERRUNS -> RunbookStepOutcome.TIMED_OUT;
                    });
            if (failed && s.rollback()) {
                expected.add("step-" + i + ":"
                        + (s.rollbackThrows() ? RunbookStepOutcome.ROLLBACK_FAILED : RunbookStepOutcome.ROLLED_BACK));
            }
        }
        journal.awaitEnd();
        assertThat(journal.briefs()).containsExactlyElementsOf(expected);
        assertThat(runner.active()).isEmpty();
    }

    private static RunbookStep step(
            String name, Script s, AtomicInteger ran, AtomicInteger undone, BlockingQueue<String> signals) {
        if (!s.action()) {
            return RunbookStep.check(name, c -> {
                        ran.incrementAndGet();
                        return switch (s.behaviour()) {
                            case PASS -> RunbookCheck.Result.passed("fine");
                            case CHECK_FAILS -> RunbookCheck.Result.failed("bad");
                            case THROWS -> throw new IllegalStateException("check broke");
                            case OVERRUNS -> overrun(signals);
                        };
                    })
                    .withTimeout(TIMEOUT);
        }
        RunbookAction undo = new RunbookAction() {
            @Override
            public String run(RunbookContext context) {
                undone.incrementAndGet();
                if (s.rollbackThrows()) {
                    throw new IllegalStateException("rollback broke");
                }
                return "undone";
            }

            @Override
            public String describe(RunbookContext context) {
                return "undo";
            }
        };
        RunbookAction action = new RunbookAction() {
            @Override
            public String run(RunbookContext context) throws InterruptedException {
                ran.incrementAndGet();
                return switch (s.behaviour()) {
                    case PASS -> "done";
                    case CHECK_FAILS, THROWS -> throw new IllegalStateException("action broke");
                    case OVERRUNS -> overrun(signals).detail();
                };
            }

            @Override
            public String describe(RunbookContext context) {
                return "act";
            }

            @Override
            public Optional<RunbookAction> rollback() {
                return s.rollback() ? Optional.of(undo) : Optional.empty();
            }
        };
        return RunbookStep.action(name, action).withTimeout(TIMEOUT);
    }

    /** Blocks until the step's timeout interrupts it, after telling the driver to advance the clock. */
    private static RunbookCheck.Result overrun(BlockingQueue<String> signals) throws InterruptedException {
        signals.add("blocked");
        new CountDownLatch(1).await();
        throw new AssertionError("unreached: only an interrupt ends the wait");
    }
}

package dev.armature.core.internal.incident.runbook;

import static java.util.Objects.requireNonNull;

import dev.armature.api.incident.RunbookException;
import dev.armature.api.incident.RunbookRun;
import dev.armature.api.incident.RunbookStepOutcome;
import dev.armature.api.time.Cancellable;
import dev.armature.spi.incident.Runbook;
import dev.armature.spi.incident.RunbookAction;
import dev.armature.spi.incident.RunbookCheck;
import dev.armature.spi.incident.RunbookContext;
import dev.armature.spi.incident.RunbookStep;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.FutureTask;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Internal: one run of a runbook for an incident. Steps run one after the other on the runner's
 * workers; each is an attempt settled exactly once, by its own end, its timeout on the scheduler,
 * or, for a gate, an approval. Host code (checks, actions, preconditions) runs outside this object's
 * lock; settling, the status and the journal's calls run under it, so the journal hears one run's
 * outcomes one at a time and in order. Thread-safe.
 */
public final class RunbookExecution {
    private static final Logger log = LoggerFactory.getLogger(RunbookExecution.class);

    private final RunbookRunner runner;
    private final Runbook runbook;
    private final RunContext context;
    private final CompletableFuture<RunbookRun> done = new CompletableFuture<>();

    private RunbookRun status; // guarded by this
    private @Nullable Attempt current; // guarded by this

    RunbookExecution(RunbookRunner runner, Runbook runbook, RunContext context, RunbookRun initial) {
        this.runner = runner;
        this.runbook = runbook;
        this.context = context;
        this.status = initial;
    }

    /**
     * Returns where the run stands now.
     *
     * @return a copy of its status
     */
    public synchronized RunbookRun status() {
        return status;
    }

    /**
     * Returns the run's end.
     *
     * @return a stage completed with the status once the run is SUCCEEDED or FAILED
     */
    public CompletionStage<RunbookRun> completion() {
        return done.minimalCompletionStage();
    }

    /**
     * Approves the gate the run waits at, and lets the run go on.
     *
     * @param step the gate's name
     * @param approver who approves, for the timeline
     * @return the status after the approval
     * @throws RunbookException of kind UNKNOWN if the runbook has no such step, NOT_WAITING if the
     *     run does not wait at it
     */
    public RunbookRun approve(String step, String approver) {
        requireNonNull(step, "step");
        requireNonNull(approver, "approver");
        if (approver.isBlank()) {
            throw new IllegalArgumentException("an approval needs the approver's name, for the timeline");
        }
        synchronized (this) {
            if (runbook.steps().stream().noneMatch(s -> s.name().equals(step))) {
                throw new RunbookException(
                        RunbookException.Kind.UNKNOWN,
                        runbook.name(),
                        "runbook " + runbook.name() + " has no step named " + step + "; its steps are "
                                + runbook.steps().stream()
                                        .map(RunbookStep::name)
                                        .toList());
            }
            Attempt a = current;
            if (a == null || !a.waiting || !a.step.name().equals(step)) {
                throw new RunbookException(
                        RunbookException.Kind.NOT_WAITING,
                        runbook.name(),
                        "runbook " + runbook.name() + " for incident "
                                + context.incident().id()
                                + " does not wait for approval of step " + step + "; it is " + status.state()
                                + " at step " + position(status) + ". Approve a gate while the run waits at it");
            }
            a.settle(RunbookStepOutcome.APPROVED, "approved by " + approver);
            return status;
        }
    }

    /**
     * Ends the run as FAILED where it stands, without rollback: the system is stopping, and its
     * workers and scheduler with it. A step still running may finish, but nothing follows it.
     */
    void abort(String reason) {
        synchronized (this) {
            Attempt a = current;
            if (a == null || a.settled) {
                return;
            }
            a.settled = true;
            Cancellable t = a.timer;
            if (t != null) {
                var unused = t.cancel();
            }
            status = with(status, a.index, status.state(), RunbookStepOutcome.FAILED, reason);
            a.report(RunbookStepOutcome.FAILED, reason);
            finish(RunbookRun.State.FAILED, a.index);
        }
    }

    private String position(RunbookRun run) {
        return run.position() < run.steps().size()
                ? run.steps().get(run.position()).name()
                : "(ended)";
    }

    void begin() {
        synchronized (this) {
            advance(0);
        }
    }

    /** Starts the step at an index, or ends the run when there is none; under the lock. */
    private void advance(int index) {
        List<RunbookStep> steps = runbook.steps();
        if (index == steps.size()) {
            finish(RunbookRun.State.SUCCEEDED, index);
            return;
        }
        RunbookStep step = steps.get(index);
        status = with(status, index, RunbookRun.State.RUNNING, null, "");
        Attempt a = new Attempt(index, step, false);
        current = a;
        a.start(step.timeout(), () -> perform(a));
    }

    /** The work of one step, on a worker; settles the attempt unless a gate now waits. */
    private void perform(Attempt a) {
        RunbookStep step = a.step;
        try {
            Optional<Predicate<RunbookContext>> condition = step.precondition();
            if (condition.isPresent() && !condition.get().test(context)) {
                a.settle(RunbookStepOutcome.SKIPPED, "skipped: its precondition is false");
                return;
            }
            if (step instanceof RunbookStep.Check c) {
                RunbookCheck.Result r = requireNonNull(c.check().check(context), "a check returned no result");
                a.settle(r.passed() ? RunbookStepOutcome.PASSED : RunbookStepOutcome.FAILED, r.detail());
            } else if (step instanceof RunbookStep.Action act) {
                String detail = requireNonNull(act.action().run(context), "an action returned no detail");
                a.settle(RunbookStepOutcome.PASSED, detail);
            } else if (step instanceof RunbookStep.Gate g) {
                a.await("waiting for approval by " + g.approverRole());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // the timeout interrupted it, and settled it first
            a.settle(RunbookStepOutcome.FAILED, "interrupted");
        } catch (Exception e) {
            a.settle(RunbookStepOutcome.FAILED, "threw " + describe(e));
        } catch (Error e) {
            a.settle(RunbookStepOutcome.FAILED, "threw " + describe(e));
            throw e;
        }
    }

    private static String describe(Throwable e) {
        return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
    }

    /** What follows a settled step; under the lock. */
    private void afterStep(Attempt a, RunbookStepOutcome outcome) {
        if (!outcome.isFailure()) {
            advance(a.index + 1);
            return;
        }
        Optional<RunbookAction> rollback =
                a.step instanceof RunbookStep.Action act ? act.action().rollback() : Optional.empty();
        if (a.rollback || rollback.isEmpty()) {
            finish(RunbookRun.State.FAILED, a.index);
            return;
        }
        // Only the failing step's own rollback runs: earlier steps succeeded, and their effects
        // (a circuit opened, safe mode entered) are often what contains the incident.
        RunbookAction undo = rollback.get();
        Attempt r = new Attempt(a.index, a.step, true);
        current = r;
        r.start(a.step.timeout(), () -> {
            try {
                String detail = requireNonNull(undo.run(context), "a rollback returned no detail");
                r.settle(RunbookStepOutcome.ROLLED_BACK, detail);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                r.settle(RunbookStepOutcome.ROLLBACK_FAILED, "interrupted");
            } catch (Exception e) {
                r.settle(RunbookStepOutcome.ROLLBACK_FAILED, "threw " + describe(e));
            } catch (Error e) {
                r.settle(RunbookStepOutcome.ROLLBACK_FAILED, "threw " + describe(e));
                throw e;
            }
        });
    }

    /** Ends the run; under the lock. */
    private void finish(RunbookRun.State state, int failedAt) {
        current = null;
        int position = state == RunbookRun.State.SUCCEEDED ? runbook.steps().size() : failedAt;
        status = new RunbookRun(
                status.runbook(), status.incidentId(), false, status.startedAt(), state, position, status.steps());
        RunbookRun ended = status;
        runner.report(j -> j.runFinished(ended));
        runner.ended(this);
        // Completed on another thread, so that what waits for it does not run under this lock.
        try {
            runner.workers().execute(() -> done.complete(ended));
        } catch (RejectedExecutionException e) {
            done.complete(ended); // a closing system's pool: complete here rather than never
        }
    }

    private static RunbookRun with(
            RunbookRun run, int index, RunbookRun.State state, @Nullable RunbookStepOutcome outcome, String detail) {
        List<RunbookRun.Step> steps = new ArrayList<>(run.steps());
        if (outcome != null) {
            steps.set(index, steps.get(index).with(outcome, detail));
        }
        return new RunbookRun(run.runbook(), run.incidentId(), run.dryRun(), run.startedAt(), state, index, steps);
    }

    /** One attempt at a step or its rollback: settled once, by its end, its timeout or an approval. */
    private final class Attempt {
        final int index;
        final RunbookStep step;
        final boolean rollback;
        boolean settled; // guarded by the execution
        boolean waiting; // guarded by the execution

        @Nullable
        Cancellable timer; // guarded by the execution

        Attempt(int index, RunbookStep step, boolean rollback) {
            this.index = index;
            this.step = step;
            this.rollback = rollback;
        }

        /** Submits the work and sets the timeout; under the execution's lock. */
        void start(Duration timeout, Runnable work) {
            FutureTask<@Nullable Void> t = new FutureTask<>(work, null);
            timer = runner.scheduler().schedule(timeout, () -> {
                synchronized (RunbookExecution.this) {
                    if (settled) {
                        return;
                    }
                    // Only an overrun is interrupted, and only from here: a body that settles
                    // itself must not interrupt its own thread, which goes on to the journal.
                    var unused = t.cancel(true);
                    settle(
                            rollback ? RunbookStepOutcome.ROLLBACK_FAILED : RunbookStepOutcome.TIMED_OUT,
                            (waiting ? "nobody approved it within " : "ran past its timeout of ") + timeout);
                }
            });
            try {
                runner.workers().execute(t);
            } catch (RejectedExecutionException e) {
                settle(
                        rollback ? RunbookStepOutcome.ROLLBACK_FAILED : RunbookStepOutcome.FAILED,
                        "the system's worker pool refused it: " + describe(e));
            }
        }

        /** A gate begins to wait. */
        void await(String detail) {
            synchronized (RunbookExecution.this) {
                if (settled) {
                    return;
                }
                waiting = true;
                status = with(status, index, RunbookRun.State.WAITING, RunbookStepOutcome.WAITING_FOR_APPROVAL, detail);
                report(RunbookStepOutcome.WAITING_FOR_APPROVAL, detail);
            }
        }

        void settle(RunbookStepOutcome outcome, String detail) {
            synchronized (RunbookExecution.this) {
                if (settled) {
                    return;
                }
                settled = true;
                waiting = false;
                Cancellable t = timer;
                if (t != null) {
                    var unused = t.cancel();
                }
                status = with(status, index, status.state(), outcome, detail);
                report(outcome, detail);
                if (rollback) {
                    finish(RunbookRun.State.FAILED, index);
                } else {
                    afterStep(this, outcome);
                }
            }
        }

        private void report(RunbookStepOutcome outcome, String detail) {
            log.atInfo()
                    .addKeyValue("incident", context.incident().id())
                    .addKeyValue("runbook", runbook.name())
                    .addKeyValue("step", step.name())
                    .addKeyValue("outcome", outcome)
                    .log("runbook step: {}", detail);
            runner.report(
                    j -> j.stepFinished(context.incident().id(), runbook.name(), step.name(), outcome, detail, false));
        }
    }
}

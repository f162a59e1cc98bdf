package dev.armature.core.internal.incident.runbook;

import static java.util.Objects.requireNonNull;

import dev.armature.api.AgentSystem;
import dev.armature.api.incident.Incident;
import dev.armature.api.incident.RunbookException;
import dev.armature.api.incident.RunbookRun;
import dev.armature.api.incident.RunbookStepOutcome;
import dev.armature.api.time.Scheduler;
import dev.armature.api.time.TimeSource;
import dev.armature.spi.incident.Runbook;
import dev.armature.spi.incident.RunbookStep;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Internal: runs runbooks for incidents. A run goes on the system's worker pool, one step after the
 * other, each bounded by its timeout on the system's scheduler (an overrun is interrupted and fails
 * as TIMED_OUT); a gate pauses it until {@link #approve}. A failing step runs its own rollback and
 * the run ends FAILED. A dry run ({@link #dryRun}) lists the plan and calls nothing but each
 * action's {@code describe}. Every outcome goes to the {@link RunbookJournal}. At most one run of a
 * runbook per incident at a time. Nothing here blocks the caller. Thread-safe.
 */
public final class RunbookRunner {
    private static final Logger log = LoggerFactory.getLogger(RunbookRunner.class);

    private final AgentSystem system;
    private final Executor workers;
    private final Scheduler scheduler;
    private final TimeSource time;
    private final RunbookJournal journal;
    private final Map<RunKey, RunbookExecution> active = new ConcurrentHashMap<>();

    private record RunKey(String incidentId, String runbook) {}

    /**
     * Creates the runner.
     *
     * @param system the system runbooks act on
     * @param workers the system's worker pool, which runs the steps
     * @param scheduler the system's scheduler, which bounds each step by its timeout
     * @param time the system's time
     * @param journal where every step's outcome goes
     */
    public RunbookRunner(
            AgentSystem system, Executor workers, Scheduler scheduler, TimeSource time, RunbookJournal journal) {
        this.system = requireNonNull(system, "system");
        this.workers = requireNonNull(workers, "workers");
        this.scheduler = requireNonNull(scheduler, "scheduler");
        this.time = requireNonNull(time, "time");
        this.journal = requireNonNull(journal, "journal");
    }

    /**
     * Returns the plan of a runbook for an incident, touching nothing: each step with its kind,
     * timeout, whether it has a precondition and a rollback, and what it would do (an action's
     * {@code describe}); preconditions are not evaluated, since earlier steps would change what they
     * see. Each step is reported to the journal as PLANNED.
     *
     * @param runbook the runbook
     * @param incident the incident
     * @return the plan, a run that is SUCCEEDED and marked dry
     */
    public RunbookRun dryRun(Runbook runbook, Incident incident) {
        requireNonNull(runbook, "runbook");
        requireNonNull(incident, "incident");
        RunContext context = new RunContext(incident, system, true);
        List<RunbookRun.Step> steps = new ArrayList<>();
        for (RunbookStep step : runbook.steps()) {
            String detail = plan(step, context);
            steps.add(blank(step).with(RunbookStepOutcome.PLANNED, detail));
            report(j -> j.stepFinished(
                    incident.id(), runbook.name(), step.name(), RunbookStepOutcome.PLANNED, detail, true));
        }
        RunbookRun plan = new RunbookRun(
                runbook.name(), incident.id(), true, time.now(), RunbookRun.State.SUCCEEDED, steps.size(), steps);
        report(j -> j.runFinished(plan));
        return plan;
    }

    private static String plan(RunbookStep step, RunContext context) {
        String when = step.precondition().isPresent() ? " (if its precondition holds)" : "";
        if (step instanceof RunbookStep.Action a) {
            String rollback = a.action()
                    .rollback()
                    .map(r -> "; on failure: " + describe(r, context))
                    .orElse("");
            return describe(a.action(), context) + when + rollback;
        }
        if (step instanceof RunbookStep.Gate g) {
            return "wait for approval by " + g.approverRole() + when;
        }
        return "check " + step.name() + when;
    }

    private static String describe(dev.armature.spi.incident.RunbookAction action, RunContext context) {
        try {
            return action.describe(context);
        } catch (RuntimeException e) {
            // A plan with a hole is more useful than none; the hole says what went wrong.
            return "(describe failed: " + e.getClass().getSimpleName() + ": " + e.getMessage() + ")";
        }
    }

    private static RunbookRun.Step blank(RunbookStep step) {
        boolean hasRollback =
                step instanceof RunbookStep.Action a && a.action().rollback().isPresent();
        return new RunbookRun.Step(
                step.name(),
                step.kind(),
                step.timeout(),
                step.precondition().isPresent(),
                hasRollback,
                Optional.empty(),
                "");
    }

    /**
     * Starts a run of a runbook for an incident and returns at once.
     *
     * @param runbook the runbook
     * @param incident the incident, as the steps will see it
     * @return the run
     * @throws RunbookException of kind ALREADY_RUNNING if a run of the runbook for the incident has
     *     not ended
     */
    public RunbookExecution start(Runbook runbook, Incident incident) {
        requireNonNull(runbook, "runbook");
        requireNonNull(incident, "incident");
        List<RunbookRun.Step> steps =
                runbook.steps().stream().map(RunbookRunner::blank).toList();
        RunbookRun initial =
                new RunbookRun(runbook.name(), incident.id(), false, time.now(), RunbookRun.State.RUNNING, 0, steps);
        RunbookExecution run = new RunbookExecution(this, runbook, new RunContext(incident, system, false), initial);
        RunKey key = new RunKey(incident.id(), runbook.name());
        RunbookExecution before = active.putIfAbsent(key, run);
        if (before != null) {
            throw new RunbookException(
                    RunbookException.Kind.ALREADY_RUNNING,
                    runbook.name(),
                    "runbook " + runbook.name() + " already runs for incident " + incident.id() + " ("
                            + before.status().state() + "); wait for it to end, or approve the gate it waits at");
        }
        log.atInfo()
                .addKeyValue("incident", incident.id())
                .addKeyValue("runbook", runbook.name())
                .log("runbook started");
        run.begin();
        return run;
    }

    /**
     * Approves the gate a run waits at.
     *
     * @param incidentId the incident's id
     * @param runbook the runbook's name
     * @param step the gate's name
     * @param approver who approves
     * @return the run's status after the approval
     * @throws RunbookException of kind UNKNOWN if no run of the runbook for the incident is going
     *     on or it has no such step, NOT_WAITING if it does not wait at the step
     */
    public RunbookRun approve(String incidentId, String runbook, String step, String approver) {
        RunbookExecution run = active.get(new RunKey(requireNonNull(incidentId, "incidentId"), runbook));
        if (run == null) {
            throw new RunbookException(
                    RunbookException.Kind.UNKNOWN,
                    runbook,
                    "no run of runbook " + runbook + " for incident " + incidentId
                            + " is going on; start one before approving its gates");
        }
        return run.approve(step, approver);
    }

    /**
     * Returns the run of a runbook for an incident that has not ended.
     *
     * @param incidentId the incident's id
     * @param runbook the runbook's name
     * @return the run, or empty
     */
    public Optional<RunbookExecution> running(String incidentId, String runbook) {
        return Optional.ofNullable(active.get(new RunKey(incidentId, runbook)));
    }

    /**
     * Returns the status of every run that has not ended.
     *
     * @return an unmodifiable list
     */
    public List<RunbookRun> active() {
        return active.values().stream().map(RunbookExecution::status).toList();
    }

    /**
     * Ends every run that has not ended as FAILED, without rollbacks, each reported to the journal;
     * for the incident manager's stop, before the system's workers and scheduler go away.
     *
     * @param reason why, for the timeline
     */
    public void abortAll(String reason) {
        requireNonNull(reason, "reason");
        for (RunbookExecution run : List.copyOf(active.values())) {
            run.abort(reason);
        }
    }

    Executor workers() {
        return workers;
    }

    Scheduler scheduler() {
        return scheduler;
    }

    void ended(RunbookExecution run) {
        RunbookRun s = run.status();
        active.remove(new RunKey(s.incidentId(), s.runbook()), run);
    }

    /** Tells the journal; its failure is logged and the run goes on. */
    void report(Consumer<RunbookJournal> call) {
        try {
            call.accept(journal);
        } catch (RuntimeException e) {
            log.atWarn()
                    .setCause(e)
                    .log("the runbook journal threw; the timeline misses this outcome, the run goes on");
        }
    }
}

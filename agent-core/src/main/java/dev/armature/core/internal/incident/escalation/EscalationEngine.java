package dev.armature.core.internal.incident.escalation;

import static java.util.Objects.requireNonNull;

import dev.armature.api.incident.EscalationPolicy;
import dev.armature.api.time.Scheduler;
import dev.armature.api.time.TimeSource;
import java.time.Instant;
import java.util.function.Consumer;

/**
 * Internal: starts and resumes {@link EscalationRun}s, one per open incident, on the system's
 * scheduler and time, acting through the incident manager's hooks. The manager keeps one engine and
 * the runs it returns. Thread-safe: it holds no state of its own.
 *
 * <pre>{@code
 * EscalationEngine engine = new EscalationEngine(hooks, scheduler, time);
 * EscalationRun run = engine.start(
 *         incident.id(), policy, incident.openedAt(), position -> store.save(incident.id(), position));
 * // on acknowledgement: run.cancel(); on resolution: run.close()
 * }</pre>
 */
public final class EscalationEngine {
    private final EscalationHooks hooks;
    private final Scheduler scheduler;
    private final TimeSource time;

    /** Creates an engine over the manager's hooks and the system's scheduler and time. */
    public EscalationEngine(EscalationHooks hooks, Scheduler scheduler, TimeSource time) {
        this.hooks = requireNonNull(hooks, "hooks");
        this.scheduler = requireNonNull(scheduler, "scheduler");
        this.time = requireNonNull(time, "time");
    }

    /**
     * Starts a policy for a newly opened incident: its first step runs as soon as the scheduler runs
     * a task without delay, and its quiet rule, if any, watches from then on. A first step that waits
     * counts from {@code openedAt}, so a policy started late (a slow notification before it, a busy
     * thread) still ends the wait when it would have ended.
     *
     * @param incidentId the incident
     * @param openedAt when the incident opened
     * @param policy the policy; persist its lines with the incident, so that a resume runs the same
     *     one even if the configuration changed meanwhile
     * @param onChange told every new position, on the thread that runs the steps and before the
     *     step's effects, so that persisting it synchronously means a restart never repeats a
     *     notification (it may at worst lose the one in flight)
     * @return the run
     */
    public EscalationRun start(
            String incidentId, EscalationPolicy policy, Instant openedAt, Consumer<EscalationPosition> onChange) {
        EscalationRun run = new EscalationRun(
                incidentId, policy, EscalationPosition.START, hooks, scheduler, time, onChange, openedAt);
        run.begin(false);
        return run;
    }

    /**
     * Resumes a policy after a restart from the position saved last. A wait that began before the
     * restart ends when it would have ended (at once, if that time has passed); a step that was not
     * reached runs then; a step already run is not run again.
     *
     * @param incidentId the incident
     * @param policy the policy the position was saved under
     * @param saved the last position {@code onChange} was told
     * @param acknowledged whether the incident was acknowledged: then no step runs, only the quiet
     *     rule watches
     * @param onChange as for {@link #start}
     * @return the run
     * @throws IllegalArgumentException if the position does not fit the policy (a step beyond its end,
     *     more repeats than it has, a wait start on a step that is not a wait)
     */
    public EscalationRun resume(
            String incidentId,
            EscalationPolicy policy,
            EscalationPosition saved,
            boolean acknowledged,
            Consumer<EscalationPosition> onChange) {
        EscalationRun run = new EscalationRun(incidentId, policy, saved, hooks, scheduler, time, onChange, null);
        run.begin(acknowledged);
        return run;
    }
}

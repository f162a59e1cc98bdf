package dev.armature.core.internal.incident.escalation;

import static java.util.Objects.requireNonNull;

import dev.armature.api.incident.EscalationPolicy;
import dev.armature.api.incident.EscalationStep;
import dev.armature.api.time.Cancellable;
import dev.armature.api.time.Scheduler;
import dev.armature.api.time.TimeSource;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Internal: one incident's escalation, running its {@link EscalationPolicy} on the system's {@link
 * Scheduler} and {@link TimeSource}; made by {@link EscalationEngine}.
 *
 * <p>Steps run one after another on the scheduler's thread, as the policy's Javadoc defines; each
 * step that runs is recorded through {@link EscalationHooks#record} with the details {@code policy},
 * {@code step} (from 1), {@code stepText}, {@code targets} (the channels notified or that would have
 * been) and {@code skipped}. Before a step's effects the run reports its new {@link
 * EscalationPosition}, so that the manager's saved position is never behind a notification sent.
 *
 * <p>{@link #cancel()} (acknowledgement) stops the steps; the quiet rule goes on, since an
 * acknowledged incident whose source went quiet must still resolve. {@link #close()} (resolution)
 * stops everything. The quiet rule looks at the incident when the run begins, again when the quiet
 * time after the last signal has passed, after each further quiet time while the source still fails
 * (recorded once per stretch), and whenever {@link #sourceChanged()} is called.
 *
 * <p>Thread-safe. The run's state is guarded by one lock that is never held while calling the hooks
 * or {@code onChange}, so the manager may call {@link #cancel()} or {@link #close()} from inside a
 * hook or while holding its own locks. A step that has begun when {@link #cancel()} is called
 * completes; no step begins after it.
 */
public final class EscalationRun {
    private static final Logger log = LoggerFactory.getLogger(EscalationRun.class);

    private final String incidentId;
    private final EscalationPolicy policy;
    private final EscalationHooks hooks;
    private final Scheduler scheduler;
    private final TimeSource time;
    private final Consumer<EscalationPosition> onChange;

    private final Object lock = new Object();

    // Guarded by lock.
    private EscalationPosition position;
    private boolean stepsStopped;
    private boolean closed;
    private @Nullable Cancellable stepTask;
    private @Nullable Cancellable quietTask;
    /** When a fresh run's first wait began: the incident's opening, not the moment the run got going. */
    private @Nullable Instant firstStepFrom;
    /** Which quiet check is current: a check scheduled before a newer one does nothing. */
    private long quietGeneration;
    /** Whether "quiet but still failing" is on the timeline for the current quiet stretch. */
    private boolean failingRecorded;

    EscalationRun(
            String incidentId,
            EscalationPolicy policy,
            EscalationPosition saved,
            EscalationHooks hooks,
            Scheduler scheduler,
            TimeSource time,
            Consumer<EscalationPosition> onChange,
            @Nullable Instant firstStepFrom) {
        this.incidentId = requireNonNull(incidentId, "incidentId");
        this.firstStepFrom = firstStepFrom;
        this.policy = requireNonNull(policy, "policy");
        this.position = requireNonNull(saved, "saved");
        this.hooks = requireNonNull(hooks, "hooks");
        this.scheduler = requireNonNull(scheduler, "scheduler");
        this.time = requireNonNull(time, "time");
        this.onChange = requireNonNull(onChange, "onChange");
        checkFits(saved, policy);
    }

    private static void checkFits(EscalationPosition p, EscalationPolicy policy) {
        List<EscalationStep> steps = policy.steps();
        if (p.step() > steps.size()
                || p.repeatsDone() > policy.repeats()
                || (p.waitStartedAt().isPresent()
                        && (p.step() == steps.size() || !(steps.get(p.step()) instanceof EscalationStep.Wait)))) {
            throw new IllegalArgumentException("escalation position " + p + " does not fit policy " + policy.name()
                    + " " + policy.lines() + "; resume with the policy the position was saved under");
        }
    }

    void begin(boolean acknowledged) {
        synchronized (lock) {
            stepsStopped = acknowledged || position.step() >= policy.steps().size();
            if (!stepsStopped) {
                stepTask = scheduler.schedule(Duration.ZERO, this::drive);
            }
        }
        if (policy.autoResolveAfterQuiet().isPresent()) {
            scheduleQuietCheck(Duration.ZERO);
        }
    }

    /**
     * Stops the steps, as an acknowledgement does: no step begins after this returns. The quiet rule
     * goes on. Idempotent.
     */
    public void cancel() {
        synchronized (lock) {
            stepsStopped = true;
            cancelStepTask();
        }
    }

    /** Stops the steps and the quiet rule, as the incident's resolution does. Idempotent. */
    public void close() {
        synchronized (lock) {
            closed = true;
            stepsStopped = true;
            cancelStepTask();
            if (quietTask != null) {
                quietTask.cancel();
                quietTask = null;
            }
        }
    }

    /**
     * Tells the run that the incident's source stopped failing (or failed again), so that the quiet
     * rule looks at the incident now rather than at its next check. Does nothing without a quiet rule.
     */
    public void sourceChanged() {
        if (policy.autoResolveAfterQuiet().isPresent()) {
            scheduleQuietCheck(Duration.ZERO);
        }
    }

    /** Returns the run's position, as {@code onChange} was last told it. */
    public EscalationPosition position() {
        synchronized (lock) {
            return position;
        }
    }

    /** Returns whether steps may still run: not acknowledged, not closed and not ended. */
    public boolean escalating() {
        synchronized (lock) {
            return !stepsStopped;
        }
    }

    /** Returns whether the run has been closed, by {@link #close()} or by resolving the incident itself. */
    public boolean closed() {
        synchronized (lock) {
            return closed;
        }
    }

    /** Returns the incident the run escalates. */
    public String incidentId() {
        return incidentId;
    }

    /** Returns the policy the run follows. */
    public EscalationPolicy policy() {
        return policy;
    }

    private void cancelStepTask() {
        if (stepTask != null) {
            stepTask.cancel();
            stepTask = null;
        }
    }

    /** What one step does: the position to report, the effect to carry out, and how to go on. */
    private record Action(
            @Nullable EscalationPosition changed,
            @Nullable Runnable effect,
            @Nullable Duration wakeAfter,
            boolean goOn) {}

    private void drive() {
        while (true) {
            Action a;
            synchronized (lock) {
                stepTask = null;
                if (stepsStopped) {
                    return;
                }
                a = decide();
            }
            if (a.changed() != null) {
                report(a.changed());
            }
            if (a.effect() != null) {
                a.effect().run();
            }
            if (a.wakeAfter() != null) {
                synchronized (lock) {
                    if (!stepsStopped) {
                        stepTask = scheduler.schedule(a.wakeAfter(), this::drive);
                    }
                }
                return;
            }
            if (!a.goOn()) {
                return;
            }
        }
    }

    /** Decides the next step and moves the position; called with the lock held. */
    private Action decide() {
        List<EscalationStep> steps = policy.steps();
        int i = position.step();
        if (i >= steps.size()) {
            stepsStopped = true;
            return new Action(null, null, null, false);
        }
        EscalationStep step = steps.get(i);
        Instant now = time.now();
        Instant from = firstStepFrom != null && firstStepFrom.isBefore(now) ? firstStepFrom : now;
        firstStepFrom = null;
        if (step instanceof EscalationStep.Wait w) {
            if (position.waitStartedAt().isEmpty()) {
                position = position.waitingSince(from);
                Instant until = from.plus(w.duration());
                Duration left = Duration.between(now, until);
                return new Action(
                        position,
                        () -> record(
                                i, step, "waiting until " + until, List.of(), false, Map.of("until", until.toString())),
                        left.isNegative() ? Duration.ZERO : left,
                        false);
            }
            Instant end = position.waitStartedAt().get().plus(w.duration());
            if (now.isBefore(end)) {
                return new Action(null, null, Duration.between(now, end), false); // resumed mid-wait
            }
            position = position.next();
            return new Action(position, null, null, true);
        }
        if (step instanceof EscalationStep.Repeat r) {
            if (position.repeatsDone() < r.times()) {
                int round = position.repeatsDone() + 1;
                position = new EscalationPosition(0, round, Optional.empty());
                return new Action(
                        position,
                        () -> record(
                                i,
                                step,
                                "starting again from step 1, repeat " + round + " of " + r.times(),
                                List.of(),
                                false,
                                Map.of("repeat", String.valueOf(round))),
                        null,
                        true);
            }
            position = new EscalationPosition(steps.size(), position.repeatsDone(), Optional.empty());
            stepsStopped = true;
            return new Action(
                    position,
                    () -> record(
                            i,
                            step,
                            "no repeat left, escalation ended",
                            List.of(),
                            true,
                            Map.of("repeat", String.valueOf(r.times()))),
                    null,
                    false);
        }
        position = position.next();
        return new Action(position, () -> notifyStep(i, step, now), null, true);
    }

    private void notifyStep(int i, EscalationStep step, Instant now) {
        if (step instanceof EscalationStep.Notify n) {
            send(i, step, n.targets(), Map.of());
        } else if (step instanceof EscalationStep.NotifyNextEachTime n) {
            int counter = call("nextInRotation", i, () -> hooks.nextInRotation(policy.name(), i), 0);
            int at = Math.floorMod(counter, n.targets().size());
            send(i, step, List.of(n.targets().get(at)), Map.of("rotation", String.valueOf(counter)));
        } else if (step instanceof EscalationStep.NotifyIfNInWindow n) {
            long signals = call("signalsSince", i, () -> hooks.signalsSince(incidentId, now.minus(n.window())), 0L);
            String counted = signals + (signals == 1 ? " signal" : " signals") + " in the last "
                    + EscalationStep.durationText(n.window());
            Map<String, String> extra = Map.of("signals", String.valueOf(signals));
            if (signals >= n.n()) {
                send(i, step, n.targets(), extra, ", " + counted);
            } else {
                record(i, step, "skipped, " + counted + ", fewer than " + n.n(), n.targets(), true, extra);
            }
        } else {
            throw new IllegalStateException("not a notifying step: " + step);
        }
    }

    private void send(int i, EscalationStep step, List<String> targets, Map<String, String> extra) {
        send(i, step, targets, extra, "");
    }

    private void send(int i, EscalationStep step, List<String> targets, Map<String, String> extra, String suffix) {
        String reason = "incident " + incidentId + " escalated by policy " + policy.name() + ", " + label(i, step);
        try {
            hooks.notify(incidentId, targets, reason);
        } catch (RuntimeException e) {
            // The step stays on the timeline as run; the delivery failure is the manager's to report.
            log.atWarn()
                    .addKeyValue("incident", incidentId)
                    .addKeyValue("policy", policy.name())
                    .addKeyValue("step", i + 1)
                    .setCause(e)
                    .log("an escalation notification could not be handed over");
        }
        record(i, step, "notified " + String.join(",", targets) + suffix, targets, false, extra);
    }

    private void record(
            int i, EscalationStep step, String what, List<String> targets, boolean skipped, Map<String, String> extra) {
        Map<String, String> details = new LinkedHashMap<>(extra);
        details.put("policy", policy.name());
        details.put("step", String.valueOf(i + 1));
        details.put("stepText", step.toString());
        details.put("targets", String.join(",", targets));
        details.put("skipped", String.valueOf(skipped));
        record(label(i, step) + ": " + what, details);
    }

    private void record(String text, Map<String, String> details) {
        try {
            hooks.record(incidentId, "escalation " + text, Map.copyOf(details));
        } catch (RuntimeException e) {
            log.atWarn()
                    .addKeyValue("incident", incidentId)
                    .addKeyValue("policy", policy.name())
                    .setCause(e)
                    .log("an escalation step could not be recorded on the timeline");
        }
    }

    private static String label(int i, EscalationStep step) {
        return "step " + (i + 1) + " (" + step + ")";
    }

    private <T> T call(String hook, int i, Supplier<T> query, T fallback) {
        try {
            return query.get();
        } catch (RuntimeException e) {
            // The step still runs with the fallback: a failing query must not stop the escalation.
            log.atWarn()
                    .addKeyValue("incident", incidentId)
                    .addKeyValue("policy", policy.name())
                    .addKeyValue("step", i + 1)
                    .addKeyValue("hook", hook)
                    .setCause(e)
                    .log("an escalation hook failed; the step runs with the fallback value " + fallback);
            return fallback;
        }
    }

    private void report(EscalationPosition p) {
        try {
            onChange.accept(p);
        } catch (RuntimeException e) {
            // Going on risks a repeated notification after a restart; stopping would drop the escalation.
            log.atError()
                    .addKeyValue("incident", incidentId)
                    .addKeyValue("position", p)
                    .setCause(e)
                    .log("the escalation position could not be saved; escalating on");
        }
    }

    private void scheduleQuietCheck(Duration delay) {
        synchronized (lock) {
            if (closed) {
                return;
            }
            long generation = ++quietGeneration;
            if (quietTask != null) {
                quietTask.cancel();
            }
            quietTask = scheduler.schedule(delay, () -> checkQuiet(generation));
        }
    }

    /** Schedules the next quiet check from a check, unless a newer one was scheduled meanwhile. */
    private void rescheduleQuietCheck(long generation, Duration delay) {
        synchronized (lock) {
            if (generation == quietGeneration) {
                scheduleQuietCheck(delay);
            }
        }
    }

    private void checkQuiet(long generation) {
        Duration quiet = policy.autoResolveAfterQuiet().orElseThrow();
        synchronized (lock) {
            if (closed || generation != quietGeneration) {
                return;
            }
            quietTask = null;
        }
        Instant now = time.now();
        Instant due;
        boolean failing;
        try {
            due = hooks.lastSignalAt(incidentId).plus(quiet);
            failing = !now.isBefore(due) && hooks.sourceFailing(incidentId);
        } catch (RuntimeException e) {
            log.atWarn()
                    .addKeyValue("incident", incidentId)
                    .addKeyValue("policy", policy.name())
                    .setCause(e)
                    .log("the quiet rule could not look at the incident; it looks again after the quiet time");
            rescheduleQuietCheck(generation, quiet);
            return;
        }
        if (now.isBefore(due)) {
            synchronized (lock) {
                failingRecorded = false; // a signal came: a new quiet stretch
            }
            rescheduleQuietCheck(generation, Duration.between(now, due));
            return;
        }
        String rule = new EscalationStep.AutoResolveAfterQuiet(quiet).toString();
        String label = "rule (" + rule + "): ";
        if (failing) {
            boolean first;
            synchronized (lock) {
                first = !failingRecorded;
                failingRecorded = true;
            }
            if (first) {
                record(
                        label + "quiet, but the source still fails; not resolving",
                        Map.of("policy", policy.name(), "stepText", rule, "skipped", "true"));
            }
            rescheduleQuietCheck(generation, quiet);
            return;
        }
        synchronized (lock) {
            if (closed || generation != quietGeneration) {
                return;
            }
            closed = true;
            stepsStopped = true;
            cancelStepTask();
        }
        record(
                label + "no signal for " + EscalationStep.durationText(quiet)
                        + " and the source no longer fails; resolving",
                Map.of("policy", policy.name(), "stepText", rule, "skipped", "false"));
        hooks.autoResolve(incidentId, quiet);
    }
}

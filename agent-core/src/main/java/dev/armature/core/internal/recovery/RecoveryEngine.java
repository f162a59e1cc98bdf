package dev.armature.core.internal.recovery;

import static java.util.Objects.requireNonNull;

import dev.armature.api.AgentSystem;
import dev.armature.api.Checkpoint;
import dev.armature.api.ComponentEvent;
import dev.armature.api.ComponentState;
import dev.armature.api.LogFields;
import dev.armature.api.event.EventBus;
import dev.armature.api.event.Subscription;
import dev.armature.api.resilience.CircuitState;
import dev.armature.api.resilience.ErrorFinding;
import dev.armature.api.resilience.Fingerprint;
import dev.armature.api.resilience.GuardEvent;
import dev.armature.api.resilience.Recovery;
import dev.armature.api.resilience.RecoveryEvent;
import dev.armature.api.resilience.RecoveryPhase;
import dev.armature.api.resilience.RecoveryStatus;
import dev.armature.api.resilience.RecoveryTarget;
import dev.armature.api.resilience.Rollback;
import dev.armature.api.resilience.StepOutcome;
import dev.armature.api.time.Cancellable;
import dev.armature.api.time.Scheduler;
import dev.armature.api.time.TimeSource;
import dev.armature.core.internal.concurrent.LogContext;
import dev.armature.spi.resilience.RecoveryChain;
import dev.armature.spi.resilience.RecoveryContext;
import dev.armature.spi.resilience.RecoveryStep;
import dev.armature.spi.resilience.StepResult;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Internal: runs the recovery chains. Signals come from the event bus — a supervisor's escalation, a
 * circuit opening or closing, an error finding — and each target has at most one recovery at a time,
 * whose steps run one after the other on the worker executor. State is guarded by this object's
 * lock; steps and undos never run under it.
 */
public final class RecoveryEngine implements Recovery {
    /** The event source of recovery events. */
    public static final String SOURCE = "recovery";

    private static final Logger log = LoggerFactory.getLogger(RecoveryEngine.class);

    /** What the engine needs of the components. */
    public interface Components {
        /** Restarts a failed component from its last good checkpoint; see {@link RecoveryContext}. */
        Optional<Checkpoint> restartFromLastGoodCheckpoint(String component);

        /** Whether the component is running now. */
        boolean running(String component);
    }

    /** What the engine needs of the guards. */
    public interface GuardActions {
        /** Makes the guards of a name keep the value of their last success. */
        void rememberLastGood(String guard);

        /** Makes every failed call that begins from now on answer with the fallback's value. */
        void answerWith(String guard, Function<Throwable, ?> answer);

        /** As {@link #answerWith}, with the last good value; false, changing nothing, when there is none. */
        boolean answerWithLastGood(String guard);

        /** Ends an answer. */
        void stopAnswering(String guard);

        /** The guard's circuit state now. */
        CircuitState circuitState(String guard);
    }

    private final AgentSystem system;
    private final EventBus bus;
    private final TimeSource time;
    private final Scheduler scheduler;
    private final Executor workers;
    private final GuardActions guards;
    private final Components components;
    private final Map<RecoveryTarget, RecoveryChain> chains;
    private final Supplier<Duration> stableAfter;
    private final BiConsumer<String, StepOutcome> stepFinished;

    private final Map<RecoveryTarget, Active> active = new LinkedHashMap<>();
    /** Components escalated and not yet FAILED, with the escalation's words; one listener writes it. */
    private final Map<String, String> escalated = new java.util.HashMap<>();

    private final List<Subscription> subscriptions = new ArrayList<>();
    private boolean stopped;

    /**
     * Creates the engine and lets each step declare what it needs.
     *
     * @param chains the chains bound to targets; a component without one gets the default chain
     * @param stepFinished told of each step's outcome, for the meters
     */
    public RecoveryEngine(
            AgentSystem system,
            EventBus bus,
            TimeSource time,
            Scheduler scheduler,
            Executor workers,
            GuardActions guards,
            Components components,
            Map<RecoveryTarget, RecoveryChain> chains,
            Supplier<Duration> stableAfter,
            BiConsumer<String, StepOutcome> stepFinished) {
        this.system = system;
        this.bus = bus;
        this.time = time;
        this.scheduler = scheduler;
        this.workers = workers;
        this.guards = guards;
        this.components = components;
        this.chains = Map.copyOf(chains);
        this.stableAfter = stableAfter;
        this.stepFinished = stepFinished;
        for (RecoveryChain chain : chains.values()) {
            for (RecoveryStep step : chain.steps()) {
                step.prepare(guards::rememberLastGood);
            }
        }
    }

    /** Starts following the signals. */
    public synchronized void start() {
        // A component's chain starts once the supervisor has escalated and the component has
        // reached FAILED, after its dependents stopped: only then can it be restarted.
        subscriptions.add(bus.subscribe(ComponentEvent.class, e -> {
            ComponentEvent event = e.payload();
            if (event instanceof ComponentEvent.Escalated x) {
                escalated.put(
                        x.component(),
                        "the supervisor escalated after " + x.restarts() + " restarts within " + x.window()
                                + x.cause().map(c -> ": " + c.summary()).orElse(""));
            } else if (event instanceof ComponentEvent.StateChanged x && x.to() == ComponentState.FAILED) {
                String signal = escalated.remove(x.component());
                if (signal != null) {
                    failed(RecoveryTarget.component(x.component()), signal);
                }
            }
        }));
        subscriptions.add(bus.subscribe(GuardEvent.CircuitStateChanged.class, e -> {
            GuardEvent.CircuitStateChanged x = e.payload();
            RecoveryTarget target = RecoveryTarget.guard(x.guard());
            if (x.key().isPresent() || !chains.containsKey(target)) {
                return;
            }
            if (x.to() == CircuitState.OPEN) {
                failed(target, "its circuit opened: " + x.reason());
            } else if (x.to() == CircuitState.CLOSED && x.from() != CircuitState.FORCED_OPEN) {
                healed(target, "its circuit closed: " + x.reason());
            }
        }));
        subscriptions.add(bus.subscribe(ErrorFinding.class, e -> {
            ErrorFinding f = e.payload();
            Fingerprint fp;
            if (f instanceof ErrorFinding.NewError n) {
                fp = n.fingerprint();
            } else if (f instanceof ErrorFinding.Spike s) {
                fp = s.fingerprint();
            } else if (f instanceof ErrorFinding.Escalating x) {
                fp = x.fingerprint();
            } else {
                return;
            }
            RecoveryTarget target = RecoveryTarget.fingerprint(fp);
            if (chains.containsKey(target)) {
                failed(target, "finding: " + f);
            }
        }));
    }

    /** Stops following signals and abandons the recoveries in progress, undoing nothing: the system is going away. */
    public void stop() {
        List<Active> abandoned;
        synchronized (this) {
            stopped = true;
            subscriptions.forEach(Subscription::close);
            subscriptions.clear();
            abandoned = new ArrayList<>(active.values());
            active.clear();
        }
        for (Active a : abandoned) {
            a.cancelWatch();
            publish(new RecoveryEvent.Ended(
                    a.target, RecoveryEvent.Resolution.ABANDONED, "the system stopped", a.elapsed()));
        }
    }

    // ---------------------------------------------------------------- the service

    /** How many recoveries are in progress, for the gauge. */
    public synchronized int activeCount() {
        return active.size();
    }

    @Override
    public synchronized List<RecoveryStatus> active() {
        return active.values().stream()
                .filter(a -> !a.ending)
                .map(Active::status)
                .toList();
    }

    @Override
    public synchronized Optional<RecoveryStatus> status(RecoveryTarget target) {
        requireNonNull(target, "target");
        Active a = active.get(target);
        return a == null || a.ending ? Optional.empty() : Optional.of(a.status());
    }

    @Override
    public boolean trigger(RecoveryTarget target, String reason) {
        requireNonNull(target, "target");
        requireNonNull(reason, "reason");
        if (chainFor(target) == null) {
            throw new IllegalArgumentException("no recovery chain is bound to " + target
                    + "; bind one with AgentSystem.Builder.addRecoveryChain or PluginContext.addRecoveryChain");
        }
        synchronized (this) {
            if (stopped || active.containsKey(target)) {
                return false;
            }
            begin(target, "triggered by hand: " + reason);
            return true;
        }
    }

    @Override
    public synchronized boolean resume(RecoveryTarget target, String note) {
        requireNonNull(target, "target");
        requireNonNull(note, "note");
        Active a = active.get(target);
        if (a == null || a.ending) {
            return false;
        }
        if (a.phase == RecoveryPhase.RUNNING) {
            a.endWhenStepReturns(RecoveryEvent.Resolution.RESUMED, note);
        } else {
            end(a, RecoveryEvent.Resolution.RESUMED, note);
        }
        return true;
    }

    // ---------------------------------------------------------------- signals

    /** The target failed: starts its chain, or goes on after the step it was watching. */
    synchronized void failed(RecoveryTarget target, String signal) {
        if (stopped) {
            return;
        }
        Active a = active.get(target);
        if (a == null) {
            if (chainFor(target) != null) {
                begin(target, signal);
            }
            return;
        }
        if (a.ending) {
            a.pendingSignal = signal; // started afresh once the ending recovery has undone its steps
        } else if (a.phase == RecoveryPhase.WATCHING) {
            deviate(a, signal);
        } else {
            log.atDebug()
                    .addKeyValue(LogFields.RECOVERY_TARGET, target)
                    .addKeyValue("phase", a.phase)
                    .addKeyValue("signal", signal)
                    .log("a recovery in progress ignores a new failure of its target");
        }
    }

    /** The target became well by itself: its recovery ends. */
    synchronized void healed(RecoveryTarget target, String detail) {
        Active a = active.get(target);
        if (a == null || a.ending) {
            return;
        }
        if (a.phase == RecoveryPhase.RUNNING) {
            a.endWhenStepReturns(RecoveryEvent.Resolution.HEALED, detail);
        } else {
            end(a, RecoveryEvent.Resolution.HEALED, detail);
        }
    }

    private @Nullable RecoveryChain chainFor(RecoveryTarget target) {
        RecoveryChain chain = chains.get(target);
        if (chain == null && target.kind() == RecoveryTarget.Kind.COMPONENT) {
            chain = RecoveryChain.defaultFor(target.name());
        }
        return chain;
    }

    // ---------------------------------------------------------------- the walk; all under the lock

    private void begin(RecoveryTarget target, String trigger) {
        RecoveryChain chain = requireNonNull(chainFor(target));
        Active a = new Active(target, chain, trigger, time.now(), time.nanoTime());
        active.put(target, a);
        log.atWarn()
                .addKeyValue(LogFields.RECOVERY_TARGET, target)
                .addKeyValue("trigger", trigger)
                .log("recovery started");
        publish(new RecoveryEvent.Started(
                target, trigger, chain.steps().stream().map(RecoveryStep::name).toList()));
        advance(a, 0);
    }

    private void advance(Active a, int index) {
        if (a.pendingEnd != null) {
            end(a, a.pendingEnd, a.pendingEndDetail);
            return;
        }
        List<RecoveryStep> steps = a.chain.steps();
        if (index >= steps.size()) {
            pause(a, "every step of the chain was tried and none recovered " + a.target);
            return;
        }
        RecoveryStep step = steps.get(index);
        a.index = index;
        a.phase = RecoveryPhase.RUNNING;
        a.tried.add(step.name());
        publish(new RecoveryEvent.StepStarted(a.target, step.name(), index, step.rollback()));
        execute(a, () -> runStep(a, step, index));
    }

    /** Runs a step on a worker, then applies its outcome under the lock. */
    private void runStep(Active a, RecoveryStep step, int index) {
        StepResult result;
        try {
            result = requireNonNull(step.run(a), () -> "recovery step " + step.name() + " returned null");
        } catch (Exception e) {
            log.atWarn()
                    .addKeyValue(LogFields.RECOVERY_TARGET, a.target)
                    .addKeyValue("step", step.name())
                    .setCause(e)
                    .log("recovery step failed");
            result = StepResult.failed(e.getClass().getSimpleName() + ": " + e.getMessage());
        }
        boolean undone = false;
        boolean undoWorked = false;
        if (result.outcome() == StepOutcome.FAILED && step.rollback() != Rollback.NEVER) {
            undone = true;
            undoWorked = undo(a, step);
        }
        synchronized (this) {
            if (active.get(a.target) != a || a.ending) {
                return; // abandoned while the step ran
            }
            publish(new RecoveryEvent.StepFinished(a.target, step.name(), index, result.outcome(), result.detail()));
            stepFinished.accept(step.name(), result.outcome());
            if (undone) {
                publish(new RecoveryEvent.RolledBack(a.target, step.name(), "the step failed", undoWorked));
            }
            StepOutcome outcome = result.outcome();
            boolean acted =
                    outcome == StepOutcome.RECOVERED || outcome == StepOutcome.CONTINUE || outcome == StepOutcome.PAUSE;
            if (acted && step.rollback() == Rollback.ALWAYS) {
                a.toUndo.push(step);
            }
            switch (outcome) {
                case RECOVERED -> watch(a);
                case PAUSE -> pause(a, result.detail());
                default -> advance(a, index + 1);
            }
        }
    }

    private void watch(Active a) {
        if (a.pendingEnd != null) {
            end(a, a.pendingEnd, a.pendingEndDetail);
            return;
        }
        a.phase = RecoveryPhase.WATCHING;
        long epoch = ++a.epoch;
        a.watch = scheduler.schedule(stableAfter.get(), () -> watchPassed(a, epoch));
    }

    private synchronized void watchPassed(Active a, long epoch) {
        if (active.get(a.target) != a || a.ending || a.phase != RecoveryPhase.WATCHING || a.epoch != epoch) {
            return;
        }
        if (well(a.target)) {
            end(
                    a,
                    RecoveryEvent.Resolution.RECOVERED,
                    "by step " + a.currentStep().name());
        } else {
            deviate(a, a.target + " is not well at the end of the stable period");
        }
    }

    private boolean well(RecoveryTarget target) {
        return switch (target.kind()) {
            case COMPONENT -> components.running(target.name());
            case GUARD -> guards.circuitState(target.name()) == CircuitState.CLOSED;
                // a fingerprint that failed again within the period would have deviated already
            case FINGERPRINT -> true;
        };
    }

    private void deviate(Active a, String signal) {
        a.cancelWatch();
        RecoveryStep step = a.currentStep();
        int index = a.index;
        a.trigger = signal;
        log.atWarn()
                .addKeyValue(LogFields.RECOVERY_TARGET, a.target)
                .addKeyValue("step", step.name())
                .addKeyValue("signal", signal)
                .log("recovered target failed again; the chain goes on");
        publish(new RecoveryEvent.Deviated(a.target, step.name(), signal));
        if (step.rollback() != Rollback.ON_DEVIATION) {
            advance(a, index + 1);
            return;
        }
        a.phase = RecoveryPhase.RUNNING;
        execute(a, () -> {
            boolean worked = undo(a, step);
            synchronized (this) {
                if (active.get(a.target) != a || a.ending) {
                    return;
                }
                publish(new RecoveryEvent.RolledBack(a.target, step.name(), "the target failed again", worked));
                advance(a, index + 1);
            }
        });
    }

    private void pause(Active a, String reason) {
        a.phase = RecoveryPhase.PAUSED;
        log.atError()
                .addKeyValue(LogFields.RECOVERY_TARGET, a.target)
                .addKeyValue("reason", reason)
                .log("recovery needs a person");
        publish(new RecoveryEvent.ManualInterventionRequired(a.target, reason, a.tried));
        if (a.pendingEnd != null) {
            end(a, a.pendingEnd, a.pendingEndDetail);
        }
    }

    /**
     * Ends a recovery: undoes, last first, the steps that declared ALWAYS, then publishes the end. A
     * failure of the target meanwhile starts a fresh recovery after that, never alongside the undos.
     */
    private void end(Active a, RecoveryEvent.Resolution resolution, String detail) {
        a.cancelWatch();
        a.ending = true;
        List<RecoveryStep> undo = new ArrayList<>(a.toUndo);
        a.toUndo.clear();
        Runnable finish = () -> {
            for (RecoveryStep step : undo) {
                boolean worked = undo(a, step);
                publish(new RecoveryEvent.RolledBack(a.target, step.name(), "the recovery ended", worked));
            }
            synchronized (this) {
                if (active.get(a.target) != a) {
                    return; // abandoned at stop, which published the end
                }
                active.remove(a.target);
                log.atInfo()
                        .addKeyValue(LogFields.RECOVERY_TARGET, a.target)
                        .addKeyValue("resolution", resolution)
                        .addKeyValue("detail", detail)
                        .log("recovery ended");
                publish(new RecoveryEvent.Ended(a.target, resolution, detail, a.elapsed()));
                String pending = a.pendingSignal;
                if (pending != null && !stopped) {
                    begin(a.target, pending);
                }
            }
        };
        if (undo.isEmpty()) {
            finish.run();
        } else {
            execute(a, finish);
        }
    }

    private boolean undo(Active a, RecoveryStep step) {
        try {
            step.undo(a);
            return true;
        } catch (Exception e) {
            log.atError()
                    .addKeyValue(LogFields.RECOVERY_TARGET, a.target)
                    .addKeyValue("step", step.name())
                    .setCause(e)
                    .log("undoing a recovery step failed; its action may still be in force");
            return false;
        }
    }

    private void execute(Active a, Runnable work) {
        try {
            workers.execute(LogContext.wrap(work));
        } catch (RejectedExecutionException e) {
            // The pool refuses only once the system is stopping, which abandons every recovery.
            log.atDebug()
                    .addKeyValue(LogFields.RECOVERY_TARGET, a.target)
                    .log("the worker pool refused a recovery step; the system is stopping");
        }
    }

    private void publish(RecoveryEvent event) {
        bus.publish(SOURCE, event);
    }

    /** One target's recovery in progress; its fields are guarded by the engine's lock. */
    private final class Active implements RecoveryContext {
        final RecoveryTarget target;
        final RecoveryChain chain;
        final Instant startedAt;
        final long startedNanos;
        final List<String> tried = new ArrayList<>();
        /** The acted steps that declared ALWAYS, the last first. */
        final Deque<RecoveryStep> toUndo = new ArrayDeque<>();

        volatile String trigger;
        int index;
        RecoveryPhase phase = RecoveryPhase.RUNNING;
        long epoch;
        boolean ending;

        @Nullable
        Cancellable watch;

        RecoveryEvent.@Nullable Resolution pendingEnd;
        String pendingEndDetail = "";

        @Nullable
        String pendingSignal;

        Active(RecoveryTarget target, RecoveryChain chain, String trigger, Instant startedAt, long startedNanos) {
            this.target = target;
            this.chain = chain;
            this.trigger = trigger;
            this.startedAt = startedAt;
            this.startedNanos = startedNanos;
        }

        RecoveryStep currentStep() {
            return chain.steps().get(index);
        }

        void endWhenStepReturns(RecoveryEvent.Resolution resolution, String detail) {
            if (pendingEnd == null) {
                pendingEnd = resolution;
                pendingEndDetail = detail;
            }
        }

        void cancelWatch() {
            Cancellable w = watch;
            if (w != null) {
                w.cancel();
                watch = null;
            }
        }

        Duration elapsed() {
            return Duration.ofNanos(time.nanoTime() - startedNanos);
        }

        RecoveryStatus status() {
            return new RecoveryStatus(target, phase, currentStep().name(), trigger, startedAt, tried);
        }

        @Override
        public RecoveryTarget target() {
            return target;
        }

        @Override
        public String trigger() {
            return trigger;
        }

        @Override
        public AgentSystem system() {
            return system;
        }

        @Override
        public Optional<Checkpoint> restartFromLastGoodCheckpoint(String component) {
            requireNonNull(component, "component");
            return components.restartFromLastGoodCheckpoint(component);
        }

        @Override
        public void answerWith(String guard, Function<Throwable, ?> fallback) {
            guards.answerWith(guard, fallback);
        }

        @Override
        public boolean answerWithLastGood(String guard) {
            return guards.answerWithLastGood(guard);
        }

        @Override
        public void stopAnswering(String guard) {
            guards.stopAnswering(guard);
        }
    }
}

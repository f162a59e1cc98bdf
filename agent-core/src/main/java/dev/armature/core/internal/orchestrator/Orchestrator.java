package dev.armature.core.internal.orchestrator;

import static java.util.Objects.requireNonNull;

import dev.armature.api.Checkpoint;
import dev.armature.api.Checkpointable;
import dev.armature.api.ComponentContext;
import dev.armature.api.ComponentEvent;
import dev.armature.api.ComponentFailure;
import dev.armature.api.ComponentState;
import dev.armature.api.FailureInfo;
import dev.armature.api.IllegalLifecycleException;
import dev.armature.api.LogFields;
import dev.armature.api.RestartKind;
import dev.armature.api.RestartPolicy;
import dev.armature.api.config.Config;
import dev.armature.api.event.EventBus;
import dev.armature.api.resilience.ErrorEvent;
import dev.armature.api.resilience.Errors;
import dev.armature.api.resilience.Guard;
import dev.armature.api.time.RandomSource;
import dev.armature.api.time.Scheduler;
import dev.armature.api.time.TimeSource;
import dev.armature.core.internal.errors.DefaultErrors;
import dev.armature.core.internal.metrics.Meters;
import dev.armature.core.internal.recovery.RecoveryEngine;
import dev.armature.core.internal.recovery.SafeModeSwitch;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.random.RandomGenerator;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Internal: starts and supervises a system's components; {@link HealthWatch} feeds it liveness
 * failures and {@link ComponentStops} stops everything at shutdown.
 *
 * <p>All state lives in the {@link ComponentTable}'s nodes, guarded by its one lock; blocking calls
 * into components run on the worker pool through {@link TimedOperations}, and their outcomes come
 * back under the lock. A component starts as soon as its hard dependencies run and its soft ones
 * have settled, so a slow component delays only what depends on it.
 */
final class Orchestrator implements HealthWatch.Supervisor, RecoveryEngine.Components, SafeModeSwitch.Components {
    private static final Logger log = LoggerFactory.getLogger(Orchestrator.class);

    private enum Mode {
        IDLE,
        STARTING,
        RUNNING,
        STOPPING
    }

    private final ComponentTable table;
    private final Object lock;
    private final ComponentGraph graph;
    private final EventBus bus;
    private final TimeSource time;
    private final Scheduler scheduler;
    private final RandomSource randomSource;
    private final RandomGenerator backoffRandom;
    private final TimedOperations ops;
    private final Meters meters;
    private final Checkpoints checkpoints;
    private final Function<String, Guard> guards;
    private final DefaultErrors errors;
    /** The system's service lookup, which throws for a module that is missing. */
    private final Function<Class<?>, Object> services;
    /** The instances plugins contributed for an SPI. */
    private final Function<Class<?>, List<?>> contributions;

    private Mode mode = Mode.IDLE;
    private boolean aborting;
    /** Whether safe mode holds the non-essential components stopped. */
    private boolean safeMode;

    private final List<ComponentFailure> startFailures = new ArrayList<>();
    private CompletableFuture<Void> startSettled = new CompletableFuture<>();

    private final Config config;
    private final Path dataDirectory;

    Orchestrator(
            ComponentTable table,
            Scheduler scheduler,
            RandomSource randomSource,
            TimedOperations ops,
            Meters meters,
            Checkpoints checkpoints,
            Config config,
            Function<String, Guard> guards,
            DefaultErrors errors,
            Function<Class<?>, Object> services,
            Function<Class<?>, List<?>> contributions,
            Path dataDirectory) {
        this.table = table;
        this.dataDirectory = dataDirectory.toAbsolutePath();
        this.services = services;
        this.contributions = contributions;
        this.config = config;
        this.guards = guards;
        this.errors = errors;
        this.checkpoints = checkpoints;
        this.meters = meters;
        this.lock = table.lock;
        this.graph = table.graph();
        this.bus = table.bus();
        this.time = table.time();
        this.scheduler = scheduler;
        this.randomSource = randomSource;
        this.backoffRandom = randomSource.stream("armature.supervisor.backoff");
        this.ops = ops;
    }

    // ---------------------------------------------------------------- start

    /** Starts every component and waits until each has settled; returns every failure. */
    List<ComponentFailure> startAll() throws InterruptedException {
        CompletableFuture<Void> settled;
        synchronized (lock) {
            mode = Mode.STARTING;
            startSettled = new CompletableFuture<>();
            launchReady();
            checkStartSettled();
            settled = startSettled;
        }
        try {
            settled.get();
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("start settlement cannot fail", e);
        }
        synchronized (lock) {
            if (mode == Mode.STARTING) {
                mode = Mode.RUNNING;
            }
            return List.copyOf(startFailures);
        }
    }

    /** Whether any failure of the start was a required component's. */
    boolean requiredStartFailed() {
        synchronized (lock) {
            return aborting;
        }
    }

    private boolean waitingToStart(ComponentNode n) {
        if (n.inFlight != null) {
            return false;
        }
        return switch (n.state) {
            case NEW -> mode == Mode.STARTING && !aborting;
            case RESTARTING -> !n.awaitingBackoff && mode != Mode.STOPPING;
            default -> false;
        };
    }

    /** Starts every component that waits and may start now; settles those whose dependency is gone. */
    private void launchReady() {
        launchReadyAmong(table.all());
    }

    /**
     * Starts the candidates that may start now, and settles those whose dependency is gone, then
     * looks again at the successors of what settled. Only a component's successors can change
     * their readiness when it settles, so a start looks at those alone, not at the whole graph.
     */
    private void launchReadyAmong(Collection<ComponentNode> candidates) {
        if (mode == Mode.STOPPING || mode == Mode.IDLE) {
            return;
        }
        ArrayDeque<ComponentNode> todo = new ArrayDeque<>(candidates);
        while (!todo.isEmpty()) {
            ComponentNode n = todo.poll();
            if (!waitingToStart(n)) {
                continue;
            }
            @Nullable String gone = null;
            boolean ready = true;
            for (ComponentNode d : n.dependencies) {
                ComponentState dependency = d.state;
                if (dependency.isTerminal()) {
                    gone = d.name;
                    break;
                }
                ready &= dependency == ComponentState.RUNNING;
            }
            if (gone != null) {
                settleWithoutDependency(n, gone);
                todo.addAll(n.orderingSuccessors);
                continue;
            }
            if (ready && allSettled(n.orderingPredecessors)) {
                launchStart(n);
            }
        }
    }

    private static boolean allSettled(List<ComponentNode> nodes) {
        for (ComponentNode n : nodes) {
            if (!settled(n)) {
                return false;
            }
        }
        return true;
    }

    private static boolean settled(ComponentNode n) {
        return n.inFlight == null && (n.state == ComponentState.RUNNING || n.state.isTerminal());
    }

    private void settleWithoutDependency(ComponentNode n, String dependency) {
        ComponentNode dep = node(dependency);
        FailureInfo cause = new FailureInfo(
                "dependency", "dependency '" + dependency + "' is " + dep.state + ", so '" + n.name + "' cannot run");
        n.lastFailure = cause;
        if (n.state == ComponentState.NEW) {
            transition(n, ComponentState.FAILED, cause);
            recordStartFailure(n, cause);
        } else {
            transition(n, ComponentState.STOPPED, cause);
        }
    }

    private void recordStartFailure(ComponentNode n, FailureInfo cause) {
        startFailures.add(new ComponentFailure(n.name, cause));
        if (!n.descriptor.optional() && mode == Mode.STARTING) {
            aborting = true;
        }
    }

    private void launchStart(ComponentNode n) {
        boolean restart = n.state == ComponentState.RESTARTING;
        long generation = ++n.generation;
        n.stoppedWith = null;
        transition(n, ComponentState.STARTING, null);
        Context context = new Context(n, generation);
        track(
                n,
                ops.run(n.descriptor.startTimeout(), () -> {
                    n.restoredSequence = 0;
                    if (n.component instanceof Checkpointable c) {
                        n.restoredSequence = checkpoints.restore(n.name, c, n.pinnedCheckpoint);
                    }
                    n.component.start(context);
                }),
                r -> onStartDone(n, generation, restart, r));
    }

    private void onStartDone(ComponentNode n, long generation, boolean restart, OpResult r) {
        if (n.generation != generation) {
            return;
        }
        n.lastStartDuration = r.duration();
        Optional<FailureInfo> failure = r.failure("start of '" + n.name + "'", n.descriptor.startTimeout());
        if (failure.isEmpty()) {
            failure = loadHealthChecks(n);
        }
        meters.componentStarted(n.name, r.duration(), failure.isEmpty());
        if (failure.isPresent()) {
            FailureInfo cause = failure.get();
            n.lastFailure = cause;
            Throwable error = r.error();
            if (error != null) {
                recordError(n, error);
            }
            log.atWarn()
                    .addKeyValue(LogFields.COMPONENT, n.name)
                    .addKeyValue("generation", generation)
                    .addKeyValue("cause", cause.summary())
                    .log("component failed to start");
            if (restart && mode != Mode.STOPPING) {
                // A failed restart is one more failure for the supervisor to count.
                n.live = false;
                supervise(n, cause, false);
            } else {
                transition(n, ComponentState.FAILED, cause);
                if (!restart) {
                    recordStartFailure(n, cause);
                }
            }
        } else {
            n.live = true;
            n.runningSinceNanos = time.nanoTime();
            transition(n, ComponentState.RUNNING, null);
        }
        if (restart) {
            launchReady(); // a failed restart may have moved a whole restart group
        } else {
            launchReadyAmong(n.orderingSuccessors);
        }
        checkStartSettled();
    }

    private Optional<FailureInfo> loadHealthChecks(ComponentNode n) {
        try {
            List<dev.armature.api.health.HealthCheck> checks = n.component.healthChecks();
            if (checks == null) {
                return Optional.of(new FailureInfo(
                        "contract", "healthChecks() of '" + n.name + "' returned null; return List.of() for none"));
            }
            n.checks = List.copyOf(checks);
            n.checkStates.clear();
            return Optional.empty();
        } catch (RuntimeException e) {
            return Optional.of(FailureInfo.of(e));
        }
    }

    private void checkStartSettled() {
        if (mode != Mode.STARTING && !(mode == Mode.STOPPING && !startSettled.isDone())) {
            return;
        }
        if (table.starting() > 0) {
            return; // the common case while starting: decided without walking the graph
        }
        boolean anyWaiting = table.all().stream().anyMatch(this::waitingToStart);
        boolean restarting = table.all().stream().anyMatch(n -> n.state == ComponentState.RESTARTING);
        if (aborting || mode == Mode.STOPPING || (!anyWaiting && !restarting)) {
            startSettled.complete(null);
        }
    }

    // ---------------------------------------------------------------- supervision

    /** Called when a running component reports a failure or completion, or a liveness check gives up. */
    void onEnded(ComponentNode n, long generation, @Nullable FailureInfo cause, boolean normal) {
        synchronized (lock) {
            if (mode == Mode.STOPPING || n.generation != generation || n.state != ComponentState.RUNNING) {
                log.atDebug()
                        .addKeyValue(LogFields.COMPONENT, n.name)
                        .addKeyValue("generation", generation)
                        .log("ignoring a report for a component that is not running in that generation");
                return;
            }
            if (cause != null) {
                n.lastFailure = cause;
            }
            supervise(n, cause, normal);
        }
    }

    private void supervise(ComponentNode n, @Nullable FailureInfo cause, boolean normal) {
        if (mode == Mode.STOPPING) {
            return;
        }
        RestartPolicy policy = n.descriptor.restartPolicy();
        if (!normal) {
            noteFailure(n, policy);
        }
        boolean restart = policy.kind() == RestartKind.PERMANENT || (policy.kind() == RestartKind.TRANSIENT && !normal);
        if (!restart) {
            giveUp(n, cause, normal ? ComponentState.STOPPED : ComponentState.FAILED);
            return;
        }
        long now = time.nanoTime();
        long windowNanos = policy.intensity().window().toNanos();
        while (!n.restartTimesNanos.isEmpty() && now - n.restartTimesNanos.peekFirst() >= windowNanos) {
            n.restartTimesNanos.pollFirst();
        }
        if (n.restartTimesNanos.size() >= policy.intensity().maxRestarts()) {
            int restarts = n.restartTimesNanos.size() + 1;
            log.atError()
                    .addKeyValue(LogFields.COMPONENT, n.name)
                    .addKeyValue("restarts", restarts)
                    .addKeyValue("window", policy.intensity().window())
                    .log("restart intensity exceeded; escalating");
            bus.publish(
                    ComponentTable.SOURCE,
                    new ComponentEvent.Escalated(
                            n.name, restarts, policy.intensity().window(), Optional.ofNullable(cause)));
            meters.componentEscalated(n.name);
            giveUp(n, cause, ComponentState.FAILED);
            return;
        }
        meters.componentRestarted(n.name);
        n.restartTimesNanos.addLast(now);
        n.restartCount++;
        // Only a component that ran stably resets its backoff; a restart that failed in start does not.
        if (n.state == ComponentState.RUNNING
                && now - n.runningSinceNanos >= policy.backoff().resetAfter().toNanos()) {
            n.backoffAttempt = 0;
        }
        n.backoffAttempt++;
        Duration delay = Backoffs.delay(policy.backoff(), n.backoffAttempt, backoffRandom);
        List<ComponentNode> group = restartGroup(n, policy);
        // The group starts again once the backoff has passed and every member has stopped,
        // whichever comes last: a member must not start while it or another member still runs.
        RestartGate gate = new RestartGate(group);
        // The timer is set before the restart is announced, so that whoever sees the announcement
        // (a test on virtual time, say) finds the delay already running from now; its task waits
        // for the lock, so it cannot act before the group below is set up.
        n.backoffTimer = scheduler.schedule(delay, () -> {
            synchronized (lock) {
                n.backoffTimer = null;
                gate.backoffPassed();
            }
        });
        bus.publish(
                ComponentTable.SOURCE,
                new ComponentEvent.RestartScheduled(n.name, n.backoffAttempt, delay, Optional.ofNullable(cause)));
        log.atWarn()
                .addKeyValue(LogFields.COMPONENT, n.name)
                .addKeyValue("attempt", n.backoffAttempt)
                .addKeyValue("delay", delay)
                .addKeyValue("cause", cause == null ? "completed" : cause.summary())
                .log("restarting component");

        for (ComponentNode g : group) {
            g.awaitingBackoff = true;
            if (g.state != ComponentState.RESTARTING) {
                transition(g, ComponentState.RESTARTING, g == n ? cause : restartedWith(n));
            }
        }
        n.restartGroup = group;
        stopEachInReverse(group, gate);
    }

    /**
     * Keeps track of the run of failures a restore of the last good checkpoint must reach back
     * before: it begins with the first failure after the component ran stably (as long as its
     * backoff's reset time), and the checkpoints its failed starts and runs had restored are suspect.
     */
    private void noteFailure(ComponentNode n, RestartPolicy policy) {
        long now = time.nanoTime();
        boolean ranStably = n.state == ComponentState.RUNNING
                && now - n.runningSinceNanos >= policy.backoff().resetAfter().toNanos();
        if (n.failingSince == null || ranStably) {
            n.failingSince = time.now();
            n.suspectCheckpoints.clear();
        }
        if (n.restoredSequence > 0) {
            n.suspectCheckpoints.add(n.restoredSequence);
        }
    }

    /**
     * Releases a restart group once its backoff has passed and each member has stopped; guarded by
     * the orchestrator's lock. A group given up on never has its backoff pass, so it stays shut.
     */
    private final class RestartGate implements GroupStop {
        private final List<ComponentNode> group;
        private int stillRunning;
        private boolean backoffPassed;

        RestartGate(List<ComponentNode> group) {
            this.group = group;
            this.stillRunning = group.size();
        }

        void backoffPassed() {
            backoffPassed = true;
            openIfReady();
        }

        @Override
        public void beforeStop(ComponentNode n) {}

        @Override
        public void afterStop(ComponentNode n, @Nullable FailureInfo stopFailure) {
            stillRunning--;
            openIfReady();
        }

        private void openIfReady() {
            if (!backoffPassed || stillRunning > 0) {
                return;
            }
            for (ComponentNode g : group) {
                g.awaitingBackoff = false;
            }
            launchReady();
        }
    }

    private static FailureInfo restartedWith(ComponentNode failed) {
        return new FailureInfo("restart", "restarted together with '" + failed.name + "'");
    }

    /** The failed component and, by strategy, the others that restart with it, in start order. */
    private List<ComponentNode> restartGroup(ComponentNode n, RestartPolicy policy) {
        List<String> names =
                switch (policy.strategy()) {
                    case ONE_FOR_ONE -> List.of(n.name);
                    case DEPENDENTS -> {
                        List<String> g = new ArrayList<>(List.of(n.name));
                        g.addAll(graph.transitiveHardDependents(n.name));
                        yield g;
                    }
                    case ALL -> graph.order();
                };
        List<ComponentNode> group = new ArrayList<>();
        for (String name : graph.order()) {
            ComponentNode g = node(name);
            boolean eligible = g == n || g.state == ComponentState.RUNNING;
            if (names.contains(name) && eligible) {
                group.add(g);
            }
        }
        return group;
    }

    /** Stops a component that will not restart, after stopping everything that needs it. */
    private void giveUp(ComponentNode owner, @Nullable FailureInfo cause, ComponentState finalState) {
        if (owner.backoffTimer != null) {
            owner.backoffTimer.cancel();
            owner.backoffTimer = null;
        }
        // Components that waited to restart with this one no longer wait for its backoff.
        for (ComponentNode g : owner.restartGroup) {
            g.awaitingBackoff = false;
        }
        owner.restartGroup = List.of();
        FailureInfo dependencyGone = new FailureInfo(
                "dependency", "dependency '" + owner.name + "' is " + finalState + ", so its dependents were stopped");
        List<ComponentNode> group = new ArrayList<>();
        for (String name : graph.order()) {
            ComponentNode g = node(name);
            boolean member =
                    g == owner || graph.transitiveHardDependents(owner.name).contains(name);
            if (member && !g.state.isTerminal() && g.state != ComponentState.NEW) {
                group.add(g);
            }
        }
        stopEachInReverse(group, new GroupStop() {
            @Override
            public void beforeStop(ComponentNode g) {
                transition(g, ComponentState.STOPPING, g == owner ? cause : dependencyGone);
            }

            @Override
            public void afterStop(ComponentNode g, @Nullable FailureInfo stopFailure) {
                if (g.state.isTerminal()) {
                    return;
                }
                if (g == owner) {
                    transition(g, finalState, cause);
                } else if (stopFailure != null) {
                    g.lastFailure = stopFailure;
                    transition(g, ComponentState.FAILED, stopFailure);
                } else {
                    g.stoppedWith = owner.name;
                    transition(g, ComponentState.STOPPED, dependencyGone);
                }
            }
        });
    }

    /** What happens to each member of a group stopped by {@link #stopEachInReverse}. */
    private interface GroupStop {
        void beforeStop(ComponentNode n);

        void afterStop(ComponentNode n, @Nullable FailureInfo stopFailure);
    }

    /** Stops the live members of a group one after the other, last first. */
    private void stopEachInReverse(List<ComponentNode> group, GroupStop what) {
        List<ComponentNode> reversed = new ArrayList<>(group);
        Collections.reverse(reversed);
        stopFrom(reversed, 0, what);
    }

    private void stopFrom(List<ComponentNode> reversed, int index, GroupStop what) {
        if (index >= reversed.size() || mode == Mode.STOPPING) {
            return; // a system that is stopping stops what is still live in its own phase
        }
        ComponentNode g = reversed.get(index);
        @Nullable CompletableFuture<Void> busy = g.busy;
        if (busy != null) {
            // A start still running: wait for its outcome, then stop what it started.
            var unused = busy.whenComplete((v, e) -> {
                synchronized (lock) {
                    stopFrom(reversed, index, what);
                }
            });
            return;
        }
        if (!g.live) {
            what.afterStop(g, null);
            stopFrom(reversed, index + 1, what);
            return;
        }
        g.live = false;
        what.beforeStop(g);
        track(g, ops.run(g.descriptor.stopTimeout(), g.component::stop), r -> {
            g.lastStopDuration = r.duration();
            meters.componentStopped(g.name, r.duration(), r.outcome().name().toLowerCase(java.util.Locale.ROOT));
            Optional<FailureInfo> failure = r.failure("stop of '" + g.name + "'", g.descriptor.stopTimeout());
            failure.ifPresent(f -> log.atWarn()
                    .addKeyValue(LogFields.COMPONENT, g.name)
                    .addKeyValue("cause", f.summary())
                    .log("component did not stop cleanly"));
            what.afterStop(g, failure.orElse(null));
            stopFrom(reversed, index + 1, what);
            launchReady();
            checkStartSettled();
        });
    }

    // ---------------------------------------------------------------- recovery and safe mode

    /** What a restore of the last good checkpoint must reach back before; read under the lock. */
    record FailureRun(Instant since, Set<Long> suspects) {}

    /**
     * Returns the run of failures of a failed component, for a restore of its last good checkpoint.
     *
     * @throws IllegalLifecycleException if the component has not failed or the system is not running
     */
    FailureRun failureRun(String name) {
        synchronized (lock) {
            ComponentNode n = node(name);
            checkRestartable(n);
            Instant since = n.failingSince != null ? n.failingSince : time.now();
            return new FailureRun(since, Set.copyOf(n.suspectCheckpoints));
        }
    }

    private void checkRestartable(ComponentNode n) {
        if (mode != Mode.RUNNING) {
            throw new IllegalLifecycleException(
                    "restart of component '" + n.name + "'",
                    mode.name(),
                    "components are restarted from a checkpoint only while the system runs");
        }
        if (n.state != ComponentState.FAILED) {
            throw new IllegalLifecycleException(
                    "restart of component '" + n.name + "' from a checkpoint",
                    n.state.name(),
                    "only a FAILED component is restarted this way; its supervisor handles the others");
        }
        if (safeMode && !n.descriptor.essential()) {
            throw new IllegalLifecycleException(
                    "restart of non-essential component '" + n.name + "'",
                    "SAFE_MODE",
                    "safe mode keeps non-essential components stopped; exit safe mode first");
        }
    }

    /**
     * Starts a failed component again, restoring the given checkpoint (and restoring it again at
     * each restart until a newer one is taken), with a fresh restart intensity; its hard dependents
     * that stopped with it start again after it.
     */
    void restartFailed(String name, long checkpoint, String why) {
        synchronized (lock) {
            ComponentNode n = node(name);
            checkRestartable(n);
            n.pinnedCheckpoint = checkpoint;
            FailureInfo cause = new FailureInfo("recovery", why);
            List<ComponentNode> group = new ArrayList<>();
            group.add(n);
            for (String dependent : graph.transitiveHardDependents(name)) {
                ComponentNode d = node(dependent);
                if (d.state != ComponentState.STOPPED || d.stoppedWith == null) {
                    continue;
                }
                if (safeMode && !d.descriptor.essential()) {
                    d.suspended = true; // started with the others when safe mode ends
                } else {
                    group.add(d);
                }
            }
            for (ComponentNode g : group) {
                restartAfresh(g, cause);
            }
            launchReady();
        }
    }

    /**
     * Restarts a component on request (a person, a runbook), without counting it as a failure: a
     * running one stops and starts again with the group its restart strategy names, at once; a
     * failed or stopped one starts again with the hard dependents that stopped with it.
     *
     * @return whether a restart began; false when the component is already on its way
     */
    boolean restart(String name, String reason) {
        synchronized (lock) {
            ComponentNode n = node(name);
            if (mode != Mode.RUNNING) {
                throw new IllegalLifecycleException(
                        "restart of component '" + name + "'",
                        mode.name(),
                        "components are restarted only while the system runs");
            }
            if (safeMode && !n.descriptor.essential()) {
                throw new IllegalLifecycleException(
                        "restart of non-essential component '" + name + "'",
                        "SAFE_MODE",
                        "safe mode keeps non-essential components stopped; exit safe mode first");
            }
            FailureInfo cause = new FailureInfo("restart", "restart requested: " + reason);
            switch (n.state) {
                case RUNNING -> {
                    List<ComponentNode> group = restartGroup(n, n.descriptor.restartPolicy());
                    RestartGate gate = new RestartGate(group);
                    for (ComponentNode g : group) {
                        g.awaitingBackoff = true;
                        transition(g, ComponentState.RESTARTING, g == n ? cause : restartedWith(n));
                    }
                    n.restartGroup = group;
                    stopEachInReverse(group, gate);
                    gate.backoffPassed(); // no backoff: nothing failed
                    return true;
                }
                case FAILED, STOPPED -> {
                    List<ComponentNode> group = new ArrayList<>();
                    group.add(n);
                    for (String dependent : graph.transitiveHardDependents(name)) {
                        ComponentNode d = node(dependent);
                        if (d.state == ComponentState.STOPPED && d.stoppedWith != null && !d.suspended) {
                            group.add(d);
                        }
                    }
                    for (ComponentNode g : group) {
                        restartAfresh(g, cause);
                    }
                    launchReady();
                    return true;
                }
                default -> {
                    return false;
                }
            }
        }
    }

    /**
     * Marks a stopped or failed component to start again at the next launch, with a fresh restart
     * intensity and backoff: it was not the supervisor that gave up on it this time.
     */
    private void restartAfresh(ComponentNode n, FailureInfo cause) {
        n.stoppedWith = null;
        n.restartTimesNanos.clear();
        n.backoffAttempt = 0;
        n.awaitingBackoff = false;
        transition(n, ComponentState.RESTARTING, cause);
    }

    /**
     * Stops every non-essential component that runs or is on its way to, dependents first, and
     * marks them to start again on {@link #resumeSuspended}; returns their names in start order.
     */
    @Override
    public List<String> suspendNonEssential(String reason) {
        synchronized (lock) {
            if (mode != Mode.RUNNING) {
                throw new IllegalLifecycleException(
                        "entering safe mode", mode.name(), "safe mode is entered only while the system runs");
            }
            safeMode = true;
            FailureInfo cause = new FailureInfo("safe-mode", "stopped by safe mode: " + reason);
            List<ComponentNode> stopped = new ArrayList<>();
            List<String> order = new ArrayList<>(graph.order());
            Collections.reverse(order);
            for (String name : order) {
                ComponentNode n = node(name);
                if (n.descriptor.essential() || n.state.isTerminal() || n.state == ComponentState.NEW) {
                    continue;
                }
                n.suspended = true;
                n.lastFailure = cause;
                stopped.add(0, n);
                giveUp(n, cause, ComponentState.STOPPED);
            }
            return stopped.stream().map(n -> n.name).toList();
        }
    }

    /** Starts again the components safe mode stopped, unless something else has moved them since. */
    @Override
    public void resumeSuspended(String reason) {
        synchronized (lock) {
            safeMode = false;
            if (mode != Mode.RUNNING) {
                return; // a stopping system starts nothing
            }
            FailureInfo cause = new FailureInfo("safe-mode", "started again: " + reason);
            for (ComponentNode n : table.all()) {
                if (!n.suspended) {
                    continue;
                }
                n.suspended = false;
                if (n.state == ComponentState.STOPPED) {
                    restartAfresh(n, cause);
                }
            }
            launchReady();
        }
    }

    /**
     * Restarts a failed component from its last good checkpoint: the newest intact one taken before
     * its failures began that none of its failed starts or runs had restored. The store is read
     * outside the lock; the restart checks the component's state again under it.
     */
    @Override
    public Optional<Checkpoint> restartFromLastGoodCheckpoint(String name) {
        ComponentNode n = table.find(name)
                .orElseThrow(() ->
                        new IllegalArgumentException("no component is named '" + name + "'; known: " + graph.order()));
        FailureRun run = failureRun(name);
        if (!(n.component instanceof Checkpointable)) {
            return Optional.empty();
        }
        Optional<Checkpoint> good = checkpoints.newestBefore(name, run.since(), run.suspects());
        if (good.isPresent()) {
            Checkpoint c = good.get();
            restartFailed(name, c.sequence(), "restarted from its last good checkpoint #" + c.sequence());
        }
        return good;
    }

    /** Whether a component runs now; a recovery's check that it stayed well. */
    @Override
    public boolean running(String name) {
        return node(name).state == ComponentState.RUNNING;
    }

    // ---------------------------------------------------------------- shutdown

    /**
     * Stops starting and restarting anything, and returns the operations still running, which the
     * shutdown awaits before it stops components.
     */
    List<CompletableFuture<Void>> beginShutdown() {
        synchronized (lock) {
            mode = Mode.STOPPING;
            List<CompletableFuture<Void>> running = new ArrayList<>();
            for (ComponentNode n : table.all()) {
                if (n.backoffTimer != null) {
                    n.backoffTimer.cancel();
                    n.backoffTimer = null;
                }
                if (n.busy != null) {
                    running.add(n.busy);
                }
            }
            checkStartSettled();
            return running;
        }
    }

    /**
     * Checkpoints every running {@link Checkpointable} component that is not busy; called
     * periodically. Each checkpoint is the component's current operation, so a stop waits for it.
     */
    void checkpointRunning() {
        synchronized (lock) {
            if (mode != Mode.RUNNING) {
                return;
            }
            for (ComponentNode n : table.all()) {
                if (n.state == ComponentState.RUNNING && n.busy == null && n.component instanceof Checkpointable c) {
                    AtomicReference<ComponentEvent.@Nullable CheckpointSaved> saved = new AtomicReference<>();
                    track(
                            n,
                            ops.run(
                                    n.descriptor.stopTimeout(),
                                    () -> saved.set(checkpoints.take(n.name, c).orElse(null))),
                            r -> {
                                ComponentEvent.CheckpointSaved s = saved.get();
                                if (s != null) {
                                    // A newer checkpoint replaces a pinned one as what the next restart restores.
                                    n.pinnedCheckpoint = 0;
                                    checkpoints.announce(s); // told once the component is free for the next
                                }
                            });
                }
            }
        }
    }

    @Override
    public boolean supervising() {
        return mode == Mode.RUNNING || mode == Mode.STARTING;
    }

    @Override
    public void livenessFailed(ComponentNode n, FailureInfo cause) {
        n.lastFailure = cause;
        supervise(n, cause, false);
    }

    /** A check outside the component found it not live: supervised as its own LIVENESS check would be. */
    void notLive(String component, String reason) {
        ComponentNode n = node(component);
        long generation;
        synchronized (lock) {
            generation = n.generation;
        }
        onEnded(n, generation, new FailureInfo("liveness", reason), false);
    }

    private ComponentNode node(String name) {
        return table.node(name);
    }

    private void transition(ComponentNode n, ComponentState to, @Nullable FailureInfo cause) {
        table.transition(n, to, cause);
    }

    private void recordError(ComponentNode n, Throwable error) {
        errors.record(error, ErrorEvent.Origin.COMPONENT, n.name, Map.of());
    }

    private void track(ComponentNode n, CompletableFuture<OpResult> op, Consumer<OpResult> handler) {
        table.track(n, op, handler);
    }

    /** A component's view of the system for one generation. */
    private final class Context implements ComponentContext {
        private final ComponentNode node;
        private final long generation;

        Context(ComponentNode node, long generation) {
            this.node = node;
            this.generation = generation;
        }

        @Override
        public String name() {
            return node.name;
        }

        @Override
        public long generation() {
            return generation;
        }

        @Override
        public TimeSource timeSource() {
            return time;
        }

        @Override
        public Scheduler scheduler() {
            return scheduler;
        }

        @Override
        public RandomSource randomSource() {
            return randomSource;
        }

        @Override
        public EventBus events() {
            return bus;
        }

        @Override
        public Path dataDirectory() {
            return dataDirectory;
        }

        @Override
        public Config config() {
            return config;
        }

        @Override
        public Guard guard(String name) {
            return guards.apply(name);
        }

        @Override
        public Errors errors() {
            return errors;
        }

        @Override
        public <T> T service(Class<T> type) {
            return type.cast(services.apply(requireNonNull(type, "type")));
        }

        @Override
        public <T> List<T> contributions(Class<T> spiType) {
            List<?> found = contributions.apply(requireNonNull(spiType, "spiType"));
            return found.stream().map(spiType::cast).toList();
        }

        @Override
        public void reportFailure(Throwable cause) {
            requireNonNull(cause, "cause");
            recordError(node, cause);
            onEnded(node, generation, FailureInfo.of(cause), false);
        }

        @Override
        public void reportCompleted() {
            onEnded(node, generation, null, true);
        }
    }
}

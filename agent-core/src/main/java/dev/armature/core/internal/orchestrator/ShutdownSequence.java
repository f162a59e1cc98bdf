package dev.armature.core.internal.orchestrator;

import static java.util.Objects.requireNonNull;

import dev.armature.api.ComponentFailure;
import dev.armature.api.FailureInfo;
import dev.armature.api.ShutdownPhase;
import dev.armature.api.ShutdownReport;
import dev.armature.api.ShutdownReport.ComponentStop;
import dev.armature.api.time.Scheduler;
import dev.armature.api.time.TimeSource;
import dev.armature.spi.SystemSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Internal: runs the shutdown phases in order (before-stop, drain, stop components, after-stop),
 * each under its own timeout measured on the system's scheduler, going on past failures and
 * timeouts, and builds the report.
 */
final class ShutdownSequence {
    private static final Logger log = LoggerFactory.getLogger(ShutdownSequence.class);

    private final Orchestrator orchestrator;
    private final ComponentStops stops;
    private final TimedOperations ops;
    private final Scheduler scheduler;
    private final TimeSource time;
    private final Map<ShutdownPhase, Duration> timeouts;
    private final List<SystemSpec.NamedShutdownTask> tasks;
    private final Runnable onDrain;

    ShutdownSequence(
            Orchestrator orchestrator,
            ComponentStops stops,
            TimedOperations ops,
            Scheduler scheduler,
            TimeSource time,
            Map<ShutdownPhase, Duration> timeouts,
            List<SystemSpec.NamedShutdownTask> tasks,
            Runnable onDrain) {
        this.orchestrator = orchestrator;
        this.stops = stops;
        this.ops = ops;
        this.scheduler = scheduler;
        this.time = time;
        this.timeouts = timeouts;
        this.tasks = tasks;
        this.onDrain = onDrain;
    }

    ShutdownReport run() throws InterruptedException {
        long started = time.nanoTime();
        List<CompletableFuture<Void>> inFlight = orchestrator.beginShutdown();
        List<ShutdownReport.Phase> phases = new ArrayList<>();
        phases.add(runTasks(ShutdownPhase.BEFORE_STOP));
        onDrain.run();
        phases.add(runTasks(ShutdownPhase.DRAIN));

        long stopStarted = time.nanoTime();
        Duration stopTimeout = requireNonNull(timeouts.get(ShutdownPhase.STOP_COMPONENTS));
        // Starts and restarts already running are awaited (each is bounded by its own timeout).
        boolean inFlightDone =
                awaitWithin(CompletableFuture.allOf(inFlight.toArray(CompletableFuture[]::new)), stopTimeout);
        ComponentStops.StopRun run = stops.stopAll();
        Duration left = stopTimeout.minus(Duration.ofNanos(time.nanoTime() - stopStarted));
        boolean stopped = inFlightDone && awaitWithin(run.done, left.isNegative() ? Duration.ZERO : left);
        List<ComponentStop> components = stopped ? run.done.getNow(List.of()) : stops.abandon(run, stopTimeout);
        phases.add(new ShutdownReport.Phase(ShutdownPhase.STOP_COMPONENTS, since(stopStarted), !stopped, List.of()));

        phases.add(runTasks(ShutdownPhase.AFTER_STOP));
        return new ShutdownReport(phases, components, since(started));
    }

    private ShutdownReport.Phase runTasks(ShutdownPhase phase) throws InterruptedException {
        long started = time.nanoTime();
        Duration timeout = requireNonNull(timeouts.get(phase));
        List<ComponentFailure> failures = new ArrayList<>();
        List<CompletableFuture<Void>> done = new ArrayList<>();
        java.util.concurrent.atomic.AtomicBoolean taskTimedOut = new java.util.concurrent.atomic.AtomicBoolean();
        for (SystemSpec.NamedShutdownTask task : tasks) {
            if (task.phase() != phase) {
                continue;
            }
            CompletableFuture<OpResult> op = ops.run(timeout, task.task()::run);
            done.add(op.thenAccept(r -> {
                if (r.outcome() == OpResult.Outcome.TIMED_OUT) {
                    taskTimedOut.set(true);
                }
                Optional<FailureInfo> failure = r.failure("shutdown task '" + task.name() + "'", timeout);
                failure.ifPresent(f -> {
                    log.atWarn()
                            .addKeyValue("phase", phase)
                            .addKeyValue("task", task.name())
                            .addKeyValue("cause", f.summary())
                            .log("shutdown task failed; shutdown goes on");
                    synchronized (failures) {
                        failures.add(new ComponentFailure(task.name(), f));
                    }
                });
            }));
        }
        boolean inTime = awaitWithin(CompletableFuture.allOf(done.toArray(CompletableFuture[]::new)), timeout);
        synchronized (failures) {
            // A task's own timeout equals its phase's, so either one running out means the phase did.
            return new ShutdownReport.Phase(phase, since(started), !inTime || taskTimedOut.get(), failures);
        }
    }

    /** Waits for a future, giving up when the scheduler's timer for {@code timeout} fires first. */
    private boolean awaitWithin(CompletableFuture<?> future, Duration timeout) throws InterruptedException {
        if (future.isDone()) {
            return true;
        }
        CompletableFuture<Boolean> outcome = new CompletableFuture<>();
        var unused = future.whenComplete((r, e) -> outcome.complete(true));
        var timer = scheduler.schedule(timeout, () -> outcome.complete(false));
        try {
            return outcome.get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("a wait cannot fail", e);
        } finally {
            timer.cancel();
        }
    }

    private Duration since(long startedNanos) {
        return Duration.ofNanos(time.nanoTime() - startedNanos);
    }
}

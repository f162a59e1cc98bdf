package dev.armature.core.internal.orchestrator;

import dev.armature.api.Checkpointable;
import dev.armature.api.ComponentState;
import dev.armature.api.FailureInfo;
import dev.armature.api.LogFields;
import dev.armature.api.ShutdownReport.ComponentStop;
import dev.armature.api.ShutdownReport.StopOutcome;
import dev.armature.core.internal.metrics.Meters;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Internal: the shutdown's stop of every live component, in reverse dependency order and in
 * parallel where the graph allows, with one report entry per component.
 */
final class ComponentStops {
    private static final Logger log = LoggerFactory.getLogger(ComponentStops.class);

    private final ComponentTable table;
    private final TimedOperations ops;

    private final Meters meters;

    private final Checkpoints checkpoints;

    ComponentStops(ComponentTable table, TimedOperations ops, Meters meters, Checkpoints checkpoints) {
        this.table = table;
        this.checkpoints = checkpoints;
        this.ops = ops;
        this.meters = meters;
    }

    /**
     * Stops every live component in reverse dependency order, in parallel where the graph allows:
     * a component stops once everything that starts after it has stopped. The run's future
     * completes with one entry per component, in the order their stops finished.
     */
    StopRun stopAll() {
        synchronized (table.lock) {
            StopRun run = new StopRun();
            for (ComponentNode n : table.all()) {
                if (!n.live) {
                    run.reports.put(
                            n.name,
                            new ComponentStop(n.name, StopOutcome.NOT_RUNNING, Duration.ZERO, Optional.empty()));
                    if (!n.state.isTerminal()) {
                        table.transition(n, ComponentState.STOPPED, null);
                    }
                }
            }
            launchStops(run, table.all());
            run.completeIfDone(table.size());
            return run;
        }
    }

    /**
     * Ends a stop run whose phase ran out of time: the stops still running are interrupted and
     * reported as timed out, and those not begun are reported as timed out without being called.
     */
    List<ComponentStop> abandon(StopRun run, Duration phaseTimeout) {
        synchronized (table.lock) {
            for (ComponentNode n : table.all()) {
                if (run.reports.containsKey(n.name)) {
                    continue;
                }
                FailureInfo cause = new FailureInfo(
                        "timeout",
                        "the stop phase ran out of its " + phaseTimeout + " before '" + n.name + "' stopped");
                if (n.inFlight != null) {
                    n.inFlight.cancel(true);
                }
                n.live = false;
                n.lastFailure = cause;
                table.transition(n, ComponentState.FAILED, cause);
                run.reports.put(
                        n.name, new ComponentStop(n.name, StopOutcome.TIMED_OUT, Duration.ZERO, Optional.of(cause)));
            }
            run.done.complete(List.copyOf(run.reports.values()));
            return List.copyOf(run.reports.values());
        }
    }

    /** One pass of stopping every live component; its fields are guarded by the table's lock. */
    static final class StopRun {
        final Map<String, ComponentStop> reports = new LinkedHashMap<>();
        final CompletableFuture<List<ComponentStop>> done = new CompletableFuture<>();

        void completeIfDone(int total) {
            if (reports.size() == total) {
                done.complete(List.copyOf(reports.values()));
            }
        }
    }

    /**
     * Stops the candidates whose successors have all stopped. After one stop, only its
     * predecessors can become ready, so that is all a stop looks at.
     */
    private void launchStops(StopRun run, Collection<ComponentNode> candidates) {
        for (ComponentNode n : candidates) {
            if (run.reports.containsKey(n.name) || n.state == ComponentState.STOPPING) {
                continue;
            }
            boolean successorsDone = true;
            for (ComponentNode successor : n.orderingSuccessors) {
                successorsDone &= run.reports.containsKey(successor.name);
            }
            if (successorsDone) {
                stopOne(n, run);
            }
        }
    }

    /** A checkpointable component is checkpointed just before it stops, while it still runs. */
    private void stopWithCheckpoint(ComponentNode n) throws Exception {
        if (n.component instanceof Checkpointable c) {
            checkpoints.take(n.name, c).ifPresent(checkpoints::announce);
        }
        n.component.stop();
    }

    private void stopOne(ComponentNode n, StopRun run) {
        n.live = false;
        table.transition(n, ComponentState.STOPPING, null);
        Duration timeout = n.descriptor.stopTimeout();
        table.track(n, ops.run(timeout, () -> stopWithCheckpoint(n)), result -> {
            if (run.done.isDone() || n.state != ComponentState.STOPPING) {
                return; // the phase gave up on this stop already
            }
            n.lastStopDuration = result.duration();
            meters.componentStopped(
                    n.name, result.duration(), result.outcome().name().toLowerCase(java.util.Locale.ROOT));
            Optional<FailureInfo> failure = result.failure("stop of '" + n.name + "'", timeout);
            StopOutcome outcome =
                    switch (result.outcome()) {
                        case SUCCEEDED -> StopOutcome.STOPPED;
                        case FAILED, REJECTED -> StopOutcome.FAILED;
                        case TIMED_OUT -> StopOutcome.TIMED_OUT;
                    };
            if (failure.isPresent()) {
                n.lastFailure = failure.get();
                log.atWarn()
                        .addKeyValue(LogFields.COMPONENT, n.name)
                        .addKeyValue("cause", failure.get().summary())
                        .log("component did not stop cleanly; shutdown goes on");
                table.transition(n, ComponentState.FAILED, failure.get());
            } else {
                table.transition(n, ComponentState.STOPPED, null);
            }
            run.reports.put(n.name, new ComponentStop(n.name, outcome, result.duration(), failure));
            launchStops(run, n.orderingPredecessors);
            run.completeIfDone(table.size());
        });
    }
}

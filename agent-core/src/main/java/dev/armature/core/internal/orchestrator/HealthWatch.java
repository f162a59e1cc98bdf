package dev.armature.core.internal.orchestrator;

import dev.armature.api.ComponentEvent;
import dev.armature.api.ComponentState;
import dev.armature.api.FailureInfo;
import dev.armature.api.health.CheckKind;
import dev.armature.api.health.HealthStatus;
import java.util.ArrayList;
import java.util.List;

/**
 * Internal: runs the running components' health checks on the worker pool, publishes their
 * changes, and hands a LIVENESS check that stayed DOWN for its threshold to the supervisor.
 * READINESS and the other kinds only report.
 */
final class HealthWatch {
    /** What the health watch needs from the supervisor; called under the table's lock. */
    interface Supervisor {
        /** Whether components are being supervised: while starting or running, not while stopping. */
        boolean supervising();

        /** A liveness check gave up on a running component. */
        void livenessFailed(ComponentNode n, FailureInfo cause);
    }

    private final ComponentTable table;
    private final TimedOperations ops;
    private final Supervisor supervisor;

    HealthWatch(ComponentTable table, TimedOperations ops, Supervisor supervisor) {
        this.table = table;
        this.ops = ops;
        this.supervisor = supervisor;
    }

    /** Runs every running component's health checks once; called periodically by the scheduler. */
    void checkHealth() {
        List<ComponentNode> due = new ArrayList<>();
        synchronized (table.lock) {
            if (!supervisor.supervising()) {
                return;
            }
            for (ComponentNode n : table.all()) {
                if (n.state == ComponentState.RUNNING && !n.checks.isEmpty() && !n.checking) {
                    n.checking = true;
                    due.add(n);
                }
            }
        }
        for (ComponentNode n : due) {
            HealthRound round;
            synchronized (table.lock) {
                round = new HealthRound(n, n.generation, n.checks);
            }
            var unused = ops.run(round.timeout(), round::evaluate).whenComplete((r, e) -> {
                synchronized (table.lock) {
                    n.checking = false;
                    applyHealth(round);
                }
            });
        }
    }

    private void applyHealth(HealthRound round) {
        ComponentNode n = round.node();
        if (n.generation != round.generation() || n.state != ComponentState.RUNNING) {
            return;
        }
        for (HealthRound.Result result : round.results()) {
            ComponentNode.CheckState s =
                    n.checkStates.computeIfAbsent(result.check().name(), k -> new ComponentNode.CheckState());
            if (s.status != result.status()) {
                table.bus()
                        .publish(
                                ComponentTable.SOURCE,
                                new ComponentEvent.HealthChanged(
                                        n.name,
                                        result.check().name(),
                                        result.check().kind(),
                                        s.status,
                                        result.status(),
                                        result.detail()));
                s.status = result.status();
            }
            s.consecutiveDown = result.status() == HealthStatus.DOWN ? s.consecutiveDown + 1 : 0;
            if (result.check().kind() == CheckKind.LIVENESS
                    && s.consecutiveDown >= Math.max(1, result.check().failureThreshold())) {
                FailureInfo cause = new FailureInfo(
                        "liveness",
                        "liveness check '" + result.check().name() + "' of '" + n.name + "' was DOWN "
                                + s.consecutiveDown + " consecutive times");
                supervisor.livenessFailed(n, cause);
                return;
            }
        }
    }
}

package dev.armature.core.internal.orchestrator;

import dev.armature.api.Component;
import dev.armature.api.ComponentDescriptor;
import dev.armature.api.ComponentSnapshot;
import dev.armature.api.ComponentState;
import dev.armature.api.FailureInfo;
import dev.armature.api.health.HealthCheck;
import dev.armature.api.health.HealthStatus;
import dev.armature.api.time.Cancellable;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;

/** Internal: one component's mutable supervision state; guarded by the orchestrator's lock. */
final class ComponentNode {
    final Component component;
    final ComponentDescriptor descriptor;
    final String name;

    /**
     * The nodes of {@code descriptor.dependsOn()}, and of the graph's ordering predecessors and
     * successors; set by the table once, before anything starts, so that a start walks the graph
     * without looking names up.
     */
    List<ComponentNode> dependencies = List.of();

    List<ComponentNode> orderingPredecessors = List.of();
    List<ComponentNode> orderingSuccessors = List.of();

    /** Written under the lock; volatile so that the running gauge can read it without. */
    volatile ComponentState state = ComponentState.NEW;

    Instant since;
    long generation;
    int restartCount;

    @Nullable
    FailureInfo lastFailure;

    @Nullable
    Duration lastStartDuration;

    @Nullable
    Duration lastStopDuration;

    /** The start or stop now running, if any. */
    @Nullable
    CompletableFuture<OpResult> inFlight;

    /** Completes once the running operation's outcome has been applied; null when idle. */
    @Nullable
    CompletableFuture<Void> busy;

    /** The components whose restart waits for this one's backoff. */
    List<ComponentNode> restartGroup = List.of();

    /** Whether {@code start} succeeded and {@code stop} has not been called since. */
    boolean live;

    /** Whether a restart waits for its backoff delay. */
    boolean awaitingBackoff;

    @Nullable
    Cancellable backoffTimer;

    final ArrayDeque<Long> restartTimesNanos = new ArrayDeque<>();
    int backoffAttempt;
    long runningSinceNanos;

    /**
     * When the current run of failures began, by the system's clock; null while the component runs
     * stably. Checkpoints taken since are not trusted by a restore of the last good one.
     */
    @Nullable
    Instant failingSince;

    /** The checkpoints that starts which then failed had been restored from, in this run of failures. */
    final java.util.Set<Long> suspectCheckpoints = new java.util.HashSet<>();

    /** The checkpoint the last start restored; 0 when it restored none. Written on a worker. */
    volatile long restoredSequence;

    /** A checkpoint that every start restores until a newer one is taken; 0 for the newest. */
    volatile long pinnedCheckpoint;

    /** The dependency whose failure stopped this component; null when that is not why it stopped. */
    @Nullable
    String stoppedWith;

    /** Whether safe mode stopped the component, and so starts it again when it ends. */
    boolean suspended;

    List<HealthCheck> checks = List.of();
    final Map<String, CheckState> checkStates = new LinkedHashMap<>();
    boolean checking;

    ComponentNode(Component component, ComponentDescriptor descriptor, Instant now) {
        this.component = component;
        this.descriptor = descriptor;
        this.name = descriptor.name();
        this.since = now;
    }

    HealthStatus health() {
        HealthStatus worst = HealthStatus.UNKNOWN;
        for (CheckState s : checkStates.values()) {
            worst = worst.worse(s.status);
        }
        return worst;
    }

    ComponentSnapshot snapshot() {
        return new ComponentSnapshot(
                name,
                state,
                since,
                generation,
                restartCount,
                health(),
                Optional.ofNullable(lastFailure),
                Optional.ofNullable(lastStartDuration),
                Optional.ofNullable(lastStopDuration));
    }

    /** The last result of one health check and its run of consecutive DOWN results. */
    static final class CheckState {
        HealthStatus status = HealthStatus.UNKNOWN;
        int consecutiveDown;
    }
}

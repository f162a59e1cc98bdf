package dev.armature.core.internal.orchestrator;

import static java.util.Objects.requireNonNull;

import dev.armature.api.Component;
import dev.armature.api.ComponentEvent;
import dev.armature.api.ComponentSnapshot;
import dev.armature.api.ComponentState;
import dev.armature.api.FailureInfo;
import dev.armature.api.LogFields;
import dev.armature.api.event.EventBus;
import dev.armature.api.time.TimeSource;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Internal: every component's {@link ComponentNode}, in dependency order, with the one lock that
 * guards them all. The orchestrator, the health watch and the shutdown's stop run share it, so a
 * state change and its event happen together, in the order the states changed.
 */
final class ComponentTable {
    static final String SOURCE = "orchestrator";
    private static final Logger log = LoggerFactory.getLogger(ComponentTable.class);

    /** Guards every node; events are published under it, listeners never run under it. */
    final Object lock = new Object();

    private final ComponentGraph graph;
    private final Map<String, ComponentNode> nodes;
    private final EventBus bus;
    private final TimeSource time;
    private int starting;

    /** Outcomes of operations waiting for their handlers to run under the lock; see apply. */
    private final Queue<Runnable> outcomes = new ConcurrentLinkedQueue<>();

    private final AtomicBoolean draining = new AtomicBoolean();

    ComponentTable(ComponentGraph graph, List<Component> components, EventBus bus, TimeSource time) {
        this.graph = graph;
        this.bus = bus;
        this.time = time;
        Map<String, Component> byName = new HashMap<>();
        for (Component c : components) {
            byName.put(c.descriptor().name(), c);
        }
        Map<String, ComponentNode> inOrder = new LinkedHashMap<>();
        for (String name : graph.order()) {
            Component c = requireNonNull(byName.get(name), name);
            inOrder.put(name, new ComponentNode(c, graph.descriptor(name), time.now()));
        }
        this.nodes = Collections.unmodifiableMap(inOrder);
        for (ComponentNode n : nodes.values()) {
            n.dependencies = nodesOf(n.descriptor.dependsOn());
            n.orderingPredecessors = nodesOf(graph.orderingPredecessors(n.name));
            n.orderingSuccessors = nodesOf(graph.orderingSuccessors(n.name));
        }
    }

    private List<ComponentNode> nodesOf(Collection<String> names) {
        List<ComponentNode> out = new ArrayList<>(names.size());
        for (String name : names) {
            out.add(node(name));
        }
        return List.copyOf(out);
    }

    ComponentGraph graph() {
        return graph;
    }

    EventBus bus() {
        return bus;
    }

    TimeSource time() {
        return time;
    }

    /** Every node, in dependency order. */
    Collection<ComponentNode> all() {
        return nodes.values();
    }

    Optional<ComponentNode> find(String name) {
        return Optional.ofNullable(nodes.get(name));
    }

    ComponentNode node(String name) {
        return requireNonNull(nodes.get(name), name);
    }

    /** How many components are in STARTING; the caller holds the lock. */
    int starting() {
        return starting;
    }

    int size() {
        return nodes.size();
    }

    List<ComponentSnapshot> snapshot() {
        synchronized (lock) {
            return nodes.values().stream().map(ComponentNode::snapshot).toList();
        }
    }

    /** Moves a node to a state and publishes the change; the caller holds the lock. */
    void transition(ComponentNode n, ComponentState to, @Nullable FailureInfo cause) {
        ComponentState from = n.state;
        n.state = to;
        if (from == ComponentState.STARTING) {
            starting--;
        }
        if (to == ComponentState.STARTING) {
            starting++;
        }
        n.since = time.now();
        log.atDebug()
                .addKeyValue(LogFields.COMPONENT, n.name)
                .addKeyValue("from", from)
                .addKeyValue("to", to)
                .addKeyValue("generation", n.generation)
                .log("component state changed");
        bus.publish(
                SOURCE, new ComponentEvent.StateChanged(n.name, from, to, n.generation, Optional.ofNullable(cause)));
    }

    /**
     * Records an operation as the node's current one; its handler runs under the lock, and the
     * node's {@code busy} future completes only after the handler has run, so whoever waits on it
     * sees the operation's consequences.
     */
    void track(ComponentNode n, CompletableFuture<OpResult> op, Consumer<OpResult> handler) {
        CompletableFuture<Void> settled = new CompletableFuture<>();
        n.inFlight = op;
        n.busy = settled;
        var unused = op.whenComplete((r, e) -> apply(() -> {
            try {
                if (n.inFlight == op) {
                    n.inFlight = null;
                    n.busy = null;
                }
                if (r != null) { // null when cancelled: whoever cancelled it has accounted for it
                    handler.accept(r);
                }
            } finally {
                settled.complete(null);
            }
        }));
    }

    /**
     * Runs an outcome's handler under the lock. Many operations often end at once on the worker
     * threads (a layer of no-op starts, say); rather than each worker queueing for the lock and
     * parking, one worker at a time takes it and applies every outcome waiting, in the order they
     * arrived, and the others go back to work at once. Any other thread (a timer's, a canceller's,
     * one that moves ManualTime) still returns only once its outcome has been applied, and one that
     * holds the lock already (an operation that ended as it was launched) applies it at once.
     */
    private void apply(Runnable outcome) {
        if (Thread.holdsLock(lock)) {
            outcome.run();
            return;
        }
        outcomes.add(outcome);
        if (!TimedOperations.applyingOnWorker()) {
            synchronized (lock) {
                drainHeld();
            }
            return;
        }
        // Re-checked after letting go: an outcome added just as the last drainer stopped is not stranded.
        while (!outcomes.isEmpty() && draining.compareAndSet(false, true)) {
            try {
                synchronized (lock) {
                    drainHeld();
                }
            } finally {
                draining.set(false);
            }
        }
    }

    private void drainHeld() {
        @Nullable Runnable next;
        while ((next = outcomes.poll()) != null) {
            next.run();
        }
    }
}

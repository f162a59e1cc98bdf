package dev.armature.core.internal.orchestrator;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.armature.api.ComponentDescriptor;
import dev.armature.api.ComponentGraphException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;

/**
 * Internal: the validated dependency graph of a system's components, with a topological order and
 * the reverse edges that stopping and restarting walk.
 *
 * <p>Hard edges ({@code dependsOn}) and soft edges ({@code after}) both order; soft edges to names
 * no component has are ignored. Immutable and thread-safe.
 */
public final class ComponentGraph {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, ComponentDescriptor> byName;
    private final List<String> order;
    private final Map<String, List<String>> orderingPredecessors;
    private final Map<String, List<String>> hardDependents;
    private final Map<String, List<String>> orderingSuccessors;

    private ComponentGraph(Map<String, ComponentDescriptor> byName, List<String> order) {
        this.byName = byName;
        this.order = List.copyOf(order);
        Map<String, List<String>> preds = new LinkedHashMap<>();
        Map<String, List<String>> hard = new LinkedHashMap<>();
        Map<String, List<String>> succ = new LinkedHashMap<>();
        for (String n : order) {
            preds.put(n, new ArrayList<>());
            hard.put(n, new ArrayList<>());
            succ.put(n, new ArrayList<>());
        }
        for (String n : order) {
            ComponentDescriptor d = get(byName, n);
            for (String dep : d.dependsOn()) {
                get(preds, n).add(dep);
                get(hard, dep).add(n);
                get(succ, dep).add(n);
            }
            for (String dep : d.after()) {
                if (byName.containsKey(dep)) {
                    get(preds, n).add(dep);
                    get(succ, dep).add(n);
                }
            }
        }
        this.orderingPredecessors = freeze(preds);
        this.hardDependents = freeze(hard);
        this.orderingSuccessors = freeze(succ);
    }

    private static <V> V get(Map<String, V> map, String key) {
        return requireNonNull(map.get(key), key);
    }

    private static Map<String, List<String>> freeze(Map<String, List<String>> m) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        m.forEach((k, v) -> out.put(k, List.copyOf(v)));
        return java.util.Collections.unmodifiableMap(out);
    }

    /**
     * Validates descriptors and builds the graph.
     *
     * @param descriptors the components' descriptors, in the order they were added
     * @return the graph
     * @throws ComponentGraphException on a duplicate name, an unknown hard dependency or a cycle
     */
    public static ComponentGraph of(List<ComponentDescriptor> descriptors) {
        Map<String, ComponentDescriptor> byName = new LinkedHashMap<>();
        for (ComponentDescriptor d : descriptors) {
            requireNonNull(d, "descriptor");
            if (byName.putIfAbsent(d.name(), d) != null) {
                throw new ComponentGraphException(
                        ComponentGraphException.Kind.DUPLICATE_NAME,
                        List.of(d.name()),
                        "Two components are named '" + d.name() + "': give each component a unique name.");
            }
        }
        for (ComponentDescriptor d : byName.values()) {
            for (String dep : d.dependsOn()) {
                if (!byName.containsKey(dep)) {
                    throw new ComponentGraphException(
                            ComponentGraphException.Kind.UNKNOWN_DEPENDENCY,
                            List.of(d.name(), dep),
                            "Component '" + d.name() + "' depends on '" + dep + "', but no component has that name:"
                                    + " add it to the builder, fix the name, or use after(\"" + dep
                                    + "\") if the order alone matters. Known: " + byName.keySet() + ".");
                }
                if (d.essential() && !byName.get(dep).essential()) {
                    throw new ComponentGraphException(
                            ComponentGraphException.Kind.ESSENTIAL_DEPENDS_ON_NON_ESSENTIAL,
                            List.of(d.name(), dep),
                            "Component '" + d.name() + "' is essential but depends on '" + dep + "', which is not:"
                                    + " safe mode would stop '" + dep + "' and with it '" + d.name() + "'. Mark '"
                                    + dep + "' essential, mark '" + d.name() + "' not essential, or use after(\""
                                    + dep + "\").");
                }
            }
        }
        findCycle(byName);
        return new ComponentGraph(byName, topologicalOrder(byName));
    }

    private static void findCycle(Map<String, ComponentDescriptor> byName) {
        Map<String, Integer> state = new HashMap<>(); // absent: unvisited, 1: on path, 2: done
        Deque<String> path = new ArrayDeque<>();
        for (String start : byName.keySet()) {
            visit(start, byName, state, path);
        }
    }

    private static void visit(
            String node, Map<String, ComponentDescriptor> byName, Map<String, Integer> state, Deque<String> path) {
        Integer s = state.get(node);
        if (s != null && s == 2) {
            return;
        }
        if (s != null && s == 1) {
            List<String> cycle = new ArrayList<>();
            boolean inCycle = false;
            for (var it = path.descendingIterator(); it.hasNext(); ) {
                String n = it.next();
                inCycle |= n.equals(node);
                if (inCycle) {
                    cycle.add(n);
                }
            }
            cycle.add(node);
            throw new ComponentGraphException(
                    ComponentGraphException.Kind.CYCLE,
                    cycle,
                    "The components depend on each other in a cycle: " + String.join(" → ", cycle)
                            + ". Break it by removing one of these dependencies or turning it into after(…) in the"
                            + " other direction.");
        }
        state.put(node, 1);
        path.push(node);
        for (String dep : predecessorsOf(get(byName, node), byName)) {
            visit(dep, byName, state, path);
        }
        path.pop();
        state.put(node, 2);
    }

    private static List<String> predecessorsOf(ComponentDescriptor d, Map<String, ComponentDescriptor> byName) {
        List<String> out = new ArrayList<>(d.dependsOn());
        for (String a : d.after()) {
            if (byName.containsKey(a)) {
                out.add(a);
            }
        }
        return out;
    }

    /**
     * Kahn's algorithm, always taking the ready component that was added first, so the order is
     * stable; O((n + e) log n) rather than a rescan per component.
     */
    private static List<String> topologicalOrder(Map<String, ComponentDescriptor> byName) {
        List<String> names = new ArrayList<>(byName.keySet());
        Map<String, Integer> index = new HashMap<>();
        Map<String, Integer> remaining = new HashMap<>();
        Map<String, List<String>> successors = new HashMap<>();
        for (int i = 0; i < names.size(); i++) {
            index.put(names.get(i), i);
            successors.put(names.get(i), new ArrayList<>());
        }
        for (String n : names) {
            List<String> preds = predecessorsOf(get(byName, n), byName);
            remaining.put(n, preds.size());
            for (String p : preds) {
                get(successors, p).add(n);
            }
        }
        PriorityQueue<String> ready = new PriorityQueue<>(Comparator.comparing(n -> get(index, n)));
        remaining.forEach((n, count) -> {
            if (count == 0) {
                ready.add(n);
            }
        });
        List<String> order = new ArrayList<>();
        while (!ready.isEmpty()) {
            String n = ready.poll();
            order.add(n);
            for (String succ : get(successors, n)) {
                int left = get(remaining, succ) - 1;
                remaining.put(succ, left);
                if (left == 0) {
                    ready.add(succ);
                }
            }
        }
        return order;
    }

    /** Returns every component's name in an order where each comes after all it depends on. */
    public List<String> order() {
        return order;
    }

    /** Returns a component's descriptor. */
    public ComponentDescriptor descriptor(String name) {
        return requireNonNull(byName.get(name), name);
    }

    /** Returns what a component starts after: its hard dependencies and its known soft ones. */
    public List<String> orderingPredecessors(String name) {
        return requireNonNull(orderingPredecessors.get(name), name);
    }

    /** Returns the components that start after this one: the reverse of {@link #orderingPredecessors}. */
    public List<String> orderingSuccessors(String name) {
        return requireNonNull(orderingSuccessors.get(name), name);
    }

    /** Returns every component that depends on this one through hard edges, directly or not, in order. */
    public List<String> transitiveHardDependents(String name) {
        Set<String> found = new LinkedHashSet<>();
        Deque<String> todo = new ArrayDeque<>(requireNonNull(hardDependents.get(name), name));
        while (!todo.isEmpty()) {
            String n = todo.pop();
            if (found.add(n)) {
                todo.addAll(requireNonNull(hardDependents.get(n), n));
            }
        }
        List<String> inOrder = new ArrayList<>();
        for (String n : order) {
            if (found.contains(n)) {
                inOrder.add(n);
            }
        }
        return inOrder;
    }

    /** Writes the graph as JSON: {@code {"components":[{"name","dependsOn","after","optional"}]}}. */
    public String toJson() {
        ObjectNode root = JSON.createObjectNode();
        ArrayNode components = root.putArray("components");
        for (String n : order) {
            ComponentDescriptor d = descriptor(n);
            ObjectNode c = components.addObject();
            c.put("name", n);
            d.dependsOn().forEach(c.putArray("dependsOn")::add);
            d.after().forEach(c.putArray("after")::add);
            c.put("optional", d.optional());
        }
        return root.toPrettyString();
    }

    /** Writes the graph as Graphviz DOT, edges pointing from a component to what it depends on. */
    public String toDot() {
        StringBuilder out = new StringBuilder("digraph armature {\n  rankdir=BT;\n");
        for (String n : order) {
            ComponentDescriptor d = descriptor(n);
            out.append("  ").append(quote(n));
            if (d.optional()) {
                out.append(" [style=dashed]");
            }
            out.append(";\n");
        }
        for (String n : order) {
            ComponentDescriptor d = descriptor(n);
            for (String dep : d.dependsOn()) {
                out.append("  ")
                        .append(quote(n))
                        .append(" -> ")
                        .append(quote(dep))
                        .append(";\n");
            }
            for (String dep : d.after()) {
                if (byName.containsKey(dep)) {
                    out.append("  ")
                            .append(quote(n))
                            .append(" -> ")
                            .append(quote(dep))
                            .append(" [style=dashed];\n");
                }
            }
        }
        return out.append("}\n").toString();
    }

    private static String quote(String s) {
        return '"' + s.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }
}

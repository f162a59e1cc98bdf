package dev.armature.benchmarks;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A random, layered dependency DAG drawn from a fixed seed, so that every run of a benchmark starts
 * the same graph.
 *
 * <p>Nodes are numbered in layer order, so the numbering is a topological order. Each node of layer
 * {@code k > 0} depends on one to three nodes of earlier layers, at least one of them in layer {@code
 * k - 1}: the longest chain therefore has exactly one node per layer, and the depth is the number of
 * layers. Immutable.
 */
public final class RandomDag {
    /** The seed of the startup benchmark's graph. */
    public static final long SEED = 0x5EED_2026_1125L;
    /** Nodes in the startup benchmark's graph. */
    public static final int NODES = 200;
    /** Layers, and so the length of the longest chain, of the startup benchmark's graph. */
    public static final int DEPTH = 20;
    /** The most nodes one layer of the startup benchmark's graph holds. */
    public static final int MAX_WIDTH = 16;
    /** The most dependencies one node has. */
    public static final int MAX_DEPENDENCIES = 3;

    private final int[] layerOf;
    private final int[][] dependencies;
    private final List<Integer> criticalPath;

    private RandomDag(int[] layerOf, int[][] dependencies) {
        this.layerOf = layerOf;
        this.dependencies = dependencies;
        this.criticalPath = longestChain(dependencies);
    }

    /**
     * Returns the startup benchmark's graph: {@value #NODES} nodes, {@value #DEPTH} layers of at most
     * {@value #MAX_WIDTH}, seed {@link #SEED}.
     *
     * @return the graph
     */
    public static RandomDag standard() {
        return generate(SEED, NODES, DEPTH, MAX_WIDTH);
    }

    /**
     * Draws a layered DAG.
     *
     * @param seed the seed; the same seed and sizes give the same graph
     * @param nodes the number of nodes
     * @param depth the number of layers, at least 1
     * @param maxWidth the most nodes in one layer
     * @return the graph
     * @throws IllegalArgumentException if the nodes do not fit the layers
     */
    public static RandomDag generate(long seed, int nodes, int depth, int maxWidth) {
        if (depth < 1 || maxWidth < 1 || nodes < depth || nodes > depth * maxWidth) {
            throw new IllegalArgumentException("cannot lay " + nodes + " nodes out in " + depth + " layers of at most "
                    + maxWidth + " nodes, at least one each");
        }
        SplittableRandom random = new SplittableRandom(seed);
        // Every layer gets one node, then the others go one by one to random layers that have room.
        int[] widths = new int[depth];
        Arrays.fill(widths, 1);
        for (int left = nodes - depth; left > 0; ) {
            int layer = random.nextInt(depth);
            if (widths[layer] < maxWidth) {
                widths[layer]++;
                left--;
            }
        }
        int[] layerOf = new int[nodes];
        int[] firstOfLayer = new int[depth + 1];
        for (int layer = 0, next = 0; layer < depth; layer++) {
            firstOfLayer[layer] = next;
            for (int i = 0; i < widths[layer]; i++) {
                layerOf[next++] = layer;
            }
        }
        firstOfLayer[depth] = nodes;
        int[][] dependencies = new int[nodes][];
        for (int node = 0; node < nodes; node++) {
            int layer = layerOf[node];
            if (layer == 0) {
                dependencies[node] = new int[0];
                continue;
            }
            int earlier = firstOfLayer[layer]; // nodes 0 .. earlier-1 lie in earlier layers
            int wanted = Math.min(1 + random.nextInt(MAX_DEPENDENCIES), earlier);
            List<Integer> deps = new ArrayList<>();
            // One in the layer just before keeps the chain through every layer.
            deps.add(firstOfLayer[layer - 1] + random.nextInt(widths[layer - 1]));
            while (deps.size() < wanted) {
                int candidate = random.nextInt(earlier);
                if (!deps.contains(candidate)) {
                    deps.add(candidate);
                }
            }
            Collections.sort(deps);
            dependencies[node] = deps.stream().mapToInt(Integer::intValue).toArray();
        }
        return new RandomDag(layerOf, dependencies);
    }

    /** The longest chain, root first, found by dynamic programming over the topological numbering. */
    private static List<Integer> longestChain(int[][] dependencies) {
        int n = dependencies.length;
        int[] length = new int[n];
        int[] previous = new int[n];
        int end = 0;
        for (int node = 0; node < n; node++) {
            length[node] = 1;
            previous[node] = -1;
            for (int dep : dependencies[node]) {
                if (length[dep] + 1 > length[node]) {
                    length[node] = length[dep] + 1;
                    previous[node] = dep;
                }
            }
            if (length[node] > length[end]) {
                end = node;
            }
        }
        List<Integer> chain = new ArrayList<>();
        for (int node = end; node >= 0; node = previous[node]) {
            chain.add(node);
        }
        Collections.reverse(chain);
        return List.copyOf(chain);
    }

    /**
     * Returns the number of nodes.
     *
     * @return the size
     */
    public int size() {
        return layerOf.length;
    }

    /**
     * Returns a node's name, as the components of the benchmark are named.
     *
     * @param node the node
     * @return {@code c000}, {@code c001}, …
     */
    public static String name(int node) {
        return String.format("c%03d", node);
    }

    /**
     * Returns the layer a node lies in.
     *
     * @param node the node
     * @return its layer, from 0
     */
    public int layerOf(int node) {
        return layerOf[node];
    }

    /**
     * Returns the nodes a node depends on, in ascending order; each is smaller than the node.
     *
     * @param node the node
     * @return a fresh copy of its dependencies
     */
    public int[] dependencies(int node) {
        return dependencies[node].clone();
    }

    /**
     * Returns the nodes that no other node depends on.
     *
     * @return the sinks, ascending
     */
    public List<Integer> sinks() {
        boolean[] needed = new boolean[size()];
        for (int[] deps : dependencies) {
            for (int d : deps) {
                needed[d] = true;
            }
        }
        List<Integer> sinks = new ArrayList<>();
        for (int node = 0; node < size(); node++) {
            if (!needed[node]) {
                sinks.add(node);
            }
        }
        return sinks;
    }

    /**
     * Returns a longest chain of dependencies, root first: the nodes that an ordered start must start
     * one after the other, whatever its parallelism.
     *
     * @return the chain
     */
    public List<Integer> criticalPath() {
        return criticalPath;
    }

    /**
     * Returns the number of nodes on the longest chain.
     *
     * @return the depth
     */
    public int depth() {
        return criticalPath.size();
    }

    /**
     * Returns how many nodes each layer holds.
     *
     * @return the widths, layer 0 first
     */
    public int[] widths() {
        int[] widths = new int[layerOf.length == 0 ? 0 : layerOf[layerOf.length - 1] + 1];
        for (int layer : layerOf) {
            widths[layer]++;
        }
        return widths;
    }
}

package dev.armature.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

/** The startup benchmark's graph has the shape its description promises; no timing here. */
class RandomDagTest {
    @Test
    void theStandardGraphHas200NodesIn20LayersOfAtMost16() {
        RandomDag dag = RandomDag.standard();

        assertThat(dag.size()).isEqualTo(200);
        assertThat(dag.depth()).isEqualTo(20);
        assertThat(dag.widths()).hasSize(20);
        assertThat(Arrays.stream(dag.widths()).max().orElseThrow()).isLessThanOrEqualTo(16);
        assertShape(dag, 20, 16);
    }

    @Test
    void theSameSeedGivesTheSameGraph() {
        RandomDag a = RandomDag.standard();
        RandomDag b = RandomDag.generate(RandomDag.SEED, 200, 20, 16);

        assertThat(edges(b)).isEqualTo(edges(a));
        assertThat(b.criticalPath()).isEqualTo(a.criticalPath());
    }

    @Test
    void anotherSeedGivesAnotherGraph() {
        assertThat(edges(RandomDag.generate(RandomDag.SEED + 1, 200, 20, 16)))
                .isNotEqualTo(edges(RandomDag.standard()));
    }

    @Test
    void theCriticalPathIsAChainOfDependencies() {
        RandomDag dag = RandomDag.standard();
        List<Integer> chain = dag.criticalPath();

        assertThat(dag.dependencies(chain.get(0))).isEmpty();
        for (int i = 1; i < chain.size(); i++) {
            assertThat(dag.dependencies(chain.get(i))).contains(chain.get(i - 1));
        }
    }

    @Test
    void nodesThatDoNotFitTheLayersAreRefused() {
        assertThatThrownBy(() -> RandomDag.generate(1, 200, 10, 16)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RandomDag.generate(1, 5, 10, 16)).isInstanceOf(IllegalArgumentException.class);
    }

    @Property(tries = 100)
    void everySeedGivesALayeredAcyclicGraphOfTheFullDepth(@ForAll long seed) {
        RandomDag dag = RandomDag.generate(seed, 200, 20, 16);

        assertThat(dag.depth()).isEqualTo(20);
        assertShape(dag, 20, 16);
    }

    private static void assertShape(RandomDag dag, int depth, int maxWidth) {
        int[] widths = dag.widths();
        assertThat(widths).hasSize(depth);
        assertThat(Arrays.stream(widths).sum()).isEqualTo(dag.size());
        assertThat(Arrays.stream(widths).min().orElseThrow()).isGreaterThanOrEqualTo(1);
        assertThat(Arrays.stream(widths).max().orElseThrow()).isLessThanOrEqualTo(maxWidth);
        for (int node = 0; node < dag.size(); node++) {
            int layer = dag.layerOf(node);
            int[] deps = dag.dependencies(node);
            if (layer == 0) {
                assertThat(deps).isEmpty();
                continue;
            }
            assertThat(deps.length).isBetween(1, 3);
            assertThat(deps).doesNotHaveDuplicates();
            for (int d : deps) {
                assertThat(dag.layerOf(d)).isLessThan(layer);
            }
            assertThat(Arrays.stream(deps).anyMatch(d -> dag.layerOf(d) == layer - 1))
                    .as("node %d has a dependency in the layer before its own", node)
                    .isTrue();
        }
        assertAcyclic(dag);
    }

    /** Kahn's algorithm, independent of the numbering: every node must come out. */
    private static void assertAcyclic(RandomDag dag) {
        int n = dag.size();
        int[] waiting = new int[n];
        List<List<Integer>> dependents = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            dependents.add(new ArrayList<>());
        }
        for (int node = 0; node < n; node++) {
            for (int d : dag.dependencies(node)) {
                waiting[node]++;
                dependents.get(d).add(node);
            }
        }
        Deque<Integer> ready = new ArrayDeque<>();
        for (int node = 0; node < n; node++) {
            if (waiting[node] == 0) {
                ready.add(node);
            }
        }
        int sorted = 0;
        while (!ready.isEmpty()) {
            int node = ready.poll();
            sorted++;
            for (int next : dependents.get(node)) {
                if (--waiting[next] == 0) {
                    ready.add(next);
                }
            }
        }
        assertThat(sorted).as("nodes in a topological order").isEqualTo(n);
    }

    private static List<List<Integer>> edges(RandomDag dag) {
        List<List<Integer>> edges = new ArrayList<>();
        for (int node = 0; node < dag.size(); node++) {
            edges.add(Arrays.stream(dag.dependencies(node)).boxed().toList());
        }
        return edges;
    }
}

package dev.armature.core.functional;

import static org.assertj.core.api.Assertions.assertThat;

import dev.armature.api.AgentSystem;
import dev.armature.api.ComponentDescriptor;
import dev.armature.api.ShutdownReport;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/**
 * For any acyclic dependency graph, every component starts after all of its dependencies, hard and
 * soft, have started, and stops before any of them stops.
 */
class DagOrderPropertyTest {
    /** How component {@code i} relates to an earlier component {@code j}. */
    enum Edge {
        NONE,
        HARD,
        SOFT
    }

    /** A graph of {@code size} components; {@code edges.get(i).get(j)} relates {@code i} to {@code j < i}. */
    record Dag(int size, List<List<Edge>> edges) {
        List<String> hard(int i) {
            return related(i, Edge.HARD);
        }

        List<String> soft(int i) {
            return related(i, Edge.SOFT);
        }

        private List<String> related(int i, Edge kind) {
            List<String> names = new ArrayList<>();
            for (int j = 0; j < i; j++) {
                if (edges.get(i).get(j) == kind) {
                    names.add(name(j));
                }
            }
            return names;
        }

        static String name(int i) {
            return "c" + i;
        }

        @Override
        public String toString() {
            StringBuilder b = new StringBuilder();
            for (int i = 0; i < size; i++) {
                b.append(name(i))
                        .append(" needs ")
                        .append(hard(i))
                        .append(" after ")
                        .append(soft(i))
                        .append("; ");
            }
            return b.toString();
        }
    }

    @Provide
    Arbitrary<Dag> dags() {
        // Edges only from later to earlier components, so every graph is acyclic.
        Arbitrary<Edge> edge = Arbitraries.frequencyOf(
                Tuple.of(2, Arbitraries.just(Edge.NONE)),
                Tuple.of(1, Arbitraries.just(Edge.HARD)),
                Tuple.of(1, Arbitraries.just(Edge.SOFT)));
        return Arbitraries.integers().between(1, 12).flatMap(size -> {
            List<Arbitrary<List<Edge>>> rows = new ArrayList<>();
            for (int i = 0; i < size; i++) {
                rows.add(edge.list().ofSize(i));
            }
            return Combinators.combine(rows).as(r -> new Dag(size, List.copyOf(r)));
        });
    }

    @Property(tries = 60)
    void every_component_starts_after_its_dependencies_and_stops_before_them(@ForAll("dags") Dag dag) {
        Queue<String> journal = new ConcurrentLinkedQueue<>();
        AgentSystem.Builder builder = AgentSystem.builder();
        // Add them latest first, so that the order of addition never happens to be a valid order.
        for (int i = dag.size() - 1; i >= 0; i--) {
            ComponentDescriptor descriptor = ComponentDescriptor.builder(Dag.name(i))
                    .dependsOn(dag.hard(i).toArray(String[]::new))
                    .after(dag.soft(i).toArray(String[]::new))
                    .build();
            builder.component(new TestComponent(descriptor, journal));
        }
        try (AgentSystem system = builder.build()) {
            system.start();
            ShutdownReport report = system.stop();
            assertThat(report.isClean()).isTrue();
        }

        List<String> events = List.copyOf(journal);
        assertThat(events).hasSize(4 * dag.size());
        for (int i = 0; i < dag.size(); i++) {
            String me = Dag.name(i);
            List<String> dependencies = new ArrayList<>(dag.hard(i));
            dependencies.addAll(dag.soft(i));
            for (String dependency : dependencies) {
                assertThat(events.indexOf("started:" + dependency))
                        .as("%s started before %s starts", dependency, me)
                        .isLessThan(events.indexOf("start:" + me));
                assertThat(events.indexOf("stopped:" + me))
                        .as("%s stopped before %s stops", me, dependency)
                        .isLessThan(events.indexOf("stop:" + dependency));
            }
        }
    }
}

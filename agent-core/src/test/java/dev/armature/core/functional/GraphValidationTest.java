package dev.armature.core.functional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.armature.api.AgentSystem;
import dev.armature.api.ComponentDescriptor;
import dev.armature.api.ComponentGraphException;
import dev.armature.api.ComponentState;
import dev.armature.api.GraphFormat;
import dev.armature.api.SystemState;
import org.junit.jupiter.api.Test;

/** The graph is checked when the system is built, before anything runs. */
class GraphValidationTest {
    @Test
    void build_refuses_a_cycle_and_names_its_whole_path() {
        TestComponent a = new TestComponent(ComponentDescriptor.of("a", "b"));
        TestComponent b = new TestComponent(ComponentDescriptor.of("b", "c"));
        TestComponent c = new TestComponent(ComponentDescriptor.of("c", "a"));
        AgentSystem.Builder builder =
                AgentSystem.builder().component(a).component(b).component(c);

        assertThatThrownBy(builder::build)
                .isInstanceOfSatisfying(ComponentGraphException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ComponentGraphException.Kind.CYCLE);
                    assertThat(e.components()).containsExactly("a", "b", "c", "a");
                })
                .hasMessageContaining("a → b → c → a");
        assertThat(a.starts() + b.starts() + c.starts()).isZero();
    }

    @Test
    void build_refuses_an_unknown_hard_dependency_and_names_it() {
        AgentSystem.Builder builder = AgentSystem.builder()
                .component(new TestComponent(ComponentDescriptor.of("a")))
                .component(new TestComponent(ComponentDescriptor.of("b", "a", "model-gateway")));

        assertThatThrownBy(builder::build)
                .isInstanceOfSatisfying(ComponentGraphException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ComponentGraphException.Kind.UNKNOWN_DEPENDENCY);
                    assertThat(e.components()).containsExactly("b", "model-gateway");
                })
                .hasMessageContaining("model-gateway");
    }

    @Test
    void build_refuses_two_components_with_one_name() {
        AgentSystem.Builder builder = AgentSystem.builder()
                .component(new TestComponent(ComponentDescriptor.of("a")))
                .component(new TestComponent(ComponentDescriptor.of("a")));

        assertThatThrownBy(builder::build).isInstanceOfSatisfying(ComponentGraphException.class, e -> {
            assertThat(e.kind()).isEqualTo(ComponentGraphException.Kind.DUPLICATE_NAME);
            assertThat(e.components()).containsExactly("a");
        });
    }

    @Test
    @SuppressWarnings("NullAway") // passes null on purpose
    void null_and_blank_names_are_refused_by_the_descriptor() {
        assertThatThrownBy(() -> ComponentDescriptor.of(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> ComponentDescriptor.of(" ")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ComponentDescriptor.builder("a").dependsOn((String) null))
                .isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> ComponentDescriptor.of("a", "")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ComponentDescriptor.builder("a").after("\t").build())
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ComponentDescriptor.of("a", "a"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("itself");
    }

    @Test
    void a_soft_dependency_on_an_unknown_name_is_ignored() {
        TestComponent a = new TestComponent(
                ComponentDescriptor.builder("a").after("not-installed").build());
        try (AgentSystem system = AgentSystem.builder().component(a).build()) {
            system.start();

            assertThat(system.state()).isEqualTo(SystemState.RUNNING);
            assertThat(system.snapshot().component("a").orElseThrow().state()).isEqualTo(ComponentState.RUNNING);
        }
    }

    @Test
    void the_exported_graph_contains_the_edges() {
        try (AgentSystem system = AgentSystem.builder()
                .component(new TestComponent(ComponentDescriptor.of("workspace")))
                .component(new TestComponent(ComponentDescriptor.of("session", "workspace")))
                .build()) {
            assertThat(system.exportGraph(GraphFormat.DOT)).contains("\"session\" -> \"workspace\";");
            assertThat(system.exportGraph(GraphFormat.JSON))
                    .contains("\"name\" : \"session\"")
                    .contains("\"dependsOn\" : [ \"workspace\" ]");
        }
    }
}

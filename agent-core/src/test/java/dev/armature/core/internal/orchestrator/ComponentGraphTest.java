package dev.armature.core.internal.orchestrator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.armature.api.ComponentDescriptor;
import dev.armature.api.ComponentGraphException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ComponentGraphTest {
    private static ComponentGraphException graphError(ComponentDescriptor... descriptors) {
        try {
            ComponentGraph.of(List.of(descriptors));
        } catch (ComponentGraphException e) {
            return e;
        }
        throw new AssertionError("expected a ComponentGraphException");
    }

    @Test
    void a_cycle_is_reported_with_its_whole_path() {
        ComponentGraphException e = graphError(
                ComponentDescriptor.of("a", "b"), ComponentDescriptor.of("b", "c"), ComponentDescriptor.of("c", "a"));

        assertThat(e.kind()).isEqualTo(ComponentGraphException.Kind.CYCLE);
        assertThat(e.components()).containsExactly("a", "b", "c", "a");
        assertThat(e.getMessage()).contains("a → b → c → a");
        assertThat(e.code()).isEqualTo("armature.graph.cycle");
    }

    @Test
    void a_cycle_reached_through_a_component_outside_it_names_only_the_cycle() {
        ComponentGraphException e = graphError(
                ComponentDescriptor.of("entry", "a"),
                ComponentDescriptor.of("a", "b"),
                ComponentDescriptor.of("b", "a"));

        assertThat(e.kind()).isEqualTo(ComponentGraphException.Kind.CYCLE);
        assertThat(e.components()).containsExactly("a", "b", "a");
        assertThat(e.getMessage()).contains("a → b → a").doesNotContain("entry");
    }

    @Test
    void a_cycle_through_a_soft_dependency_is_a_cycle_too() {
        ComponentGraphException e = graphError(
                ComponentDescriptor.of("a", "b"),
                ComponentDescriptor.builder("b").after("a").build());

        assertThat(e.kind()).isEqualTo(ComponentGraphException.Kind.CYCLE);
        assertThat(e.components()).containsExactly("a", "b", "a");
    }

    @Test
    void an_unknown_hard_dependency_names_the_dependent_and_the_missing_name() {
        ComponentGraphException e = graphError(ComponentDescriptor.of("a"), ComponentDescriptor.of("b", "a", "ghost"));

        assertThat(e.kind()).isEqualTo(ComponentGraphException.Kind.UNKNOWN_DEPENDENCY);
        assertThat(e.components()).containsExactly("b", "ghost");
        assertThat(e.getMessage()).contains("'b'").contains("'ghost'");
    }

    @Test
    void a_name_used_twice_is_refused() {
        ComponentGraphException e = graphError(ComponentDescriptor.of("a"), ComponentDescriptor.of("a"));

        assertThat(e.kind()).isEqualTo(ComponentGraphException.Kind.DUPLICATE_NAME);
        assertThat(e.components()).containsExactly("a");
        assertThat(e.getMessage()).contains("'a'");
    }

    @Test
    void a_soft_dependency_on_an_unknown_name_is_ignored() {
        ComponentGraph graph = ComponentGraph.of(
                List.of(ComponentDescriptor.builder("a").after("ghost").build(), ComponentDescriptor.of("b", "a")));

        assertThat(graph.order()).containsExactly("a", "b");
        assertThat(graph.orderingPredecessors("a")).isEmpty();
        assertThat(graph.toDot()).doesNotContain("ghost");
    }

    @Test
    void the_order_puts_every_component_after_what_it_depends_on() {
        List<ComponentDescriptor> descriptors = List.of(
                ComponentDescriptor.of("session", "model", "tools"),
                ComponentDescriptor.builder("tools").after("workspace").build(),
                ComponentDescriptor.of("model"),
                ComponentDescriptor.of("workspace"));

        List<String> order = ComponentGraph.of(descriptors).order();

        assertThat(order).containsExactlyInAnyOrder("session", "tools", "model", "workspace");
        List<String> seen = new ArrayList<>();
        for (String name : order) {
            ComponentDescriptor d = descriptors.stream()
                    .filter(x -> x.name().equals(name))
                    .findFirst()
                    .orElseThrow();
            assertThat(seen).containsAll(d.dependsOn()).containsAll(d.after());
            seen.add(name);
        }
    }

    @Test
    void the_stop_order_edges_are_the_reverse_of_the_start_order_edges() {
        ComponentGraph graph = ComponentGraph.of(List.of(
                ComponentDescriptor.of("a"),
                ComponentDescriptor.of("b", "a"),
                ComponentDescriptor.builder("c").dependsOn("b").after("a").build()));

        assertThat(graph.orderingPredecessors("c")).containsExactly("b", "a");
        assertThat(graph.orderingSuccessors("a")).containsExactlyInAnyOrder("b", "c");
        assertThat(graph.transitiveHardDependents("a")).containsExactly("b", "c");
    }

    @Test
    void the_json_export_lists_every_component_with_its_edges() throws Exception {
        ComponentGraph graph = ComponentGraph.of(List.of(
                ComponentDescriptor.of("a"),
                ComponentDescriptor.builder("b").dependsOn("a").optional(true).build(),
                ComponentDescriptor.builder("c").dependsOn("b").after("a").build()));

        JsonNode json = new ObjectMapper().readTree(graph.toJson());

        JsonNode components = json.get("components");
        assertThat(components).hasSize(3);
        JsonNode c = components.get(2);
        assertThat(c.get("name").asText()).isEqualTo("c");
        assertThat(c.get("dependsOn").get(0).asText()).isEqualTo("b");
        assertThat(c.get("after").get(0).asText()).isEqualTo("a");
        assertThat(components.get(1).get("optional").asBoolean()).isTrue();
        assertThat(components.get(1).get("dependsOn").get(0).asText()).isEqualTo("a");
    }

    @Test
    void the_dot_export_draws_hard_edges_solid_and_soft_edges_dashed() {
        ComponentGraph graph = ComponentGraph.of(List.of(
                ComponentDescriptor.of("a"),
                ComponentDescriptor.of("b", "a"),
                ComponentDescriptor.builder("c").dependsOn("b").after("a").build()));

        String dot = graph.toDot();

        assertThat(dot)
                .startsWith("digraph")
                .contains("\"b\" -> \"a\";")
                .contains("\"c\" -> \"b\";")
                .contains("\"c\" -> \"a\" [style=dashed];");
    }

    @Test
    void names_with_quotes_are_escaped_in_dot() {
        ComponentGraph graph = ComponentGraph.of(List.of(ComponentDescriptor.of("say \"hi\"")));

        assertThat(graph.toDot()).contains("\"say \\\"hi\\\"\"");
    }
}

package dev.armature.core.internal.incident.runbook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.armature.api.AgentSystem;
import dev.armature.api.incident.IncidentKey;
import dev.armature.api.incident.RunbookException;
import dev.armature.core.runbook.RunbooksExtension;
import dev.armature.spi.Plugin;
import dev.armature.spi.PluginContext;
import dev.armature.spi.incident.Runbook;
import dev.armature.spi.incident.RunbookActions;
import dev.armature.spi.incident.RunbookCheck;
import dev.armature.spi.incident.RunbookStep;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Building runbooks, and the registry of a system's runbooks. */
class RunbookRegistryTest {
    @org.junit.jupiter.api.io.TempDir
    @SuppressWarnings("NullAway.Init") // injected by JUnit before each test
    java.nio.file.Path dir;

    private static final RunbookStep PASS = RunbookStep.check("look", c -> RunbookCheck.Result.passed("fine"));

    private static Runbook runbook(String name) {
        return Runbook.builder(name).step(PASS).build();
    }

    private static RunbookException.Kind kindOf(Throwable e) {
        return ((RunbookException) e).kind();
    }

    @Test
    void a_runbook_needs_a_hyphenated_name_steps_and_unique_hyphenated_step_names() {
        assertThatThrownBy(() -> Runbook.builder("Model Outage").step(PASS).build())
                .isInstanceOf(RunbookException.class)
                .satisfies(e -> assertThat(kindOf(e)).isEqualTo(RunbookException.Kind.INVALID))
                .hasMessageContaining("runbook name 'Model Outage' is not lower-case words joined by hyphens");
        assertThatThrownBy(() -> Runbook.builder("model-outage").build())
                .isInstanceOf(RunbookException.class)
                .hasMessageContaining("runbook model-outage has no steps");
        assertThatThrownBy(() -> Runbook.builder("model-outage")
                        .step(RunbookStep.action("open_circuit", RunbookActions.openCircuit("model.chat")))
                        .build())
                .isInstanceOf(RunbookException.class)
                .hasMessageContaining("step 'open_circuit' of runbook model-outage");
        assertThatThrownBy(() ->
                        Runbook.builder("model-outage").step(PASS).step(PASS).build())
                .isInstanceOfSatisfying(RunbookException.class, e -> {
                    assertThat(e.kind()).isEqualTo(RunbookException.Kind.INVALID);
                    assertThat(e.runbook()).isEqualTo("model-outage");
                    assertThat(e.code()).isEqualTo("armature.runbook.invalid");
                })
                .hasMessageContaining("two steps named look");
    }

    @Test
    void a_step_needs_a_positive_timeout_and_a_gate_an_approver_role() {
        assertThatThrownBy(() -> PASS.withTimeout(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("must be positive");
        assertThatThrownBy(() -> RunbookStep.gate("approve", " "))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("needs an approver role");
        RunbookStep step = PASS.withTimeout(Duration.ofSeconds(5)).when(c -> true);
        assertThat(step.timeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(step.precondition()).isPresent();
        assertThat(PASS.precondition()).isEmpty();
        assertThat(PASS.timeout()).isEqualTo(Duration.ofMinutes(1));
    }

    @Test
    void a_runbook_answers_the_keys_it_is_bound_to_by_kind_and_name() {
        Runbook r = Runbook.builder("model-outage")
                .forGuard("model.chat")
                .forAlert("error-rate")
                .forComponent("model-gateway")
                .forFingerprint("v1:abc")
                .step(PASS)
                .build();

        assertThat(r.answers(IncidentKey.of(IncidentKey.Kind.GUARD, "model.chat")))
                .isTrue();
        assertThat(r.answers(IncidentKey.alert("error-rate", Map.of("component", "model"))))
                .as("labels are not compared")
                .isTrue();
        assertThat(r.answers(IncidentKey.of(IncidentKey.Kind.COMPONENT, "model-gateway")))
                .isTrue();
        assertThat(r.answers(IncidentKey.of(IncidentKey.Kind.FINGERPRINT, "v1:abc")))
                .isTrue();
        assertThat(r.answers(IncidentKey.of(IncidentKey.Kind.COMPONENT, "model.chat")))
                .isFalse();
        assertThat(r.answers(IncidentKey.of(IncidentKey.Kind.GUARD, "model.embed")))
                .isFalse();
    }

    @Test
    void the_registry_finds_runbooks_by_name_and_by_key_and_refuses_duplicate_names() {
        Runbook host = Runbook.builder("model-outage")
                .forGuard("model.chat")
                .step(PASS)
                .build();
        Runbook plugin =
                Runbook.builder("chat-slow").forGuard("model.chat").step(PASS).build();
        Runbook other = Runbook.builder("disk-full")
                .forComponent("workspace")
                .step(PASS)
                .build();
        RunbookRegistry registry = RunbookRegistry.of(List.of(host), List.of(plugin, other));

        assertThat(registry.all()).containsExactly(host, plugin, other);
        assertThat(registry.boundTo(IncidentKey.of(IncidentKey.Kind.GUARD, "model.chat")))
                .containsExactly(host, plugin);
        assertThat(registry.boundTo(IncidentKey.of(IncidentKey.Kind.SYSTEM, "safe-mode")))
                .isEmpty();
        assertThat(registry.find("disk-full")).contains(other);
        assertThat(registry.require("chat-slow")).isSameAs(plugin);
        assertThatThrownBy(() -> registry.require("nope"))
                .isInstanceOfSatisfying(
                        RunbookException.class, e -> assertThat(e.kind()).isEqualTo(RunbookException.Kind.UNKNOWN))
                .hasMessageContaining("[model-outage, chat-slow, disk-full]");

        assertThatThrownBy(() -> RunbookRegistry.of(List.of(runbook("model-outage")), List.of(runbook("model-outage"))))
                .isInstanceOfSatisfying(RunbookException.class, e -> {
                    assertThat(e.kind()).isEqualTo(RunbookException.Kind.DUPLICATE);
                    assertThat(e.runbook()).isEqualTo("model-outage");
                })
                .hasMessageContaining("the second came from a plugin");
        assertThatThrownBy(() -> RunbookRegistry.of(List.of(runbook("a"), runbook("a")), List.of()))
                .isInstanceOf(RunbookException.class)
                .hasMessageContaining("the second came from the host");
    }

    @Test
    void plugins_contribute_runbooks_and_the_host_gives_its_own_through_the_extension() {
        Runbook fromPlugin = runbook("chat-slow");
        Runbook fromHost = runbook("model-outage");
        Plugin plugin = new Plugin() {
            @Override
            public String id() {
                return "runbooks";
            }

            @Override
            public String supportedApiVersions() {
                return "[0.1,1)";
            }

            @Override
            public void contribute(PluginContext context) {
                context.contribute(Runbook.class, fromPlugin);
            }
        };
        // The incident manager reads the plugins' runbooks from its context, as this component does.
        java.util.concurrent.atomic.AtomicReference<List<Runbook>> contributed =
                new java.util.concurrent.atomic.AtomicReference<>(List.of());
        dev.armature.core.functional.TestComponent reader = new dev.armature.core.functional.TestComponent(
                        dev.armature.api.ComponentDescriptor.of("incidents"))
                .onStart(
                        c -> contributed.set(java.util.Objects.requireNonNull(c).contributions(Runbook.class)));
        RunbooksExtension extension = RunbooksExtension.of(fromHost);
        try (AgentSystem system = AgentSystem.builder()
                .environment(Map.of())
                .systemProperties(Map.of())
                .dataDirectory(dir)
                .pluginDiscovery(false)
                .plugin(plugin)
                .extension(extension)
                .component(reader)
                .build()) {
            system.start();
            RunbookRegistry registry =
                    RunbookRegistry.of(extension.runbooks(), java.util.Objects.requireNonNull(contributed.get()));
            assertThat(registry.all()).containsExactly(fromHost, fromPlugin);
        }
    }
}

package dev.armature.core.functional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.armature.api.AgentSystem;
import dev.armature.api.ComponentDescriptor;
import dev.armature.api.ComponentEvent;
import dev.armature.api.ComponentGraphException;
import dev.armature.api.ComponentState;
import dev.armature.api.IllegalLifecycleException;
import dev.armature.api.config.ConfigException;
import dev.armature.api.resilience.CircuitState;
import dev.armature.api.resilience.EmergencyEvent;
import dev.armature.api.resilience.GuardEvent;
import dev.armature.api.resilience.GuardRejectedException;
import dev.armature.core.time.ManualTime;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Safe mode: {@code core} is essential, {@code indexer} (which needs core) and {@code uploader} are
 * not, and {@code model.chat} is a guard safe mode opens.
 */
class SafeModeTest {
    @TempDir
    Path dir;

    private final ManualTime time = ManualTime.create();
    private final TestComponent core = new TestComponent(ComponentDescriptor.of("core"));
    private final TestComponent indexer = new TestComponent(ComponentDescriptor.builder("indexer")
            .dependsOn("core")
            .essential(false)
            .build());
    private final TestComponent uploader = new TestComponent(
            ComponentDescriptor.builder("uploader").essential(false).build());

    private AgentSystem system(Path configFile) {
        return AgentSystem.builder()
                .timeSource(time)
                .healthCheckInterval(Duration.ofHours(1))
                .environment(Map.of())
                .systemProperties(Map.of("armature.emergency.safe-mode.open-guards", "model.chat"))
                .addConfigFile(configFile)
                .component(core)
                .component(indexer)
                .component(uploader)
                .build();
    }

    private Path configFile(String greeting) throws IOException {
        Path file = dir.resolve("agent.yaml");
        Files.writeString(file, "agent:\n  greeting: " + greeting + "\n");
        return file;
    }

    @Test
    void safe_mode_stops_what_is_not_essential_opens_guards_freezes_reloads_and_exit_restores_it_all()
            throws Exception {
        Path file = configFile("hello");
        try (AgentSystem system = system(file);
                EventProbe probe = EventProbe.all(system)) {
            system.start();
            assertThat(system.emergency().enterSafeMode("leaking prompts, incident 4711"))
                    .isTrue();

            EmergencyEvent.SafeModeEntered entered =
                    probe.await(EmergencyEvent.SafeModeEntered.class, e -> true).payload();
            assertThat(entered.safeMode().stoppedComponents()).containsExactly("indexer", "uploader");
            assertThat(entered.safeMode().openedGuards()).containsExactly("model.chat");
            probe.awaitStateEver("indexer", ComponentState.STOPPED);
            probe.awaitStateEver("uploader", ComponentState.STOPPED);
            assertThat(state(system, "core")).isEqualTo(ComponentState.RUNNING);
            MeterRegistry meters = system.service(MeterRegistry.class);
            assertThat(meters.get("armature.emergency.safe-mode").gauge().value())
                    .isEqualTo(1.0);

            assertThat(system.guard("model.chat").circuitState()).isEqualTo(CircuitState.FORCED_OPEN);
            assertThatThrownBy(() -> system.guard("model.chat").call(() -> "unreached"))
                    .isInstanceOfSatisfying(GuardRejectedException.class, e -> assertThat(e.reason())
                            .isEqualTo(GuardRejectedException.Reason.CIRCUIT_OPEN))
                    .hasMessageContaining("forced open: safe mode: leaking prompts");
            assertThat(probe.awaitEver(GuardEvent.CircuitStateChanged.class, e -> true)
                            .to())
                    .isEqualTo(CircuitState.FORCED_OPEN);

            Files.writeString(file, "agent:\n  greeting: bonjour\n");
            assertThatThrownBy(() -> system.config().reload())
                    .isInstanceOfSatisfying(
                            ConfigException.class, e -> assertThat(e.code()).isEqualTo("armature.config.frozen"))
                    .hasMessageContaining("exitSafeMode()");
            time.advance(Duration.ofSeconds(10)); // a poll finds the change and holds it back
            assertThat(system.config().get("agent.greeting", String.class)).isEqualTo("hello");

            // Idempotent: the first reason stays, nothing is stopped twice, no second event.
            assertThat(system.emergency().enterSafeMode("again")).isFalse();
            assertThat(system.emergency().safeMode())
                    .hasValueSatisfying(m -> assertThat(m.reason()).isEqualTo("leaking prompts, incident 4711"));

            assertThat(system.emergency().exitSafeMode()).isTrue();
            EmergencyEvent.SafeModeExited exited =
                    probe.await(EmergencyEvent.SafeModeExited.class, e -> true).payload();
            assertThat(exited.safeMode()).isEqualTo(entered.safeMode());
            probe.awaitEver(
                    ComponentEvent.StateChanged.class,
                    e -> e.component().equals("indexer") && e.to() == ComponentState.RUNNING && e.generation() > 1);
            probe.awaitEver(
                    ComponentEvent.StateChanged.class,
                    e -> e.component().equals("uploader") && e.to() == ComponentState.RUNNING && e.generation() > 1);
            assertThat(system.guard("model.chat").circuitState()).isEqualTo(CircuitState.CLOSED);
            assertThat(system.guard("model.chat").<String>call(() -> "answered"))
                    .isEqualTo("answered");
            assertThat(system.config().get("agent.greeting", String.class)).isEqualTo("bonjour");
            assertThat(system.emergency().exitSafeMode()).isFalse();
            assertThat(meters.get("armature.emergency.safe-mode").gauge().value())
                    .isEqualTo(0.0);
            assertThat(system.emergency().safeMode()).isEmpty();
            assertThat(probe.seen(EmergencyEvent.SafeModeEntered.class)).hasSize(1);
            assertThat(indexer.starts()).isEqualTo(2);
            assertThat(core.starts()).isEqualTo(1);
        }
    }

    @Test
    void safe_mode_needs_a_running_system_and_a_reason() throws Exception {
        try (AgentSystem system = system(configFile("hello"))) {
            assertThatThrownBy(() -> system.emergency().enterSafeMode("too early"))
                    .isInstanceOf(IllegalLifecycleException.class);
            assertThat(system.emergency().safeMode()).isEmpty();
            system.start();
            assertThatThrownBy(() -> system.emergency().enterSafeMode(" "))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("needs a reason");
        }
    }

    @Test
    void an_essential_component_may_not_depend_on_one_safe_mode_stops() {
        assertThatThrownBy(() -> AgentSystem.builder()
                        .environment(Map.of())
                        .systemProperties(Map.of())
                        .component(new TestComponent(ComponentDescriptor.of("session", "indexer")))
                        .component(new TestComponent(ComponentDescriptor.builder("indexer")
                                .essential(false)
                                .build()))
                        .build())
                .isInstanceOfSatisfying(ComponentGraphException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ComponentGraphException.Kind.ESSENTIAL_DEPENDS_ON_NON_ESSENTIAL);
                    assertThat(e.components()).containsExactly("session", "indexer");
                })
                .hasMessageContaining("Mark 'indexer' essential");
    }

    private static ComponentState state(AgentSystem system, String name) {
        return system.snapshot().components().stream()
                .filter(c -> c.name().equals(name))
                .findFirst()
                .orElseThrow()
                .state();
    }
}

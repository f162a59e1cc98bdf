package dev.armature.core.functional;

import static org.assertj.core.api.Assertions.assertThat;

import dev.armature.api.AgentSystem;
import dev.armature.api.ComponentDescriptor;
import dev.armature.api.ComponentState;
import dev.armature.api.ShutdownReport;
import dev.armature.api.SystemState;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.Test;

class SmokeTest {
    @Test
    void a_small_system_starts_in_dependency_order_and_stops_in_reverse() {
        Queue<String> journal = new ConcurrentLinkedQueue<>();
        AgentSystem system = AgentSystem.builder()
                .component(new TestComponent(ComponentDescriptor.of("c", "b"), journal))
                .component(new TestComponent(ComponentDescriptor.of("b", "a"), journal))
                .component(new TestComponent(ComponentDescriptor.of("a"), journal))
                .build();
        system.start();
        assertThat(system.state()).isEqualTo(SystemState.RUNNING);
        assertThat(system.snapshot().components()).allMatch(c -> c.state() == ComponentState.RUNNING);
        ShutdownReport report = system.stop();
        assertThat(report.isClean()).isTrue();
        assertThat(system.state()).isEqualTo(SystemState.STOPPED);
        assertThat(journal)
                .containsExactly(
                        "start:a",
                        "started:a",
                        "start:b",
                        "started:b",
                        "start:c",
                        "started:c",
                        "stop:c",
                        "stopped:c",
                        "stop:b",
                        "stopped:b",
                        "stop:a",
                        "stopped:a");
    }
}

package dev.armature.monitoring.internal.health;

import static org.assertj.core.api.Assertions.assertThat;

import dev.armature.api.ComponentState;
import dev.armature.api.health.CheckOutcome;
import dev.armature.api.health.HealthStatus;
import dev.armature.api.resilience.CircuitState;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HealthBuiltInChecksTest {
    @Test
    void a_failed_component_is_down_and_a_restarting_one_degraded() {
        assertThat(EventProbes.componentsOutcome(Map.of("a", ComponentState.RUNNING))
                        .status())
                .isEqualTo(HealthStatus.UP);
        CheckOutcome restarting =
                EventProbes.componentsOutcome(Map.of("a", ComponentState.RUNNING, "b", ComponentState.RESTARTING));
        assertThat(restarting.status()).isEqualTo(HealthStatus.DEGRADED);
        assertThat(restarting.details()).containsEntry("b", "RESTARTING").doesNotContainKey("a");
        CheckOutcome failed =
                EventProbes.componentsOutcome(Map.of("b", ComponentState.RESTARTING, "c", ComponentState.FAILED));
        assertThat(failed.status()).isEqualTo(HealthStatus.DOWN);
        assertThat(failed.message()).contains("failed: c");
    }

    @Test
    void an_open_circuit_is_degraded_and_a_half_open_one_only_shown() {
        assertThat(EventProbes.circuitsOutcome(Map.of("m", CircuitState.HALF_OPEN))
                        .status())
                .isEqualTo(HealthStatus.UP);
        CheckOutcome open = EventProbes.circuitsOutcome(Map.of("m", CircuitState.OPEN, "n", CircuitState.CLOSED));
        assertThat(open.status()).isEqualTo(HealthStatus.DEGRADED);
        assertThat(open.message()).contains("open circuits: m");
    }

    @Test
    void heap_and_disk_thresholds() {
        assertThat(ResourceProbes.heapOutcome(50, 100, 0.85, 0.95).status()).isEqualTo(HealthStatus.UP);
        assertThat(ResourceProbes.heapOutcome(90, 100, 0.85, 0.95).status()).isEqualTo(HealthStatus.DEGRADED);
        CheckOutcome full = ResourceProbes.heapOutcome(96, 100, 0.85, 0.95);
        assertThat(full.status()).isEqualTo(HealthStatus.DOWN);
        assertThat(full.details()).containsEntry("ratio", "96.0%");
        assertThat(ResourceProbes.diskOutcome(500, 100).status()).isEqualTo(HealthStatus.UP);
        assertThat(ResourceProbes.diskOutcome(150, 100).status()).isEqualTo(HealthStatus.DEGRADED);
        assertThat(ResourceProbes.diskOutcome(99, 100).status()).isEqualTo(HealthStatus.DOWN);
    }
}

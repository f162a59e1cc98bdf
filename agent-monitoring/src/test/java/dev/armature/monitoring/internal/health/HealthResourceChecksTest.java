package dev.armature.monitoring.internal.health;

import static org.assertj.core.api.Assertions.assertThat;

import dev.armature.api.health.CheckOutcome;
import dev.armature.api.health.HealthStatus;
import dev.armature.api.health.Indicator;
import org.junit.jupiter.api.Test;

/** The resource checks added after heap, threads and disk: thresholds and indicators. */
class HealthResourceChecksTest {
    @Test
    void heap_and_disk_publish_their_indicators() {
        assertThat(ResourceProbes.heapOutcome(82, 100, 0.85, 0.95).indicators())
                .containsEntry("heap.used-percent", Indicator.rising(82.0, 95.0));
        assertThat(ResourceProbes.diskOutcome(500, 100).indicators())
                .containsEntry("disk.free-bytes", Indicator.falling(500, 100));
    }

    @Test
    void non_heap_is_weighed_against_its_maximum_when_the_jvm_has_one() {
        assertThat(ResourceProbes.nonHeapOutcome(50, 60, 100, 0.85, 0.95).status())
                .isEqualTo(HealthStatus.UP);
        assertThat(ResourceProbes.nonHeapOutcome(90, 95, 100, 0.85, 0.95).status())
                .isEqualTo(HealthStatus.DEGRADED);
        assertThat(ResourceProbes.nonHeapOutcome(96, 99, 100, 0.85, 0.95).status())
                .isEqualTo(HealthStatus.DOWN);
        CheckOutcome unbounded = ResourceProbes.nonHeapOutcome(500, 600, -1, 0.85, 0.95);
        assertThat(unbounded.status()).isEqualTo(HealthStatus.UP);
        assertThat(unbounded.indicators()).isEmpty();
        assertThat(unbounded.details()).containsEntry("max", "none");
    }

    @Test
    void gc_pressure_is_the_share_of_the_window_spent_in_gc() {
        ResourceProbes.GcSample before = new ResourceProbes.GcSample(1_000, 60_000);
        assertThat(ResourceProbes.gcOutcome(before, new ResourceProbes.GcSample(1_500, 70_000), 0.10, 0.25)
                        .status())
                .as("5%")
                .isEqualTo(HealthStatus.UP);
        CheckOutcome busy = ResourceProbes.gcOutcome(before, new ResourceProbes.GcSample(2_500, 70_000), 0.10, 0.25);
        assertThat(busy.status()).as("15%").isEqualTo(HealthStatus.DEGRADED);
        assertThat(busy.details()).containsEntry("ratio", "15.0%").containsEntry("window-ms", "10000");
        assertThat(busy.indicators().get("gc.time-percent")).isEqualTo(Indicator.rising(15.0, 25.0));
        assertThat(ResourceProbes.gcOutcome(before, new ResourceProbes.GcSample(4_000, 70_000), 0.10, 0.25)
                        .status())
                .as("30%")
                .isEqualTo(HealthStatus.DOWN);
        assertThat(ResourceProbes.gcOutcome(before, before, 0.10, 0.25).status())
                .as("no time passed")
                .isEqualTo(HealthStatus.UNKNOWN);
    }

    @Test
    void file_descriptors_are_weighed_against_the_limit_or_unknown_without_one() {
        assertThat(ResourceProbes.fdOutcome(100, 1024, 0.8, 0.95).status()).isEqualTo(HealthStatus.UP);
        assertThat(ResourceProbes.fdOutcome(900, 1024, 0.8, 0.95).status()).isEqualTo(HealthStatus.DEGRADED);
        CheckOutcome full = ResourceProbes.fdOutcome(1000, 1024, 0.8, 0.95);
        assertThat(full.status()).isEqualTo(HealthStatus.DOWN);
        assertThat(full.indicators().get("fds.open")).isEqualTo(Indicator.rising(1000, 972));
        CheckOutcome unknown = ResourceProbes.fdOutcome(-1, -1, 0.8, 0.95);
        assertThat(unknown.status()).isEqualTo(HealthStatus.UNKNOWN);
        assertThat(unknown.message()).hasValueSatisfying(m -> assertThat(m).contains("file descriptors"));
    }

    @Test
    void cpu_load_degrades_but_never_downs_and_is_unknown_before_its_first_sample() {
        assertThat(ResourceProbes.cpuOutcome(0.5, 2, 0.9).status()).isEqualTo(HealthStatus.UP);
        assertThat(ResourceProbes.cpuOutcome(1.0, 2, 0.9).status()).isEqualTo(HealthStatus.DEGRADED);
        assertThat(ResourceProbes.cpuOutcome(-1, 2, 0.9).status()).isEqualTo(HealthStatus.UNKNOWN);
    }

    @Test
    void threads_degrade_at_their_maximum_and_deadlocks_are_down() {
        assertThat(ResourceProbes.threadsOutcome(0, 100, 5000).status()).isEqualTo(HealthStatus.UP);
        assertThat(ResourceProbes.threadsOutcome(0, 5000, 5000).status()).isEqualTo(HealthStatus.DEGRADED);
        CheckOutcome deadlocked = ResourceProbes.threadsOutcome(2, 100, 5000);
        assertThat(deadlocked.status()).isEqualTo(HealthStatus.DOWN);
        assertThat(deadlocked.indicators()).containsEntry("threads.live", Indicator.rising(100, 5000));
    }

    @Test
    void the_live_probes_run_on_this_jvm() throws Exception {
        assertThat(ResourceProbes.nonHeap(0.85, 0.95).probe().details()).containsKey("used");
        assertThat(ResourceProbes.gc(0.10, 0.25).probe().status()).isNotNull();
        assertThat(ResourceProbes.fileDescriptors(0.8, 0.95).probe().status()).isNotNull();
        assertThat(ResourceProbes.cpu(0.9).probe().details()).containsKey("processors");
    }
}

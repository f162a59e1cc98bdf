package dev.armature.monitoring.internal.health;

import dev.armature.api.config.Config;
import dev.armature.api.config.DataSize;
import dev.armature.api.health.CheckKind;
import dev.armature.api.health.CheckOutcome;
import dev.armature.api.health.CheckSpec;
import dev.armature.api.health.Criticality;
import dev.armature.spi.health.HealthProbe;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Internal: the built-in resource checks, read from the JDK's management beans: heap in use
 * against its maximum, deadlocked threads, and the free space of a path's disk. All are
 * non-critical (a failing one makes the system DEGRADED) and tagged {@code resources}.
 */
final class ResourceProbes {
    static final double DEFAULT_HEAP_DEGRADED_RATIO = 0.85;
    static final double DEFAULT_HEAP_DOWN_RATIO = 0.95;
    static final DataSize DEFAULT_MIN_FREE_DISK = DataSize.ofMebibytes(100);

    private ResourceProbes() {}

    static List<HealthProbe> from(Config config) {
        double degraded = config.getOptional(HealthSchema.HEAP_DEGRADED_RATIO, Double.class)
                .orElse(DEFAULT_HEAP_DEGRADED_RATIO);
        double down =
                config.getOptional(HealthSchema.HEAP_DOWN_RATIO, Double.class).orElse(DEFAULT_HEAP_DOWN_RATIO);
        DataSize minFree =
                config.getOptional(HealthSchema.MIN_FREE_DISK, DataSize.class).orElse(DEFAULT_MIN_FREE_DISK);
        Path path =
                Path.of(config.getOptional(HealthSchema.DISK_PATH, String.class).orElse("."));
        return List.of(heap(degraded, down), threads(), disk(path, minFree.bytes()));
    }

    private static CheckSpec.Builder spec(String name) {
        return CheckSpec.builder(name)
                .kind(CheckKind.DIAGNOSTIC)
                .criticality(Criticality.NON_CRITICAL)
                .addTag("resources");
    }

    static HealthProbe heap(double degradedRatio, double downRatio) {
        return HealthProbe.of(spec("resources.heap").build(), () -> {
            MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
            long max = heap.getMax() > 0 ? heap.getMax() : heap.getCommitted();
            return heapOutcome(heap.getUsed(), max, degradedRatio, downRatio);
        });
    }

    static CheckOutcome heapOutcome(long used, long max, double degradedRatio, double downRatio) {
        double ratio = max > 0 ? (double) used / max : 0;
        String percent = String.format(java.util.Locale.ROOT, "%.1f%%", 100 * ratio);
        CheckOutcome outcome;
        if (ratio >= downRatio) {
            outcome = CheckOutcome.down("heap " + percent + " used, at or above " + 100 * downRatio + "%");
        } else if (ratio >= degradedRatio) {
            outcome = CheckOutcome.degraded("heap " + percent + " used, at or above " + 100 * degradedRatio + "%");
        } else {
            outcome = CheckOutcome.up();
        }
        return outcome.withDetail("used", used).withDetail("max", max).withDetail("ratio", percent);
    }

    static HealthProbe threads() {
        return HealthProbe.of(spec("resources.threads").build(), () -> {
            ThreadMXBean threads = ManagementFactory.getThreadMXBean();
            long[] deadlocked = threads.findDeadlockedThreads();
            CheckOutcome outcome = deadlocked == null
                    ? CheckOutcome.up()
                    : CheckOutcome.down(deadlocked.length + " threads are deadlocked");
            return outcome.withDetail("live", threads.getThreadCount())
                    .withDetail("peak", threads.getPeakThreadCount())
                    .withDetail("daemon", threads.getDaemonThreadCount());
        });
    }

    static HealthProbe disk(Path path, long minFreeBytes) {
        return HealthProbe.of(spec("resources.disk").build(), () -> diskOutcome(path, minFreeBytes));
    }

    private static CheckOutcome diskOutcome(Path path, long minFreeBytes) throws IOException {
        Path existing = path.toAbsolutePath();
        while (!Files.exists(existing) && existing.getParent() != null) {
            existing = existing.getParent();
        }
        long free = Files.getFileStore(existing).getUsableSpace();
        return diskOutcome(free, minFreeBytes).withDetail("path", existing);
    }

    static CheckOutcome diskOutcome(long free, long minFreeBytes) {
        CheckOutcome outcome;
        if (free < minFreeBytes) {
            outcome = CheckOutcome.down(free + " bytes free, below the minimum of " + minFreeBytes);
        } else if (free < 2 * minFreeBytes) {
            outcome = CheckOutcome.degraded(free + " bytes free, below twice the minimum of " + minFreeBytes);
        } else {
            outcome = CheckOutcome.up();
        }
        return outcome.withDetail("free", free).withDetail("minimum", minFreeBytes);
    }
}

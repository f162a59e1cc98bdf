package dev.armature.monitoring.internal.health;

import dev.armature.api.config.Config;
import dev.armature.api.config.DataSize;
import dev.armature.api.health.CheckKind;
import dev.armature.api.health.CheckOutcome;
import dev.armature.api.health.CheckSpec;
import dev.armature.api.health.Criticality;
import dev.armature.api.health.HealthStatus;
import dev.armature.api.health.Indicator;
import dev.armature.spi.health.HealthProbe;
import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.lang.management.OperatingSystemMXBean;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Internal: the built-in resource checks, read from the JDK's management beans: heap and non-heap
 * memory in use against their maximum, the share of time spent in GC since the previous run,
 * threads (deadlocks and their number), open file descriptors against the process's limit, the
 * process's CPU load, and the free space of a path's disk. All are non-critical (a failing one
 * makes the system DEGRADED) and tagged {@code resources}; all but CPU publish an {@link Indicator}
 * whose trend the checker watches. Where the JVM cannot tell (file descriptors off Unix, CPU load
 * before its first sample) a check reports UNKNOWN, which the overall status ignores.
 */
final class ResourceProbes {
    static final double DEFAULT_HEAP_DEGRADED_RATIO = 0.85;
    static final double DEFAULT_HEAP_DOWN_RATIO = 0.95;
    static final double DEFAULT_NON_HEAP_DEGRADED_RATIO = 0.85;
    static final double DEFAULT_NON_HEAP_DOWN_RATIO = 0.95;
    static final double DEFAULT_GC_DEGRADED_RATIO = 0.10;
    static final double DEFAULT_GC_DOWN_RATIO = 0.25;
    static final double DEFAULT_FD_DEGRADED_RATIO = 0.80;
    static final double DEFAULT_FD_DOWN_RATIO = 0.95;
    static final double DEFAULT_CPU_DEGRADED_RATIO = 0.90;
    static final int DEFAULT_MAX_THREADS = 5000;
    static final DataSize DEFAULT_MIN_FREE_DISK = DataSize.ofMebibytes(100);

    private ResourceProbes() {}

    static List<HealthProbe> from(Config config, Path dataDirectory) {
        Path path = config.getOptional(HealthSchema.DISK_PATH, String.class)
                .map(Path::of)
                .orElse(dataDirectory);
        DataSize minFree =
                config.getOptional(HealthSchema.MIN_FREE_DISK, DataSize.class).orElse(DEFAULT_MIN_FREE_DISK);
        return List.of(
                heap(
                        ratio(config, HealthSchema.HEAP_DEGRADED_RATIO, DEFAULT_HEAP_DEGRADED_RATIO),
                        ratio(config, HealthSchema.HEAP_DOWN_RATIO, DEFAULT_HEAP_DOWN_RATIO)),
                nonHeap(
                        ratio(config, HealthSchema.NON_HEAP_DEGRADED_RATIO, DEFAULT_NON_HEAP_DEGRADED_RATIO),
                        ratio(config, HealthSchema.NON_HEAP_DOWN_RATIO, DEFAULT_NON_HEAP_DOWN_RATIO)),
                gc(
                        ratio(config, HealthSchema.GC_DEGRADED_RATIO, DEFAULT_GC_DEGRADED_RATIO),
                        ratio(config, HealthSchema.GC_DOWN_RATIO, DEFAULT_GC_DOWN_RATIO)),
                threads(config.getOptional(HealthSchema.MAX_THREADS, Integer.class)
                        .orElse(DEFAULT_MAX_THREADS)),
                fileDescriptors(
                        ratio(config, HealthSchema.FD_DEGRADED_RATIO, DEFAULT_FD_DEGRADED_RATIO),
                        ratio(config, HealthSchema.FD_DOWN_RATIO, DEFAULT_FD_DOWN_RATIO)),
                cpu(ratio(config, HealthSchema.CPU_DEGRADED_RATIO, DEFAULT_CPU_DEGRADED_RATIO)),
                disk(path, minFree.bytes()));
    }

    private static double ratio(Config config, String key, double fallback) {
        return config.getOptional(key, Double.class).orElse(fallback);
    }

    private static CheckSpec.Builder spec(String name) {
        return CheckSpec.builder(name)
                .kind(CheckKind.DIAGNOSTIC)
                .criticality(Criticality.NON_CRITICAL)
                .addTag("resources");
    }

    private static String percent(double ratio) {
        return String.format(Locale.ROOT, "%.1f%%", 100 * ratio);
    }

    /** DOWN at or above {@code down}, DEGRADED at or above {@code degraded}, else UP. */
    private static CheckOutcome byRatio(String what, double ratio, double degraded, double down) {
        if (ratio >= down) {
            return CheckOutcome.down(what + " " + percent(ratio) + ", at or above " + percent(down));
        }
        if (ratio >= degraded) {
            return CheckOutcome.degraded(what + " " + percent(ratio) + ", at or above " + percent(degraded));
        }
        return CheckOutcome.up();
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
        return byRatio("heap", ratio, degradedRatio, downRatio)
                .withDetail("used", used)
                .withDetail("max", max)
                .withDetail("ratio", percent(ratio))
                .withIndicator("heap.used-percent", Indicator.rising(100 * ratio, 100 * downRatio));
    }

    static HealthProbe nonHeap(double degradedRatio, double downRatio) {
        return HealthProbe.of(spec("resources.non-heap").build(), () -> {
            MemoryUsage nonHeap = ManagementFactory.getMemoryMXBean().getNonHeapMemoryUsage();
            return nonHeapOutcome(
                    nonHeap.getUsed(), nonHeap.getCommitted(), nonHeap.getMax(), degradedRatio, downRatio);
        });
    }

    /** Without a maximum (the JVM's default for non-heap) there is nothing to run out of: UP. */
    static CheckOutcome nonHeapOutcome(long used, long committed, long max, double degradedRatio, double downRatio) {
        if (max <= 0) {
            return CheckOutcome.up()
                    .withDetail("used", used)
                    .withDetail("committed", committed)
                    .withDetail("max", "none");
        }
        double ratio = (double) used / max;
        return byRatio("non-heap memory", ratio, degradedRatio, downRatio)
                .withDetail("used", used)
                .withDetail("committed", committed)
                .withDetail("max", max)
                .withDetail("ratio", percent(ratio))
                .withIndicator("non-heap.used-percent", Indicator.rising(100 * ratio, 100 * downRatio));
    }

    /** Total GC time and JVM uptime, both in milliseconds, at one run of the GC check. */
    record GcSample(long gcMillis, long uptimeMillis) {}

    static HealthProbe gc(double degradedRatio, double downRatio) {
        AtomicReference<GcSample> previous = new AtomicReference<>(new GcSample(0, 0));
        return HealthProbe.of(spec("resources.gc").build(), () -> {
            long gcMillis = 0;
            for (GarbageCollectorMXBean bean : ManagementFactory.getGarbageCollectorMXBeans()) {
                gcMillis += Math.max(0, bean.getCollectionTime()); // -1 when a collector cannot tell
            }
            GcSample now =
                    new GcSample(gcMillis, ManagementFactory.getRuntimeMXBean().getUptime());
            GcSample before = previous.getAndSet(now);
            return gcOutcome(before, now, degradedRatio, downRatio);
        });
    }

    /**
     * The share of the time between two samples that the JVM spent in GC. Both clocks are the
     * JVM's own, so the share holds whatever time source the system runs on.
     */
    static CheckOutcome gcOutcome(GcSample before, GcSample now, double degradedRatio, double downRatio) {
        long elapsed = now.uptimeMillis() - before.uptimeMillis();
        if (elapsed <= 0) {
            return CheckOutcome.of(HealthStatus.UNKNOWN).withDetail("window-ms", elapsed);
        }
        double ratio = Math.min(1.0, Math.max(0, now.gcMillis() - before.gcMillis()) / (double) elapsed);
        return byRatio("time in GC", ratio, degradedRatio, downRatio)
                .withDetail("gc-ms", now.gcMillis() - before.gcMillis())
                .withDetail("window-ms", elapsed)
                .withDetail("ratio", percent(ratio))
                .withIndicator("gc.time-percent", Indicator.rising(100 * ratio, 100 * downRatio));
    }

    static HealthProbe threads(int maxThreads) {
        return HealthProbe.of(spec("resources.threads").build(), () -> {
            ThreadMXBean threads = ManagementFactory.getThreadMXBean();
            long[] deadlocked = threads.findDeadlockedThreads();
            return threadsOutcome(deadlocked == null ? 0 : deadlocked.length, threads.getThreadCount(), maxThreads)
                    .withDetail("peak", threads.getPeakThreadCount())
                    .withDetail("daemon", threads.getDaemonThreadCount());
        });
    }

    static CheckOutcome threadsOutcome(int deadlocked, int live, int maxThreads) {
        CheckOutcome outcome;
        if (deadlocked > 0) {
            outcome = CheckOutcome.down(deadlocked + " threads are deadlocked");
        } else if (live >= maxThreads) {
            outcome = CheckOutcome.degraded(live + " live threads, at or above " + maxThreads);
        } else {
            outcome = CheckOutcome.up();
        }
        return outcome.withDetail("live", live)
                .withDetail("max", maxThreads)
                .withIndicator("threads.live", Indicator.rising(live, maxThreads));
    }

    static HealthProbe fileDescriptors(double degradedRatio, double downRatio) {
        return HealthProbe.of(spec("resources.file-descriptors").build(), () -> {
            OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
            if (os instanceof com.sun.management.UnixOperatingSystemMXBean unix) {
                return fdOutcome(
                        unix.getOpenFileDescriptorCount(), unix.getMaxFileDescriptorCount(), degradedRatio, downRatio);
            }
            return fdOutcome(-1, -1, degradedRatio, downRatio);
        });
    }

    static CheckOutcome fdOutcome(long open, long max, double degradedRatio, double downRatio) {
        if (open < 0 || max <= 0) {
            return new CheckOutcome(
                    HealthStatus.UNKNOWN,
                    Optional.of("this JVM does not count the process's file descriptors"),
                    java.util.Map.of());
        }
        double ratio = (double) open / max;
        return byRatio("file descriptors", ratio, degradedRatio, downRatio)
                .withDetail("open", open)
                .withDetail("max", max)
                .withDetail("ratio", percent(ratio))
                .withIndicator("fds.open", Indicator.rising((double) open, Math.floor(max * downRatio)));
    }

    static HealthProbe cpu(double degradedRatio) {
        return HealthProbe.of(spec("resources.cpu").build(), () -> {
            OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
            double load = os instanceof com.sun.management.OperatingSystemMXBean sun ? sun.getProcessCpuLoad() : -1;
            return cpuOutcome(load, os.getAvailableProcessors(), degradedRatio);
        });
    }

    /**
     * The process's share of all CPUs; DEGRADED at or above the ratio, never DOWN: a busy process
     * is slow, not broken. Noisy by nature, so it publishes no indicator to predict from.
     */
    static CheckOutcome cpuOutcome(double load, int processors, double degradedRatio) {
        if (load < 0 || Double.isNaN(load)) {
            return new CheckOutcome(
                            HealthStatus.UNKNOWN,
                            Optional.of("this JVM does not know the process's CPU load yet"),
                            java.util.Map.of())
                    .withDetail("processors", processors);
        }
        CheckOutcome outcome = load >= degradedRatio
                ? CheckOutcome.degraded("process CPU load " + percent(load) + ", at or above " + percent(degradedRatio))
                : CheckOutcome.up();
        return outcome.withDetail("load", percent(load)).withDetail("processors", processors);
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
        return outcome.withDetail("free", free)
                .withDetail("minimum", minFreeBytes)
                .withIndicator("disk.free-bytes", Indicator.falling((double) free, (double) minFreeBytes));
    }
}

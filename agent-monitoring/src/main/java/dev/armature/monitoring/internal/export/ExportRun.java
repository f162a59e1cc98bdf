package dev.armature.monitoring.internal.export;

import static java.util.Objects.requireNonNull;

import dev.armature.api.time.Cancellable;
import dev.armature.api.time.Scheduler;
import dev.armature.api.time.TimeSource;
import dev.armature.spi.monitoring.MetricsExporter;
import dev.armature.spi.monitoring.MetricsSnapshot;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Internal: one run of the exporter runner, from a start to its stop. Every interval, on the
 * system's scheduler, it takes a snapshot of the registry and offers it to each exporter's {@link
 * ExporterWorker}; the scheduler's thread never waits for an exporter. {@link #shutdown} takes a
 * last snapshot and lets the workers drain, bounded by the flush timeout on the scheduler.
 * Thread-safe.
 */
final class ExportRun {
    private static final Logger log = LoggerFactory.getLogger(ExportRun.class);

    static final String DROPPED = "armature.exporter.dropped";
    static final String FAILURES = "armature.exporter.failures";

    private final MeterRegistry registry;
    private final TimeSource time;
    private final Scheduler scheduler;
    private final Duration flushTimeout;
    private final List<ExporterWorker> workers = new ArrayList<>();
    private final List<Counter> meters = new ArrayList<>();
    private @Nullable Cancellable ticks;
    private @Nullable CompletableFuture<Void> shutdown;

    ExportRun(
            MeterRegistry registry,
            TimeSource time,
            Scheduler scheduler,
            List<MetricsExporter> exporters,
            int queueCapacity,
            Duration flushTimeout) {
        this.registry = requireNonNull(registry, "registry");
        this.time = requireNonNull(time, "time");
        this.scheduler = requireNonNull(scheduler, "scheduler");
        this.flushTimeout = requireNonNull(flushTimeout, "flushTimeout");
        for (MetricsExporter exporter : ExporterIds.check(exporters)) {
            Counter dropped = Counter.builder(DROPPED)
                    .description("Snapshots of the meters an exporter's full queue dropped, or its stop gave up on")
                    .tag("exporter", exporter.id())
                    .register(registry);
            Counter failures = Counter.builder(FAILURES)
                    .description("Exports and flushes that threw")
                    .tag("exporter", exporter.id())
                    .register(registry);
            meters.add(dropped);
            meters.add(failures);
            workers.add(new ExporterWorker(exporter, queueCapacity, dropped, failures));
        }
    }

    /** Starts the workers and the periodic export. */
    synchronized void start(Duration interval) {
        workers.forEach(ExporterWorker::start);
        schedule(interval);
    }

    /** Moves the periodic export to a new interval, whose first export comes one interval from now. */
    synchronized void reschedule(Duration interval) {
        if (shutdown == null) {
            schedule(interval);
        }
    }

    private void schedule(Duration interval) {
        Cancellable previous = ticks;
        if (previous != null) {
            previous.cancel();
        }
        ticks = workers.isEmpty() ? null : scheduler.scheduleAtFixedRate(interval, interval, this::tick);
    }

    /** Takes a snapshot now and offers it to every exporter. */
    void tick() {
        if (workers.isEmpty()) {
            return;
        }
        MetricsSnapshot snapshot = Snapshots.take(registry, time.now());
        for (ExporterWorker worker : workers) {
            worker.offer(snapshot);
        }
    }

    /**
     * Stops the periodic export, offers a last snapshot and lets every worker drain its queue and
     * flush. A worker not done within the flush timeout is aborted: what it still holds is counted
     * as dropped. Idempotent.
     *
     * @return completed when every worker has ended or was aborted, and the run's meters are removed
     */
    synchronized CompletableFuture<Void> shutdown() {
        CompletableFuture<Void> existing = shutdown;
        if (existing != null) {
            return existing;
        }
        Cancellable t = ticks;
        if (t != null) {
            t.cancel();
            ticks = null;
        }
        tick();
        CompletableFuture<?>[] done =
                workers.stream().map(ExporterWorker::finish).toArray(CompletableFuture<?>[]::new);
        CompletableFuture<Void> all = CompletableFuture.allOf(done);
        Cancellable timeout = scheduler.schedule(flushTimeout, () -> {
            for (ExporterWorker w : workers) {
                if (!w.done()) {
                    log.atWarn()
                            .addKeyValue("exporter", w.id())
                            .addKeyValue("timeout", flushTimeout)
                            .log("exporter did not drain its queue within the flush timeout; giving up on it");
                    w.abort();
                }
            }
        });
        CompletableFuture<Void> result = all.whenComplete((ok, e) -> {
            timeout.cancel();
            meters.forEach(registry::remove);
        });
        shutdown = result;
        return result;
    }

    /**
     * Gives up on every worker not yet done, as the flush timeout does: when the thread that waits
     * for the shutdown is itself interrupted.
     */
    void abort() {
        for (ExporterWorker w : workers) {
            if (!w.done()) {
                w.abort();
            }
        }
    }

    /** Returns how many snapshots wait in an exporter's queue, for tests. */
    int queued(String exporterId) {
        return workers.stream()
                .filter(w -> w.id().equals(exporterId))
                .mapToInt(ExporterWorker::queued)
                .sum();
    }
}

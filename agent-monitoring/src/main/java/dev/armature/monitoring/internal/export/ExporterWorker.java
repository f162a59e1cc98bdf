package dev.armature.monitoring.internal.export;

import dev.armature.spi.monitoring.MetricsExporter;
import dev.armature.spi.monitoring.MetricsSnapshot;
import io.micrometer.core.instrument.Counter;
import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Internal: one exporter's bounded queue and the daemon thread ({@code armature-exporter-<id>})
 * that drains it. {@link #offer} never blocks: when the queue is full it drops the oldest snapshot,
 * the one whose news is stalest, and counts it. Thread-safe.
 */
final class ExporterWorker {
    private static final Logger log = LoggerFactory.getLogger(ExporterWorker.class);

    private final MetricsExporter exporter;
    private final int capacity;
    private final Counter dropped;
    private final Counter failures;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition notEmpty = lock.newCondition();
    private final ArrayDeque<MetricsSnapshot> queue = new ArrayDeque<>();
    private final CompletableFuture<Void> finished = new CompletableFuture<>();
    private final Thread thread;
    private boolean finishing;
    private boolean aborted;

    ExporterWorker(MetricsExporter exporter, int capacity, Counter dropped, Counter failures) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1, was " + capacity);
        }
        this.exporter = exporter;
        this.capacity = capacity;
        this.dropped = dropped;
        this.failures = failures;
        this.thread = new Thread(this::run, "armature-exporter-" + exporter.id());
        thread.setDaemon(true);
    }

    String id() {
        return exporter.id();
    }

    void start() {
        thread.start();
    }

    /** Queues a snapshot, dropping the oldest waiting one if the queue is full; after {@link #finish}, drops it. */
    void offer(MetricsSnapshot snapshot) {
        lock.lock();
        try {
            if (finishing) {
                dropped.increment();
                return;
            }
            if (queue.size() == capacity) {
                queue.pollFirst();
                dropped.increment();
            }
            queue.addLast(snapshot);
            notEmpty.signal();
        } finally {
            lock.unlock();
        }
    }

    /** Returns whether the worker has ended or was aborted. */
    boolean done() {
        return finished.isDone();
    }

    /** Returns how many snapshots are waiting. */
    int queued() {
        lock.lock();
        try {
            return queue.size();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Takes no more snapshots; the worker exports those waiting, flushes the exporter and ends.
     *
     * @return completed when the worker has ended, or was aborted
     */
    CompletableFuture<Void> finish() {
        lock.lock();
        try {
            finishing = true;
            notEmpty.signal();
        } finally {
            lock.unlock();
        }
        return finished;
    }

    /**
     * Gives up on the worker: counts what still waits as dropped and interrupts the thread, which
     * ends once the exporter returns.
     */
    void abort() {
        lock.lock();
        try {
            finishing = true;
            aborted = true;
            dropped.increment(queue.size());
            queue.clear();
        } finally {
            lock.unlock();
        }
        thread.interrupt();
        finished.complete(null);
    }

    private @Nullable MetricsSnapshot take() throws InterruptedException {
        lock.lock();
        try {
            while (queue.isEmpty() && !finishing) {
                notEmpty.await();
            }
            return queue.pollFirst();
        } finally {
            lock.unlock();
        }
    }

    private boolean aborted() {
        lock.lock();
        try {
            return aborted;
        } finally {
            lock.unlock();
        }
    }

    private void run() {
        try {
            for (MetricsSnapshot next = take(); next != null; next = take()) {
                MetricsSnapshot s = next;
                call("export a snapshot of the meters", () -> exporter.export(s));
            }
            if (!aborted()) {
                call("flush", exporter::flush);
            }
        } catch (InterruptedException e) {
            // Aborted while waiting: what was queued is counted already.
            Thread.currentThread().interrupt();
        } finally {
            finished.complete(null);
        }
    }

    private interface Call {
        void run() throws Exception;
    }

    private void call(String what, Call call) {
        try {
            call.run();
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt(); // aborted: take() sees the flag and the worker ends
            }
            failures.increment();
            log.atWarn()
                    .addKeyValue("exporter", exporter.id())
                    .setCause(e)
                    .log("exporter failed to " + what + "; it is not retried");
        }
    }
}

package dev.armature.core.internal.concurrent;

import static java.util.Objects.requireNonNull;

import dev.armature.api.time.Cancellable;
import dev.armature.api.time.Scheduler;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Internal: the default {@link Scheduler}, on a small pool of the system's daemon threads, measured
 * on the operating system's monotonic clock.
 */
public final class ExecutorScheduler implements Scheduler {
    private static final Logger log = LoggerFactory.getLogger(ExecutorScheduler.class);

    private final ScheduledThreadPoolExecutor executor;

    /**
     * Creates the scheduler.
     *
     * @param threads the number of threads
     * @param factory the factory for its threads
     */
    public ExecutorScheduler(int threads, ThreadFactory factory) {
        executor = new ScheduledThreadPoolExecutor(threads, factory);
        executor.setRemoveOnCancelPolicy(true);
        executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        // Made now, with the system, rather than by the first timer, which is a start's timeout:
        // start() should not pay for creating threads.
        executor.prestartAllCoreThreads();
    }

    @Override
    public Cancellable schedule(Duration delay, Runnable task) {
        requireNonNull(delay, "delay");
        requireNonNull(task, "task");
        ScheduledFuture<?> f =
                executor.schedule(guarded(task, true), Math.max(0, delay.toNanos()), TimeUnit.NANOSECONDS);
        return () -> f.cancel(false);
    }

    @Override
    public Cancellable scheduleAtFixedRate(Duration initialDelay, Duration period, Runnable task) {
        requireNonNull(initialDelay, "initialDelay");
        requireNonNull(period, "period");
        requireNonNull(task, "task");
        if (period.isNegative() || period.isZero()) {
            throw new IllegalArgumentException("period must be positive, was " + period);
        }
        // A periodic task is not part of the work that scheduled it (health ticks are scheduled by
        // start()): it runs without that work's MDC, or its id would stick to every tick for good.
        ScheduledFuture<?> f = executor.scheduleAtFixedRate(
                guarded(task, false), Math.max(0, initialDelay.toNanos()), period.toNanos(), TimeUnit.NANOSECONDS);
        return () -> f.cancel(false);
    }

    /** Stops running tasks; those already running finish. */
    public void shutdown() {
        executor.shutdownNow();
    }

    // A periodic task that throws would be silently unscheduled by the executor: log and go on.
    // A one-shot task runs under the scheduling thread's MDC, and so does the warning; a task the
    // caller wrapped already is not captured twice.
    private static Runnable guarded(Runnable task, boolean carryContext) {
        Runnable safe = () -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                log.atWarn().addKeyValue("task", task).setCause(e).log("a scheduled task threw");
            }
        };
        if (task instanceof LogContext.Carrying carried) {
            return carried.around(safe);
        }
        return carryContext ? LogContext.wrap(safe) : safe;
    }
}

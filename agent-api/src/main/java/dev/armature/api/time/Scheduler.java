package dev.armature.api.time;

import java.time.Duration;

/**
 * Runs tasks after a delay or periodically, measured on the system's {@link TimeSource}.
 *
 * <p>Tasks must be short; blocking work belongs on an executor of its own. A task that throws is
 * logged and, if periodic, keeps its schedule. Implementations are thread-safe.
 *
 * @since 0.1
 */
public interface Scheduler {
    /**
     * Runs a task once after a delay.
     *
     * @param delay how long to wait; zero or negative runs the task as soon as possible
     * @param task the task
     * @return a handle that cancels the task
     */
    Cancellable schedule(Duration delay, Runnable task);

    /**
     * Runs a task repeatedly, first after {@code initialDelay}, then every {@code period} measured
     * from the start of each run.
     *
     * @param initialDelay how long to wait before the first run
     * @param period the time between the starts of two runs; must be positive
     * @param task the task
     * @return a handle that stops the task
     */
    Cancellable scheduleAtFixedRate(Duration initialDelay, Duration period, Runnable task);
}

package dev.armature.core.internal.concurrent;

import static java.util.Objects.requireNonNull;

import java.util.Map;
import java.util.concurrent.Executor;
import org.jspecify.annotations.Nullable;
import org.slf4j.MDC;

/**
 * Internal: carries the SLF4J {@link MDC} of the thread that hands work to the SDK's executors and
 * scheduler into that work, so that a host's {@code correlation.id} and its other context fields
 * appear in the lines logged there. The task sees exactly the submitter's context, and the thread
 * gets its own context back when the task ends, so nothing leaks into the next task of a pooled or
 * a host's thread.
 *
 * <p>Free when there is nothing to carry: with an empty {@code MDC}, or with no SLF4J binding at
 * all, {@link #wrap(Runnable)} returns the task itself. Tasks are wrapped, not threads, so that the
 * host's own executors carry the context as well.
 */
public final class LogContext {
    private LogContext() {}

    /**
     * Returns the task, or a task that runs it under the calling thread's {@code MDC} when that is
     * not empty. A task already wrapped is returned as it is.
     *
     * @param task the task
     * @return {@code task} itself, or its wrapper
     */
    public static Runnable wrap(Runnable task) {
        requireNonNull(task, "task");
        if (task instanceof Carrying) {
            return task;
        }
        @Nullable Map<String, String> context = capture();
        return context == null ? task : new Carrying(context, task);
    }

    /**
     * Returns an executor that {@linkplain #wrap(Runnable) wraps} every task handed to it.
     *
     * @param executor the executor that runs the tasks
     * @return the wrapping executor
     */
    public static Executor propagating(Executor executor) {
        requireNonNull(executor, "executor");
        return executor instanceof Propagating ? executor : new Propagating(executor);
    }

    /**
     * Returns a copy of the calling thread's {@code MDC}, or {@code null} when it is empty.
     *
     * @return the copy, or {@code null}
     */
    public static @Nullable Map<String, String> capture() {
        @Nullable Map<String, String> context = MDC.getCopyOfContextMap();
        return context == null || context.isEmpty() ? null : context;
    }

    /**
     * Makes a captured context the calling thread's {@code MDC}, and returns the one it replaces for
     * {@link #restore(Map)}.
     *
     * @param context the context to install
     * @return the thread's previous context, or {@code null} when it had none
     */
    public static @Nullable Map<String, String> install(Map<String, String> context) {
        @Nullable Map<String, String> previous = capture();
        MDC.setContextMap(context);
        return previous;
    }

    /**
     * Gives the calling thread back the context that {@link #install(Map)} replaced.
     *
     * @param previous what {@code install} returned
     */
    public static void restore(@Nullable Map<String, String> previous) {
        if (previous == null) {
            MDC.clear();
        } else {
            MDC.setContextMap(previous);
        }
    }

    /** A task and the context it runs under. */
    record Carrying(Map<String, String> context, Runnable task) implements Runnable {
        /** Returns a task that runs another under this one's context, without capturing again. */
        Carrying around(Runnable other) {
            return new Carrying(context, other);
        }

        @Override
        public void run() {
            @Nullable Map<String, String> previous = install(context);
            try {
                task.run();
            } finally {
                restore(previous);
            }
        }

        @Override
        public String toString() {
            return task.toString(); // the task's name in the scheduler's log lines, not the wrapper's
        }
    }

    private record Propagating(Executor executor) implements Executor {
        @Override
        public void execute(Runnable command) {
            executor.execute(wrap(command));
        }
    }
}

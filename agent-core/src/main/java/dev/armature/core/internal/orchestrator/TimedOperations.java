package dev.armature.core.internal.orchestrator;

import static java.util.Objects.requireNonNull;

import dev.armature.api.time.Cancellable;
import dev.armature.api.time.Scheduler;
import dev.armature.api.time.TimeSource;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.jspecify.annotations.Nullable;

/**
 * Internal: runs blocking calls (a component's start or stop, a shutdown task, a health check) on
 * the worker executor under a timeout measured on the system's scheduler. When the timeout fires
 * first, the call's thread is interrupted and the result is {@code TIMED_OUT}; a result arrives
 * exactly once either way. Cancelling the returned future interrupts the call as well.
 *
 * <p>The executor may be the host's, whose threads run other work too: an interrupt reaches a
 * thread only while it runs the call it was meant for, and is cleared before the task returns. An
 * executor that rejects a call gives a {@code REJECTED} result at once. After {@link #close()}
 * nothing more is run: new calls are rejected, and calls still queued are rejected when they reach
 * a thread.
 */
final class TimedOperations {
    private final Executor workers;
    private final Scheduler scheduler;
    private final TimeSource time;
    private final Set<TimedCall> running = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    TimedOperations(Executor workers, Scheduler scheduler, TimeSource time) {
        this.workers = workers;
        this.scheduler = scheduler;
        this.time = time;
    }

    /** A blocking call that may throw anything. */
    @FunctionalInterface
    interface Call {
        void run() throws Exception;
    }

    CompletableFuture<OpResult> run(Duration timeout, Call call) {
        requireNonNull(timeout, "timeout");
        requireNonNull(call, "call");
        TimedCall op = new TimedCall(call, time.nanoTime());
        if (closed) {
            op.settle(OpResult.rejected(new RejectedExecutionException("the system has closed"), Duration.ZERO));
            return op;
        }
        running.add(op);
        // The timer is set before the call is submitted: a scheduler whose time another thread
        // moves (ManualTime) could otherwise see the call begin, move time past the timeout, and
        // only then get the timer, a whole timeout too late.
        op.timer = scheduler.schedule(timeout, op::timeOut);
        @Nullable Successor here = SUCCESSOR.get();
        if (here != null && here.owner == this && here.next == null) {
            // Launched by the outcome of the call this worker thread just ran: run it next on the
            // same thread, once that outcome has been applied, instead of waking another thread.
            here.next = op;
            return op;
        }
        try {
            workers.execute(op);
        } catch (RejectedExecutionException e) {
            op.settle(OpResult.rejected(e, Duration.ZERO));
        }
        return op;
    }

    /**
     * On a worker thread while it applies the outcome of a call it ran: the operations whose calls
     * may be kept for that thread, and the one call kept. Applying an outcome often launches the
     * next call (a dependent's start, the next stop of a group); the thread runs the first such
     * call itself once it has applied the outcome, outside every lock, and hands any others to
     * the executor. A chain of dependents thus runs on one thread without a wake-up per link.
     */
    private static final class Successor {
        @Nullable
        TimedOperations owner;

        @Nullable
        TimedCall next;
    }

    private static final ThreadLocal<@Nullable Successor> SUCCESSOR = new ThreadLocal<>();

    /**
     * Runs nothing more: calls not yet begun are rejected, and the threads of the calls still
     * running are interrupted. Their results arrive as usual.
     */
    void close() {
        closed = true;
        for (TimedCall op : running) {
            op.interrupt();
        }
    }

    private Duration since(long startedAt) {
        return Duration.ofNanos(time.nanoTime() - startedAt);
    }

    /**
     * One call: its result, its timer, and the thread that runs it while it runs, so that a
     * timeout or a cancel interrupts this call and never the next task of a shared thread.
     */
    private final class TimedCall extends CompletableFuture<OpResult> implements Runnable {
        private final Call call;
        private final long startedAt;
        private volatile @Nullable Cancellable timer;

        // Guarded by this: the thread running the call, and whether this class interrupted it.
        private @Nullable Thread runner;
        private boolean interrupted;

        TimedCall(Call call, long startedAt) {
            this.call = call;
            this.startedAt = startedAt;
        }

        @Override
        public void run() {
            // A loop rather than a recursion, so that a long chain of dependents does not grow the stack.
            @Nullable TimedCall op = this;
            while (op != null) {
                op = op.runHere();
            }
        }

        /** Runs the call on this thread and applies its outcome; returns the call to run next here. */
        private @Nullable TimedCall runHere() {
            synchronized (this) {
                if (isDone()) {
                    return null; // timed out or cancelled before it began
                }
                runner = Thread.currentThread();
            }
            OpResult result;
            boolean keepInterrupt = false;
            boolean ours = false;
            try {
                if (closed) {
                    result = OpResult.rejected(new RejectedExecutionException("the system has closed"), Duration.ZERO);
                } else {
                    call.run();
                    result = OpResult.succeeded(since(startedAt));
                }
            } catch (InterruptedException e) {
                result = OpResult.failed(e, since(startedAt));
                keepInterrupt = true;
            } catch (Exception | LinkageError | AssertionError | StackOverflowError e) {
                result = OpResult.failed(e, since(startedAt));
            } finally {
                synchronized (this) {
                    runner = null;
                    ours = interrupted;
                }
                if (ours) {
                    // The interrupt was meant for this call alone; the thread may be the host's.
                    var unused = Thread.interrupted();
                }
            }
            if (keepInterrupt && !ours) {
                Thread.currentThread().interrupt(); // someone else's interrupt, such as a pool's shutdown
            }
            return settleHere(result);
        }

        /** Applies the outcome on this thread, keeping the first call it launches to run next here. */
        private @Nullable TimedCall settleHere(OpResult result) {
            @Nullable Successor here = SUCCESSOR.get();
            if (here == null) {
                here = new Successor();
                SUCCESSOR.set(here);
            }
            // Saved and restored in case an executor that runs tasks on the caller's thread nests calls.
            @Nullable TimedOperations outerOwner = here.owner;
            @Nullable TimedCall outerNext = here.next;
            here.owner = TimedOperations.this;
            here.next = null;
            @Nullable TimedCall next;
            try {
                settle(result);
            } finally {
                next = here.next;
                here.owner = outerOwner;
                here.next = outerNext;
            }
            return next;
        }

        void settle(OpResult result) {
            // The timer goes first, so that whoever the result wakes finds it cancelled already.
            cancelTimer();
            if (complete(result)) {
                running.remove(this);
            }
        }

        void timeOut() {
            if (complete(OpResult.timedOut(since(startedAt)))) {
                interrupt();
                ended();
            }
        }

        @Override
        public boolean cancel(boolean mayInterruptIfRunning) {
            boolean cancelled = super.cancel(mayInterruptIfRunning);
            if (cancelled) {
                interrupt(); // whoever gave up on the call stops it too
                ended();
            }
            return cancelled;
        }

        synchronized void interrupt() {
            if (runner != null) {
                interrupted = true;
                runner.interrupt();
            }
        }

        private void ended() {
            running.remove(this);
            cancelTimer();
        }

        private void cancelTimer() {
            @Nullable Cancellable t = timer;
            if (t != null) {
                t.cancel();
            }
        }
    }
}

package dev.armature.core.internal.orchestrator;

import static java.util.Objects.requireNonNull;

import dev.armature.api.time.Cancellable;
import dev.armature.api.time.Scheduler;
import dev.armature.api.time.TimeSource;
import dev.armature.core.internal.concurrent.LogContext;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;
import org.jspecify.annotations.Nullable;

/**
 * Internal: runs blocking calls (a component's start or stop, a shutdown task, a health check) on
 * the worker executor under a timeout measured on the system's scheduler. When the timeout fires
 * first, the call's thread is interrupted and the result is {@code TIMED_OUT}; a result arrives
 * exactly once either way. Cancelling the returned future interrupts the call as well.
 *
 * <p>Timeouts cost one scheduler timer per distinct timeout, not one per call: calls with the same
 * timeout wait in a {@link Lane} in the order they began, which is the order of their deadlines,
 * and the lane's one timer is set for the oldest call still running. When it fires, that call and
 * every other whose deadline has passed time out, and the timer is set for the next. A lane with no
 * call running has no timer.
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

    /** Guards the lanes and every call's place in them. */
    private final Object lock = new Object();

    private final Map<Duration, Lane> lanes = new HashMap<>();
    private volatile boolean closed;

    TimedOperations(Executor workers, Scheduler scheduler, TimeSource time) {
        // A call runs under the MDC of the thread that asked for it; a call kept for the same worker
        // thread (see Successor) runs under the context that thread is in, its launcher's.
        this.workers = LogContext.propagating(workers);
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
        TimedCall op;
        synchronized (lock) {
            // Read under the lock, so that the calls of a lane are in the order of their deadlines.
            op = new TimedCall(call, time.nanoTime(), lanes.computeIfAbsent(timeout, Lane::new), !closed);
            if (op.added) {
                // The timeout is armed before the call is submitted: a scheduler whose time another
                // thread moves (ManualTime) could otherwise see the call begin, move time past the
                // timeout, and only then get the timer, a whole timeout too late.
                op.lane.add(op);
            }
        }
        if (!op.added) {
            op.settle(OpResult.rejected(new RejectedExecutionException("the system has closed"), Duration.ZERO));
            return op;
        }
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
     * Runs nothing more: calls not yet begun are rejected, and the threads of the calls still
     * running are interrupted. Their results arrive as usual.
     */
    void close() {
        List<TimedCall> running = new ArrayList<>();
        synchronized (lock) {
            closed = true;
            for (Lane lane : lanes.values()) {
                for (TimedCall op : lane.calls) {
                    if (!op.released()) {
                        running.add(op);
                    }
                }
            }
        }
        for (TimedCall op : running) {
            op.interrupt();
        }
    }

    private Duration since(long startedAt) {
        return Duration.ofNanos(time.nanoTime() - startedAt);
    }

    /**
     * The calls of one timeout, oldest first, and the one timer that stands for them all; guarded
     * by the lock, but for the count of calls not yet released, which a call that ends lowers
     * without the lock. Calls that ended stay until the sweep or the lane's emptying drops them.
     */
    private final class Lane {
        private final long timeoutNanos;
        private final ArrayDeque<TimedCall> calls = new ArrayDeque<>();
        private final AtomicInteger live = new AtomicInteger();
        private @Nullable Cancellable timer;
        private @Nullable TimedCall armedFor;

        Lane(Duration timeout) {
            this.timeoutNanos = saturatedNanos(timeout);
        }

        void add(TimedCall op) {
            calls.add(op);
            live.incrementAndGet();
            if (timer == null) {
                arm(op, timeoutNanos);
            }
        }

        /** Called once for every added call, when it has ended. */
        void release() {
            if (live.decrementAndGet() == 0) {
                synchronized (lock) {
                    if (live.get() == 0) {
                        // Nothing left to time out: no timer waits for an idle lane. A call added
                        // since the count fell found the old timer and left it: it still stands.
                        disarm();
                        calls.clear();
                    }
                }
            }
        }

        private void arm(TimedCall op, long delayNanos) {
            armedFor = op;
            timer = scheduler.schedule(Duration.ofNanos(Math.max(0, delayNanos)), () -> sweep(op));
        }

        private void disarm() {
            @Nullable Cancellable t = timer;
            timer = null;
            armedFor = null;
            if (t != null) {
                t.cancel();
            }
        }

        /** Times out the call the timer was set for and every other past its deadline. */
        private void sweep(TimedCall firedFor) {
            List<TimedCall> expired = new ArrayList<>();
            synchronized (lock) {
                if (armedFor != firedFor) {
                    return; // a timer cancelled as it fired: the lane has moved on
                }
                timer = null;
                armedFor = null;
                long now = time.nanoTime();
                while (!calls.isEmpty()) {
                    TimedCall head = calls.peek();
                    if (head.released()) {
                        calls.poll();
                    } else if (head == firedFor || head.deadline - now <= 0) {
                        // The call the timer was set for times out even if the time source, should it
                        // not be the scheduler's clock, disagrees: the scheduler decides, as before.
                        calls.poll();
                        expired.add(head);
                    } else {
                        arm(head, head.deadline - now);
                        break;
                    }
                }
            }
            for (TimedCall op : expired) {
                op.timeOut();
            }
        }
    }

    private static long saturatedNanos(Duration d) {
        try {
            return d.toNanos();
        } catch (ArithmeticException e) {
            return d.isNegative() ? Long.MIN_VALUE : Long.MAX_VALUE;
        }
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

    private static final AtomicIntegerFieldUpdater<TimedCall> RELEASED =
            AtomicIntegerFieldUpdater.newUpdater(TimedCall.class, "releasedFlag");

    /**
     * Returns whether this thread is a worker applying the outcome of a call it just ran, and so
     * need not wait for the outcome's consequences: nothing waits on a worker's return.
     */
    static boolean applyingOnWorker() {
        @Nullable Successor here = SUCCESSOR.get();
        return here != null && here.owner != null;
    }

    /**
     * One call: its result, its place in its lane, and the thread that runs it while it runs, so
     * that a timeout or a cancel interrupts this call and never the next task of a shared thread.
     */
    private final class TimedCall extends CompletableFuture<OpResult> implements Runnable {
        private final Call call;
        private final long startedAt;
        private final Lane lane;
        private final long deadline;

        /** Whether the lane counts this call: false for a call made after close, which never runs. */
        private final boolean added;

        /** 1 once the lane has let this call go; set once, by RELEASED. */
        private volatile int releasedFlag;

        // Guarded by this: the thread running the call, and whether this class interrupted it.
        private @Nullable Thread runner;
        private boolean interrupted;

        TimedCall(Call call, long startedAt, Lane lane, boolean added) {
            this.call = call;
            this.added = added;
            this.startedAt = startedAt;
            this.lane = lane;
            // May wrap for a timeout of centuries; deadlines are only ever compared by difference.
            this.deadline = startedAt + lane.timeoutNanos;
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
            // Released first, so that whoever the result wakes finds an idle lane without a timer.
            release();
            complete(result);
        }

        void timeOut() {
            if (complete(OpResult.timedOut(since(startedAt)))) {
                interrupt();
            }
            release();
        }

        @Override
        public boolean cancel(boolean mayInterruptIfRunning) {
            boolean cancelled = super.cancel(mayInterruptIfRunning);
            if (cancelled) {
                interrupt(); // whoever gave up on the call stops it too
                release();
            }
            return cancelled;
        }

        synchronized void interrupt() {
            if (runner != null) {
                interrupted = true;
                runner.interrupt();
            }
        }

        boolean released() {
            return releasedFlag != 0;
        }

        /** Lets the lane go of this call, once, whichever way it ended; takes no lock unless the lane empties. */
        private void release() {
            if (RELEASED.compareAndSet(this, 0, 1) && added) {
                lane.release();
            }
        }
    }
}

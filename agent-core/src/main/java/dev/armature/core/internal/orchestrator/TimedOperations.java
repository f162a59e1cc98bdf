package dev.armature.core.internal.orchestrator;

import static java.util.Objects.requireNonNull;

import dev.armature.api.time.Cancellable;
import dev.armature.api.time.Scheduler;
import dev.armature.api.time.TimeSource;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;

/**
 * Internal: runs blocking calls (a component's start or stop, a shutdown task, a health check) on
 * the worker pool under a timeout measured on the system's scheduler. When the timeout fires first,
 * the call's thread is interrupted and the result is {@code TIMED_OUT}; a result arrives exactly
 * once either way. Cancelling the returned future interrupts the call as well.
 */
final class TimedOperations {
    private final ExecutorService workers;
    private final Scheduler scheduler;
    private final TimeSource time;

    TimedOperations(ExecutorService workers, Scheduler scheduler, TimeSource time) {
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
        CompletableFuture<OpResult> result = new CompletableFuture<>();
        long startedAt = time.nanoTime();
        AtomicReference<@Nullable Future<?>> running = new AtomicReference<>();
        // The timer is set before the call is submitted: a scheduler whose time another thread
        // moves (ManualTime) could otherwise see the call begin, move time past the timeout, and
        // only then get the timer, a whole timeout too late.
        Cancellable timer = scheduler.schedule(timeout, () -> {
            if (result.complete(OpResult.timedOut(since(startedAt)))) {
                interrupt(running.get());
            }
        });
        var unused = result.whenComplete((r, e) -> {
            timer.cancel();
            if (result.isCancelled()) {
                interrupt(running.get()); // whoever gave up on the call stops it too
            }
        });
        Future<?> submitted;
        try {
            submitted = workers.submit(() -> {
                try {
                    call.run();
                    result.complete(OpResult.succeeded(since(startedAt)));
                } catch (InterruptedException e) {
                    result.complete(OpResult.failed(e, since(startedAt)));
                    Thread.currentThread().interrupt();
                } catch (Exception | LinkageError | AssertionError | StackOverflowError e) {
                    result.complete(OpResult.failed(e, since(startedAt)));
                }
            });
        } catch (RejectedExecutionException e) {
            result.complete(OpResult.failed(e, Duration.ZERO));
            return result;
        }
        running.set(submitted);
        if (givenUp(result)) {
            submitted.cancel(true); // given up on before the future was known
        }
        return result;
    }

    /** Whether the result was timed out or cancelled rather than completed by the call. */
    private static boolean givenUp(CompletableFuture<OpResult> result) {
        try {
            return result.getNow(OpResult.succeeded(Duration.ZERO)).outcome() == OpResult.Outcome.TIMED_OUT;
        } catch (CancellationException e) {
            return true;
        }
    }

    private static void interrupt(@Nullable Future<?> running) {
        if (running != null) {
            running.cancel(true);
        }
    }

    private Duration since(long startedAt) {
        return Duration.ofNanos(time.nanoTime() - startedAt);
    }
}

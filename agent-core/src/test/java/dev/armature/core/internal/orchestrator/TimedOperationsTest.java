package dev.armature.core.internal.orchestrator;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.armature.core.time.ManualTime;
import java.time.Duration;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TimedOperationsTest {
    private static final long SAFETY_SECONDS = 10;
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final ExecutorService pool = Executors.newFixedThreadPool(2);
    private final ManualTime time = ManualTime.create();

    @AfterEach
    void shutDownPool() {
        pool.shutdownNow();
    }

    @Test
    void a_call_that_returns_succeeds() throws Exception {
        var ops = new TimedOperations(pool, time, time);

        OpResult r = ops.run(TIMEOUT, () -> {}).get(SAFETY_SECONDS, SECONDS);

        assertThat(r.outcome()).isEqualTo(OpResult.Outcome.SUCCEEDED);
        assertThat(time.pendingTasks()).as("the timer is cancelled").isZero();
    }

    @Test
    void a_call_that_throws_fails_with_its_exception() throws Exception {
        var ops = new TimedOperations(pool, time, time);
        IllegalStateException boom = new IllegalStateException("boom");

        OpResult r = ops.run(TIMEOUT, () -> {
                    throw boom;
                })
                .get(SAFETY_SECONDS, SECONDS);

        assertThat(r.outcome()).isEqualTo(OpResult.Outcome.FAILED);
        assertThat(r.error()).isSameAs(boom);
    }

    @Test
    void a_call_past_its_timeout_is_interrupted_and_times_out() throws Exception {
        var ops = new TimedOperations(pool, time, time);
        CountDownLatch inside = new CountDownLatch(1);
        CountDownLatch interrupted = new CountDownLatch(1);

        var result = ops.run(TIMEOUT, () -> blockUntilInterrupted(inside, interrupted));
        assertThat(inside.await(SAFETY_SECONDS, SECONDS)).isTrue();
        time.advance(TIMEOUT);

        assertThat(result.get(SAFETY_SECONDS, SECONDS).outcome()).isEqualTo(OpResult.Outcome.TIMED_OUT);
        assertThat(interrupted.await(SAFETY_SECONDS, SECONDS)).isTrue();
    }

    @Test
    void cancelling_the_result_interrupts_the_call() throws Exception {
        var ops = new TimedOperations(pool, time, time);
        CountDownLatch inside = new CountDownLatch(1);
        CountDownLatch interrupted = new CountDownLatch(1);

        var result = ops.run(TIMEOUT, () -> blockUntilInterrupted(inside, interrupted));
        assertThat(inside.await(SAFETY_SECONDS, SECONDS)).isTrue();
        result.cancel(true);

        assertThat(interrupted.await(SAFETY_SECONDS, SECONDS)).isTrue();
        assertThat(time.pendingTasks()).as("the timer is cancelled").isZero();
    }

    @Test
    void the_timeout_counts_from_submission_even_when_time_moves_while_the_call_begins() throws Exception {
        // Regression: the timer used to be scheduled only after the call was submitted, so a test
        // that saw the call begin and advanced ManualTime by the timeout in that window set the
        // timer a whole timeout later, and the call was never interrupted.
        CountDownLatch inside = new CountDownLatch(1);
        CountDownLatch interrupted = new CountDownLatch(1);
        ExecutorService advancingOnSubmit = new AbstractExecutorService() {
            @Override
            public Future<?> submit(Runnable task) {
                Future<?> f = pool.submit(task);
                try {
                    if (!inside.await(SAFETY_SECONDS, SECONDS)) {
                        throw new IllegalStateException("the call never began");
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
                time.advance(TIMEOUT);
                return f;
            }

            @Override
            public void execute(Runnable command) {
                pool.execute(command);
            }

            @Override
            public void shutdown() {}

            @Override
            public java.util.List<Runnable> shutdownNow() {
                return java.util.List.of();
            }

            @Override
            public boolean isShutdown() {
                return false;
            }

            @Override
            public boolean isTerminated() {
                return false;
            }

            @Override
            public boolean awaitTermination(long timeout, TimeUnit unit) {
                return false;
            }
        };
        var ops = new TimedOperations(advancingOnSubmit, time, time);

        var result = ops.run(TIMEOUT, () -> blockUntilInterrupted(inside, interrupted));

        assertThat(result.get(SAFETY_SECONDS, SECONDS).outcome()).isEqualTo(OpResult.Outcome.TIMED_OUT);
        assertThat(interrupted.await(SAFETY_SECONDS, SECONDS)).isTrue();
    }

    private static void blockUntilInterrupted(CountDownLatch inside, CountDownLatch interrupted)
            throws InterruptedException {
        inside.countDown();
        try {
            new CountDownLatch(1).await();
        } catch (InterruptedException e) {
            interrupted.countDown();
            throw e;
        }
    }
}

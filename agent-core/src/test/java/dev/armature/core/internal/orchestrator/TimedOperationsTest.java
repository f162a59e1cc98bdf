package dev.armature.core.internal.orchestrator;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.armature.core.time.ManualTime;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
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
        Executor advancingOnSubmit = task -> {
            pool.execute(task);
            try {
                if (!inside.await(SAFETY_SECONDS, SECONDS)) {
                    throw new IllegalStateException("the call never began");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            time.advance(TIMEOUT);
        };
        var ops = new TimedOperations(advancingOnSubmit, time, time);

        var result = ops.run(TIMEOUT, () -> blockUntilInterrupted(inside, interrupted));

        assertThat(result.get(SAFETY_SECONDS, SECONDS).outcome()).isEqualTo(OpResult.Outcome.TIMED_OUT);
        assertThat(interrupted.await(SAFETY_SECONDS, SECONDS)).isTrue();
    }

    @Test
    void a_timed_out_call_leaves_no_interrupt_on_the_thread_for_its_next_task() throws Exception {
        ExecutorService single = Executors.newSingleThreadExecutor();
        try {
            var ops = new TimedOperations(single, time, time);
            CountDownLatch inside = new CountDownLatch(1);
            var result = ops.run(TIMEOUT, () -> {
                inside.countDown();
                try {
                    new CountDownLatch(1).await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt(); // a call that keeps the flag set as it returns
                }
            });
            assertThat(inside.await(SAFETY_SECONDS, SECONDS)).isTrue();
            time.advance(TIMEOUT);
            assertThat(result.get(SAFETY_SECONDS, SECONDS).outcome()).isEqualTo(OpResult.Outcome.TIMED_OUT);

            boolean nextTaskInterrupted =
                    single.submit(() -> Thread.currentThread().isInterrupted()).get(SAFETY_SECONDS, SECONDS);

            assertThat(nextTaskInterrupted)
                    .as("the interrupt was the timed-out call's alone")
                    .isFalse();
        } finally {
            single.shutdownNow();
        }
    }

    @Test
    void a_call_the_executor_rejects_is_rejected_at_once_with_its_timer_cancelled() throws Exception {
        ExecutorService shutDown = Executors.newSingleThreadExecutor();
        shutDown.shutdown();
        var ops = new TimedOperations(shutDown, time, time);

        OpResult r = ops.run(TIMEOUT, () -> {}).get(SAFETY_SECONDS, SECONDS);

        assertThat(r.outcome()).isEqualTo(OpResult.Outcome.REJECTED);
        assertThat(r.failure("start of 'a'", TIMEOUT)).hasValueSatisfying(f -> {
            assertThat(f.type()).isEqualTo("rejected");
            assertThat(f.message()).contains("start of 'a'").contains("worker executor");
        });
        assertThat(time.pendingTasks()).as("the timer is cancelled").isZero();
    }

    @Test
    void after_close_nothing_runs_and_running_calls_are_interrupted() throws Exception {
        var ops = new TimedOperations(pool, time, time);
        CountDownLatch inside = new CountDownLatch(1);
        CountDownLatch interrupted = new CountDownLatch(1);
        var running = ops.run(TIMEOUT, () -> blockUntilInterrupted(inside, interrupted));
        assertThat(inside.await(SAFETY_SECONDS, SECONDS)).isTrue();

        ops.close();

        assertThat(interrupted.await(SAFETY_SECONDS, SECONDS)).isTrue();
        assertThat(running.get(SAFETY_SECONDS, SECONDS).outcome()).isEqualTo(OpResult.Outcome.FAILED);
        CountDownLatch ran = new CountDownLatch(1);
        OpResult late = ops.run(TIMEOUT, ran::countDown).get(SAFETY_SECONDS, SECONDS);
        assertThat(late.outcome()).isEqualTo(OpResult.Outcome.REJECTED);
        assertThat(ran.getCount()).as("nothing runs after close").isEqualTo(1);
    }

    @Test
    void calls_of_one_timeout_share_one_timer_and_each_times_out_at_its_own_deadline() throws Exception {
        var ops = new TimedOperations(pool, time, time);
        CountDownLatch firstInside = new CountDownLatch(1);
        CountDownLatch firstInterrupted = new CountDownLatch(1);
        CountDownLatch releaseFirst = new CountDownLatch(1);
        var first = ops.run(TIMEOUT, () -> {
            firstInside.countDown();
            try {
                releaseFirst.await();
            } catch (InterruptedException e) {
                firstInterrupted.countDown();
                throw e;
            }
        });
        assertThat(firstInside.await(SAFETY_SECONDS, SECONDS)).isTrue();
        time.advance(Duration.ofSeconds(2));
        CountDownLatch secondInside = new CountDownLatch(1);
        CountDownLatch secondInterrupted = new CountDownLatch(1);
        var second = ops.run(TIMEOUT, () -> blockUntilInterrupted(secondInside, secondInterrupted));
        assertThat(secondInside.await(SAFETY_SECONDS, SECONDS)).isTrue();
        assertThat(time.pendingTasks()).as("one timer for the lane").isEqualTo(1);

        releaseFirst.countDown();
        assertThat(first.get(SAFETY_SECONDS, SECONDS).outcome()).isEqualTo(OpResult.Outcome.SUCCEEDED);
        time.advance(Duration.ofSeconds(3)); // the first call's deadline: the second has 2 s left
        assertThat(second).isNotDone();

        time.advance(Duration.ofSeconds(2));

        assertThat(second.get(SAFETY_SECONDS, SECONDS).outcome()).isEqualTo(OpResult.Outcome.TIMED_OUT);
        assertThat(secondInterrupted.await(SAFETY_SECONDS, SECONDS)).isTrue();
        assertThat(firstInterrupted.getCount())
                .as("the call that ended is never interrupted")
                .isEqualTo(1);
        assertThat(time.pendingTasks()).as("an idle lane has no timer").isZero();
    }

    @Test
    void calls_of_different_timeouts_time_out_independently() throws Exception {
        var ops = new TimedOperations(pool, time, time);
        CountDownLatch longInside = new CountDownLatch(1);
        CountDownLatch longInterrupted = new CountDownLatch(1);
        CountDownLatch shortInside = new CountDownLatch(1);
        CountDownLatch shortInterrupted = new CountDownLatch(1);
        var longer = ops.run(TIMEOUT.multipliedBy(2), () -> blockUntilInterrupted(longInside, longInterrupted));
        var shorter = ops.run(TIMEOUT, () -> blockUntilInterrupted(shortInside, shortInterrupted));
        assertThat(longInside.await(SAFETY_SECONDS, SECONDS)).isTrue();
        assertThat(shortInside.await(SAFETY_SECONDS, SECONDS)).isTrue();

        time.advance(TIMEOUT);

        assertThat(shorter.get(SAFETY_SECONDS, SECONDS).outcome()).isEqualTo(OpResult.Outcome.TIMED_OUT);
        assertThat(longer).isNotDone();
        time.advance(TIMEOUT);
        assertThat(longer.get(SAFETY_SECONDS, SECONDS).outcome()).isEqualTo(OpResult.Outcome.TIMED_OUT);
        assertThat(longInterrupted.await(SAFETY_SECONDS, SECONDS)).isTrue();
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

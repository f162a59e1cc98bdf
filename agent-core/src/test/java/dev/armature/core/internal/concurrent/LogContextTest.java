package dev.armature.core.internal.concurrent;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import dev.armature.api.LogFields;
import dev.armature.core.logging.LogCapture;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

class LogContextTest {
    private final ExecutorService pool = Executors.newSingleThreadExecutor();

    @AfterEach
    void tearDown() {
        pool.shutdownNow();
        MDC.clear();
    }

    private @Nullable Map<String, String> mdcOnThePool(Runnable before) throws Exception {
        Future<@Nullable Map<String, String>> seen = pool.submit(() -> {
            before.run();
            return MDC.getCopyOfContextMap();
        });
        return seen.get(10, TimeUnit.SECONDS);
    }

    @Test
    void with_an_empty_mdc_the_task_itself_is_handed_on_and_no_wrapper_is_made() {
        Runnable task = () -> {};
        List<Runnable> handed = new ArrayList<>();

        assertThat(LogContext.wrap(task)).isSameAs(task);
        LogContext.propagating(handed::add).execute(task);
        MDC.put("k", "v");
        MDC.remove("k"); // an adapter may keep an empty map: still nothing to carry
        assertThat(LogContext.wrap(task)).isSameAs(task);

        assertThat(handed).singleElement().isSameAs(task);
    }

    @Test
    void a_task_runs_under_the_submitters_mdc_and_the_worker_gets_its_own_back_afterwards() throws Exception {
        // The pool's thread has a context of its own, left by an earlier task.
        var unused = mdcOnThePool(() -> MDC.put("worker", "own"));
        MDC.put(LogFields.CORRELATION_ID, "req-1");
        AtomicReference<@Nullable Map<String, String>> inside = new AtomicReference<>();
        CountDownLatch ran = new CountDownLatch(1);

        LogContext.propagating(pool).execute(() -> {
            inside.set(MDC.getCopyOfContextMap());
            ran.countDown();
        });
        assertThat(ran.await(10, TimeUnit.SECONDS)).isTrue();
        MDC.clear();

        assertThat(inside.get()).isEqualTo(Map.of(LogFields.CORRELATION_ID, "req-1"));
        assertThat(mdcOnThePool(() -> {})).isEqualTo(Map.of("worker", "own"));
    }

    @Test
    void a_worker_with_no_context_of_its_own_is_left_with_none() throws Exception {
        MDC.put(LogFields.CORRELATION_ID, "req-2");
        pool.execute(LogContext.wrap(() -> MDC.put("added-by-the-task", "x")));
        MDC.clear();

        assertThat(mdcOnThePool(() -> {})).isNullOrEmpty();
    }

    @Test
    void the_context_is_captured_when_the_task_is_handed_over_not_when_it_runs() throws Exception {
        MDC.put(LogFields.CORRELATION_ID, "at-submit");
        AtomicReference<@Nullable String> seen = new AtomicReference<>();
        Runnable wrapped = LogContext.wrap(() -> seen.set(MDC.get(LogFields.CORRELATION_ID)));
        MDC.put(LogFields.CORRELATION_ID, "changed-later");

        var unused = mdcOnThePool(wrapped);

        assertThat(seen.get()).isEqualTo("at-submit");
    }

    @Test
    void a_wrapped_task_or_executor_is_not_wrapped_again() {
        MDC.put(LogFields.CORRELATION_ID, "req-3");
        Runnable once = LogContext.wrap(() -> {});
        Executor propagating = LogContext.propagating(Runnable::run);

        assertThat(LogContext.wrap(once)).isSameAs(once);
        assertThat(LogContext.propagating(propagating)).isSameAs(propagating);
    }

    @Test
    void a_periodic_task_of_the_default_scheduler_runs_without_the_mdc_of_when_it_was_scheduled() throws Exception {
        ExecutorScheduler scheduler = new ExecutorScheduler(1, new OwnedThreads("mdc").factory("scheduler"));
        try {
            MDC.put(LogFields.CORRELATION_ID, "start-1");
            AtomicReference<@Nullable Map<String, String>> seen = new AtomicReference<>(Map.of("not", "run"));
            CountDownLatch ticked = new CountDownLatch(1);
            var tick = scheduler.scheduleAtFixedRate(Duration.ZERO, Duration.ofHours(1), () -> {
                seen.set(MDC.getCopyOfContextMap());
                ticked.countDown();
            });
            assertThat(ticked.await(10, TimeUnit.SECONDS)).isTrue();
            var unused = tick.cancel();

            assertThat(seen.get()).isNullOrEmpty();
        } finally {
            scheduler.shutdown();
        }
    }

    @Test
    void the_default_scheduler_runs_a_task_and_logs_its_failure_under_the_schedulers_mdc() throws Exception {
        ExecutorScheduler scheduler = new ExecutorScheduler(1, new OwnedThreads("mdc").factory("scheduler"));
        try (LogCapture logs = LogCapture.at(Level.WARN)) {
            MDC.put(LogFields.CORRELATION_ID, "tick-1");
            AtomicReference<@Nullable String> seen = new AtomicReference<>();
            CountDownLatch ran = new CountDownLatch(2);
            var unused = scheduler.schedule(Duration.ZERO, () -> {
                seen.set(MDC.get(LogFields.CORRELATION_ID));
                ran.countDown();
            });
            var unused2 = scheduler.schedule(Duration.ZERO, () -> {
                ran.countDown();
                throw new IllegalStateException("boom");
            });
            MDC.clear();
            assertThat(ran.await(10, TimeUnit.SECONDS)).isTrue();
            // The scheduler's one thread logs the failure before it takes the next task: this one.
            CountDownLatch after = new CountDownLatch(1);
            AtomicReference<@Nullable Map<String, String>> left = new AtomicReference<>();
            var unused3 = scheduler.schedule(Duration.ZERO, () -> {
                left.set(MDC.getCopyOfContextMap());
                after.countDown();
            });
            assertThat(after.await(10, TimeUnit.SECONDS)).isTrue();

            assertThat(seen.get()).isEqualTo("tick-1");
            assertThat(left.get()).as("nothing leaks into the next task").isNullOrEmpty();
            assertThat(logs.eventsOf(ExecutorScheduler.class))
                    .singleElement()
                    .extracting(ILoggingEvent::getMDCPropertyMap)
                    .isEqualTo(Map.of(LogFields.CORRELATION_ID, "tick-1"));
        } finally {
            scheduler.shutdown();
        }
    }
}

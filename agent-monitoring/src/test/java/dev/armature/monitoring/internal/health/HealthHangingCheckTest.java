package dev.armature.monitoring.internal.health;

import static org.assertj.core.api.Assertions.assertThat;

import dev.armature.api.health.CheckOutcome;
import dev.armature.api.health.CheckReport;
import dev.armature.api.health.CheckResult;
import dev.armature.api.health.CheckSpec;
import dev.armature.api.health.HealthStatus;
import dev.armature.core.time.ManualTime;
import dev.armature.spi.health.HealthProbe;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A probe that hangs (and ignores interrupts) on a real pool of two threads: reading the report
 * does not wait for it, the other check keeps running, and it never holds more than one thread.
 * Virtual time drives the schedule; latches and a result queue follow the workers.
 */
@Timeout(30) // a guard against a hang, not a timing assertion
class HealthHangingCheckTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    private final ManualTime time = ManualTime.create();
    private final BlockingQueue<String> results = new LinkedBlockingQueue<>();
    private final CountDownLatch hanging = new CountDownLatch(1);
    private final CountDownLatch release = new CountDownLatch(1);
    private final AtomicInteger hangCalls = new AtomicInteger();

    private final HealthProbe hang = HealthProbe.of(
            CheckSpec.builder("hang")
                    .timeout(Duration.ofSeconds(5))
                    .interval(Duration.ofSeconds(10))
                    .unhealthyInterval(Duration.ofSeconds(10))
                    .build(),
            () -> {
                hangCalls.incrementAndGet();
                hanging.countDown();
                boolean released = false;
                while (!released) {
                    try {
                        released = release.await(WAIT.toSeconds(), TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        // Deliberately ignored: the worst kind of hanging check.
                    }
                }
                return CheckOutcome.up();
            });
    private final HealthProbe fast = HealthProbe.of(
            CheckSpec.builder("fast").interval(Duration.ofSeconds(10)).build(), CheckOutcome::up);

    @Test
    void a_hanging_check_does_not_delay_the_report_nor_other_checks() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try (HealthEngine engine = new HealthEngine(
                List.of(hang, fast),
                CheckTracker.Settings.DEFAULTS,
                StatusAggregator.defaults(),
                time,
                time,
                pool,
                e -> {},
                (check, result) -> results.add(check + ":" + describe(result)))) {
            engine.start();
            time.advance(Duration.ZERO);
            assertThat(hanging.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
            assertThat(next()).isEqualTo("fast:UP");

            // The hanging run holds a worker; the report is served from the snapshot all the same.
            assertThat(engine.report().check("hang").orElseThrow().status()).isEqualTo(HealthStatus.UNKNOWN);
            assertThat(engine.report().check("fast").orElseThrow().status()).isEqualTo(HealthStatus.UP);

            time.advance(Duration.ofSeconds(5)); // the timeout fires on this thread
            assertThat(next()).isEqualTo("hang:DOWN timed out");
            CheckReport hung = engine.report().check("hang").orElseThrow();
            assertThat(hung.status()).isEqualTo(HealthStatus.DOWN);
            assertThat(hung.lastResult().orElseThrow().timedOut()).isTrue();

            for (int round = 0; round < 3; round++) {
                // t = 10, 20, 30: the fast check runs on the free worker; the hung one is not rerun.
                time.advance(Duration.ofSeconds(5));
                assertThat(next()).isEqualTo("fast:UP");
                time.advance(Duration.ofSeconds(5));
                assertThat(next()).isEqualTo("hang:DOWN timed out");
            }
            assertThat(hangCalls).as("a hung check never takes a second thread").hasValue(1);
            assertThat(engine.report().status()).isEqualTo(HealthStatus.DOWN);
        } finally {
            release.countDown();
            pool.shutdownNow();
            assertThat(pool.awaitTermination(WAIT.toSeconds(), TimeUnit.SECONDS))
                    .isTrue();
        }
    }

    private String next() throws InterruptedException {
        String r = results.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertThat(r).as("a result within %s", WAIT).isNotNull();
        return String.valueOf(r);
    }

    private static String describe(CheckResult result) {
        return result.status() + (result.timedOut() ? " timed out" : "");
    }
}

package dev.armature.monitoring.internal.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.armature.core.time.ManualTime;
import dev.armature.spi.PluginException;
import dev.armature.spi.monitoring.MetricsExporter;
import dev.armature.spi.monitoring.MetricsSnapshot;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The exporter queues: a stuck exporter drops and counts, the others go on; stop drains and flushes. */
@Timeout(30) // a guard against a hang, not a timing assertion
class ExportRunTest {
    private static final long WAIT = 10;
    private static final Duration INTERVAL = Duration.ofSeconds(60);
    private static final Duration FLUSH_TIMEOUT = Duration.ofSeconds(5);

    private final ManualTime time = ManualTime.create();
    private final MeterRegistry registry = new SimpleMeterRegistry();
    private final CountDownLatch release = new CountDownLatch(1);
    private @Nullable ExportRun run;

    @AfterEach
    void releaseStuckExporters() {
        release.countDown();
    }

    /** An exporter that hands each snapshot to a queue the test reads, and records its flushes there too. */
    private static class Recording implements MetricsExporter {
        final String id;
        final BlockingQueue<String> seen = new LinkedBlockingQueue<>();

        Recording(String id) {
            this.id = id;
        }

        @Override
        public String id() {
            return id;
        }

        @Override
        public void export(MetricsSnapshot snapshot) {
            seen.add(snapshot.timestamp().toString());
        }

        @Override
        public void flush() {
            seen.add("flush");
        }

        String next() throws InterruptedException {
            String s = seen.poll(WAIT, TimeUnit.SECONDS);
            assertThat(s).as("%s got nothing", id).isNotNull();
            return s;
        }
    }

    /** An exporter whose every export blocks until the test releases it; it says when it is inside. */
    private final class Stuck extends Recording {
        final BlockingQueue<String> entered = new LinkedBlockingQueue<>();

        Stuck() {
            super("stuck");
        }

        @Override
        public void export(MetricsSnapshot snapshot) {
            entered.add(snapshot.timestamp().toString());
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
            super.export(snapshot);
        }
    }

    private ExportRun start(int capacity, MetricsExporter... exporters) {
        ExportRun r = new ExportRun(registry, time, time, List.of(exporters), capacity, FLUSH_TIMEOUT);
        r.start(INTERVAL);
        run = r;
        return r;
    }

    private double counter(String name, String exporter) {
        Counter c = registry.find(name).tag("exporter", exporter).counter();
        return c == null ? 0 : c.count();
    }

    @Test
    void a_stuck_exporter_drops_its_oldest_snapshots_and_counts_them_while_the_others_get_every_one() throws Exception {
        Stuck stuck = new Stuck();
        Recording healthy = new Recording("healthy");
        ExportRun r = start(2, stuck, healthy);

        time.advance(INTERVAL); // the first snapshot: the stuck exporter takes it and blocks
        String first = stuck.entered.poll(WAIT, TimeUnit.SECONDS);
        assertThat(first).isEqualTo("2026-01-01T00:01:00Z");
        assertThat(healthy.next()).isEqualTo(first);
        // Four more: two fill the stuck exporter's queue, two push the oldest out. The healthy one
        // takes each before the next comes, as it would in real time.
        for (int i = 2; i <= 5; i++) {
            time.advance(INTERVAL);
            assertThat(healthy.next()).isEqualTo("2026-01-01T00:0" + i + ":00Z");
        }
        assertThat(r.queued("stuck")).isEqualTo(2);
        assertThat(counter(ExportRun.DROPPED, "stuck")).isEqualTo(2);
        assertThat(counter(ExportRun.DROPPED, "healthy")).isZero();

        release.countDown();
        assertThat(stuck.next()).isEqualTo("2026-01-01T00:01:00Z");
        assertThat(stuck.next()).isEqualTo("2026-01-01T00:04:00Z"); // 2 and 3 were dropped
        assertThat(stuck.next()).isEqualTo("2026-01-01T00:05:00Z");
        r.shutdown().get(WAIT, TimeUnit.SECONDS);
    }

    @Test
    void a_failing_export_is_counted_and_the_next_snapshot_still_goes_out() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        BlockingQueue<String> exported = new LinkedBlockingQueue<>();
        MetricsExporter flaky = new MetricsExporter() {
            @Override
            public String id() {
                return "flaky";
            }

            @Override
            public void export(MetricsSnapshot snapshot) throws java.io.IOException {
                if (calls.incrementAndGet() == 1) {
                    throw new java.io.IOException("backend unreachable");
                }
                exported.add(snapshot.timestamp().toString());
            }
        };
        ExportRun r = start(4, flaky);
        time.advance(INTERVAL.multipliedBy(2));

        assertThat(exported.poll(WAIT, TimeUnit.SECONDS)).isEqualTo("2026-01-01T00:02:00Z");
        assertThat(counter(ExportRun.FAILURES, "flaky")).isEqualTo(1);
        r.shutdown().get(WAIT, TimeUnit.SECONDS);
    }

    @Test
    void shutdown_exports_a_last_snapshot_drains_the_queue_and_then_flushes() throws Exception {
        Recording exporter = new Recording("backend");
        ExportRun r = start(4, exporter);
        time.advance(INTERVAL);
        time.advance(Duration.ofSeconds(30));

        r.shutdown().get(WAIT, TimeUnit.SECONDS);

        assertThat(List.of(exporter.next(), exporter.next(), exporter.next()))
                .containsExactly("2026-01-01T00:01:00Z", "2026-01-01T00:01:30Z", "flush");
        assertThat(registry.find(ExportRun.DROPPED).counters())
                .as("the run's meters are removed")
                .isEmpty();
        assertThat(time.pendingTasks()).as("no tick and no timeout left behind").isZero();
    }

    @Test
    void shutdown_gives_up_on_a_stuck_exporter_after_the_flush_timeout_and_counts_what_it_held() throws Exception {
        Stuck stuck = new Stuck();
        Recording healthy = new Recording("healthy");
        ExportRun r = start(4, stuck, healthy);
        time.advance(INTERVAL);
        assertThat(stuck.entered.poll(WAIT, TimeUnit.SECONDS)).isNotNull();
        time.advance(INTERVAL);
        time.advance(Duration.ofSeconds(30));

        var done = r.shutdown(); // the last snapshot joins the one waiting: two held
        assertThat(healthy.next()).isEqualTo("2026-01-01T00:01:00Z");
        assertThat(healthy.next()).isEqualTo("2026-01-01T00:02:00Z");
        assertThat(healthy.next()).isEqualTo("2026-01-01T00:02:30Z");
        assertThat(healthy.next()).isEqualTo("flush");
        assertThat(done).isNotDone();
        Counter dropped =
                registry.find(ExportRun.DROPPED).tag("exporter", "stuck").counter();

        time.advance(FLUSH_TIMEOUT);

        done.get(WAIT, TimeUnit.SECONDS);
        assertThat(dropped).isNotNull();
        assertThat(dropped.count()).isEqualTo(2);
    }

    @Test
    void an_abort_gives_up_at_once_on_the_exporters_still_busy() throws Exception {
        Stuck stuck = new Stuck();
        ExportRun r = start(4, stuck);
        time.advance(INTERVAL);
        assertThat(stuck.entered.poll(WAIT, TimeUnit.SECONDS)).isNotNull();

        Counter dropped =
                registry.find(ExportRun.DROPPED).tag("exporter", "stuck").counter();
        assertThat(dropped).isNotNull();

        var done = r.shutdown(); // the last snapshot waits behind the stuck one
        r.abort(); // as when the thread waiting for the stop is interrupted

        done.get(WAIT, TimeUnit.SECONDS); // no advance of time needed
        assertThat(dropped.count()).isEqualTo(1);
    }

    @Test
    void a_new_interval_moves_the_schedule() throws Exception {
        Recording exporter = new Recording("backend");
        ExportRun r = start(4, exporter);
        r.reschedule(Duration.ofSeconds(10));
        time.advance(Duration.ofSeconds(10));
        assertThat(exporter.next()).isEqualTo("2026-01-01T00:00:10Z");
        r.shutdown().get(WAIT, TimeUnit.SECONDS);
    }

    @Test
    void exporters_with_a_malformed_or_shared_id_are_refused_with_the_id_named() {
        Recording upper = new Recording("Backend");
        assertThatThrownBy(() -> start(1, upper))
                .isInstanceOf(PluginException.class)
                .hasMessageContaining("'Backend'");
        assertThatThrownBy(() -> start(1, new Recording("backend"), new Recording("backend")))
                .isInstanceOf(PluginException.class)
                .hasMessageContaining("two metrics exporters have the id 'backend'");
    }

    @AfterEach
    void stop() throws Exception {
        ExportRun r = run;
        if (r != null) {
            release.countDown();
            r.shutdown().get(WAIT, TimeUnit.SECONDS);
        }
    }
}

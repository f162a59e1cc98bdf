package dev.armature.core.timeseries;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.armature.core.time.ManualTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class WindowedCounterTest {
    private static final Duration MINUTE = Duration.ofMinutes(1);

    private final ManualTime time = ManualTime.create();
    private final WindowedCounter counter = new WindowedCounter(time, MINUTE, 60);

    @Test
    void counts_events_in_the_current_bucket() {
        counter.increment();
        counter.add(4);
        assertThat(counter.count(MINUTE)).isEqualTo(5);
        assertThat(counter.total()).isEqualTo(5);
    }

    @Test
    void a_window_is_rounded_up_to_whole_buckets_ending_with_the_current_one() {
        counter.add(1); // bucket 0
        time.advance(MINUTE);
        counter.add(10); // bucket 1
        time.advance(Duration.ofSeconds(30));
        counter.add(100); // bucket 1, later

        assertThat(counter.count(Duration.ofSeconds(1))).isEqualTo(110);
        assertThat(counter.count(MINUTE)).isEqualTo(110);
        assertThat(counter.count(Duration.ofSeconds(61))).isEqualTo(111);
        assertThat(counter.count(Duration.ofMinutes(60))).isEqualTo(111);
    }

    @Test
    void bucket_counts_are_oldest_first_and_end_with_the_current_bucket() {
        counter.add(3);
        time.advance(Duration.ofMinutes(2));
        counter.add(7);

        long[] counts = counter.bucketCounts();

        assertThat(counts).hasSize(60);
        assertThat(counts[57]).isEqualTo(3);
        assertThat(counts[58]).isZero();
        assertThat(counts[59]).isEqualTo(7);
    }

    @Test
    void buckets_are_aligned_to_the_time_sources_zero() {
        time.advance(Duration.ofSeconds(59));
        counter.increment(); // bucket 0
        time.advance(Duration.ofSeconds(1));
        counter.increment(); // bucket 1

        WindowedCounter.Snapshot snapshot = counter.snapshot();

        assertThat(snapshot.newestBucket()).isEqualTo(1);
        assertThat(snapshot.countOf(0)).isEqualTo(1);
        assertThat(snapshot.countOf(1)).isEqualTo(1);
        assertThat(snapshot.countOf(2)).isZero();
        assertThat(snapshot.oldestBucket()).isEqualTo(-58);
        assertThat(counter.bucketOf(time.nanoTime())).isEqualTo(1);
    }

    @Test
    void old_buckets_roll_off_one_at_a_time() {
        counter.add(5);
        time.advance(Duration.ofMinutes(59));
        assertThat(counter.total()).isEqualTo(5);

        time.advance(MINUTE);

        assertThat(counter.total()).isZero();
    }

    @Test
    void a_long_idle_gap_leaves_no_stale_counts() {
        for (int minute = 0; minute < 60; minute++) {
            counter.add(minute + 1);
            time.advance(MINUTE);
        }
        // 10 days and 7 minutes: the ring has wrapped thousands of times, slots hold stale buckets.
        time.advance(Duration.ofDays(10).plusMinutes(7));
        assertThat(counter.total()).isZero();
        assertThat(counter.bucketCounts()).containsOnly(0L);

        counter.add(2);
        time.advance(MINUTE);
        counter.add(3);

        assertThat(counter.total()).isEqualTo(5);
        assertThat(counter.count(MINUTE)).isEqualTo(3);
    }

    @Test
    void counts_saturate_instead_of_overflowing() {
        counter.add(Long.MAX_VALUE);
        counter.add(1);
        time.advance(MINUTE);
        counter.add(1);

        assertThat(counter.count(MINUTE)).isEqualTo(1);
        assertThat(counter.total()).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void bad_arguments_are_refused_with_what_was_wrong() {
        assertThatThrownBy(() -> new WindowedCounter(time, Duration.ZERO, 60))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("bucketWidth");
        assertThatThrownBy(() -> new WindowedCounter(time, MINUTE, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("buckets");
        assertThatThrownBy(() -> new WindowedCounter(time, Duration.ofDays(365 * 200), 2))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("too long");
        assertThatThrownBy(() -> counter.add(-1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("negative");
        assertThatThrownBy(() -> counter.count(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> counter.count(Duration.ofMinutes(61)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("span PT1H");
    }

    @Test
    void describes_its_shape() {
        assertThat(counter.bucketWidth()).isEqualTo(MINUTE);
        assertThat(counter.buckets()).isEqualTo(60);
        assertThat(counter.span()).isEqualTo(Duration.ofHours(1));
    }

    @Test
    void concurrent_adds_are_all_counted() throws Exception {
        int threads = 4;
        int perThread = 10_000;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                done.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < perThread; i++) {
                        counter.increment();
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : done) {
                f.get(30, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(counter.total()).isEqualTo((long) threads * perThread);
    }

    @Property(tries = 200)
    void every_window_counts_exactly_the_adds_in_its_buckets(
            @ForAll @Size(max = 60) List<@IntRange(min = 0, max = 600) Integer> gapsInSeconds,
            @ForAll @IntRange(min = 1, max = 20) int buckets,
            @ForAll @IntRange(min = 1, max = 120) int widthSeconds) {
        ManualTime clock = ManualTime.create();
        Duration width = Duration.ofSeconds(widthSeconds);
        WindowedCounter c = new WindowedCounter(clock, width, buckets);
        List<long[]> events = new ArrayList<>(); // {second, amount}
        long amount = 1;
        for (int gap : gapsInSeconds) {
            clock.advance(Duration.ofSeconds(gap));
            c.add(amount);
            events.add(new long[] {clock.elapsed().toSeconds(), amount});
            amount = amount * 7 % 13 + 1;
        }
        long nowBucket = clock.elapsed().toSeconds() / widthSeconds;
        for (int k = 1; k <= buckets; k++) {
            long from = nowBucket - k + 1;
            long expected = events.stream()
                    .filter(e -> e[0] / widthSeconds >= from)
                    .mapToLong(e -> e[1])
                    .sum();
            assertThat(c.count(width.multipliedBy(k)))
                    .as("window of %d buckets", k)
                    .isEqualTo(expected);
        }
        long[] counts = c.bucketCounts();
        for (int i = 0; i < buckets; i++) {
            long bucket = nowBucket - buckets + 1 + i;
            long expected = events.stream()
                    .filter(e -> e[0] / widthSeconds == bucket)
                    .mapToLong(e -> e[1])
                    .sum();
            assertThat(counts[i]).as("bucket %d", bucket).isEqualTo(expected);
        }
    }
}

package dev.armature.core.internal.resilience.limit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.armature.api.time.TimeSource;
import dev.armature.core.time.ManualTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class AdaptiveLimiterTest {
    /** A limit that never moves and records what it was fed: the pluggable algorithm at its simplest. */
    static final class RecordingLimit implements ConcurrencyLimit {
        record Sample(long startNanos, long rttNanos, int inflight, boolean didDrop) {}

        final List<Sample> samples = new CopyOnWriteArrayList<>();
        private final int limit;

        RecordingLimit(int limit) {
            this.limit = limit;
        }

        @Override
        public int limit() {
            return limit;
        }

        @Override
        public void onSample(long startNanos, long rttNanos, int inflight, boolean didDrop) {
            samples.add(new Sample(startNanos, rttNanos, inflight, didDrop));
        }

        @Override
        public void addListener(LimitChangeListener listener) {}
    }

    /** Counts clock reads, as the guard does per call. */
    static final class CountingTime implements TimeSource {
        final ManualTime time = ManualTime.create();
        final AtomicInteger reads = new AtomicInteger();

        @Override
        public Instant now() {
            return time.now();
        }

        @Override
        public long nanoTime() {
            reads.incrementAndGet();
            return time.nanoTime();
        }
    }

    private final CountingTime time = new CountingTime();

    @Test
    void admits_up_to_the_limit_then_refuses_until_a_permit_is_released() {
        AdaptiveLimiter limiter = AdaptiveLimiter.create(new RecordingLimit(3), time);

        List<AdaptiveLimiter.Permit> permits = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            permits.add(limiter.tryAcquire().orElseThrow());
        }
        assertThat(limiter.inflight()).isEqualTo(3);
        assertThat(limiter.tryAcquire()).isEmpty();

        assertThat(permits.get(0).onIgnore()).isTrue();
        assertThat(limiter.inflight()).isEqualTo(2);
        assertThat(limiter.tryAcquire()).isPresent();
        assertThat(limiter.inflight()).isEqualTo(3);
    }

    @Test
    void measures_the_round_trip_from_the_time_source_and_reports_the_outcome() {
        RecordingLimit limit = new RecordingLimit(10);
        AdaptiveLimiter limiter = AdaptiveLimiter.create(limit, time);
        long t0 = time.time.nanoTime();

        AdaptiveLimiter.Permit first = limiter.tryAcquire().orElseThrow();
        time.time.advance(Duration.ofMillis(250));
        AdaptiveLimiter.Permit second = limiter.tryAcquire().orElseThrow();
        time.time.advance(Duration.ofMillis(50));
        assertThat(first.onSuccess()).isTrue();
        AdaptiveLimiter.Permit third = limiter.tryAcquire().orElseThrow();
        assertThat(second.onDropped()).isTrue();
        assertThat(third.onIgnore()).isTrue();

        assertThat(limit.samples)
                .containsExactly(
                        new RecordingLimit.Sample(t0, Duration.ofMillis(300).toNanos(), 1, false),
                        new RecordingLimit.Sample(
                                t0 + Duration.ofMillis(250).toNanos(),
                                Duration.ofMillis(50).toNanos(),
                                2,
                                true));
        assertThat(limiter.inflight()).isZero();
    }

    @Test
    void reads_the_clock_once_to_admit_once_to_release_and_never_to_refuse_or_ignore() {
        AdaptiveLimiter limiter = AdaptiveLimiter.create(new RecordingLimit(1), time);

        AdaptiveLimiter.Permit permit = limiter.tryAcquire().orElseThrow();
        assertThat(time.reads).hasValue(1);
        assertThat(limiter.tryAcquire()).isEmpty();
        assertThat(time.reads).hasValue(1);
        assertThat(permit.onSuccess()).isTrue();
        assertThat(time.reads).hasValue(2);

        assertThat(limiter.tryAcquire().orElseThrow().onDropped()).isTrue();
        assertThat(time.reads).hasValue(4);
        assertThat(limiter.tryAcquire().orElseThrow().onIgnore()).isTrue();
        assertThat(time.reads).hasValue(5);
    }

    @Test
    void the_variants_taking_a_time_already_read_read_no_clock() {
        RecordingLimit limit = new RecordingLimit(2);
        AdaptiveLimiter limiter = AdaptiveLimiter.create(limit, time);

        AdaptiveLimiter.Permit a = limiter.tryAcquire(1_000).orElseThrow();
        AdaptiveLimiter.Permit b = limiter.tryAcquire(2_000).orElseThrow();
        assertThat(a.startNanos()).isEqualTo(1_000);
        assertThat(a.onSuccess(5_000)).isTrue();
        assertThat(b.onDropped(9_000)).isTrue();

        assertThat(time.reads).hasValue(0);
        assertThat(limit.samples)
                .containsExactly(
                        new RecordingLimit.Sample(1_000, 4_000, 1, false),
                        new RecordingLimit.Sample(2_000, 7_000, 2, true));
    }

    @Test
    void a_release_time_before_the_admission_time_gives_a_zero_round_trip() {
        RecordingLimit limit = new RecordingLimit(2);
        AdaptiveLimiter limiter = AdaptiveLimiter.create(limit, time);

        assertThat(limiter.tryAcquire(5_000).orElseThrow().onSuccess(4_000)).isTrue();

        assertThat(limit.samples).extracting(RecordingLimit.Sample::rttNanos).containsExactly(0L);
    }

    @Test
    void a_second_release_of_a_permit_does_nothing_and_says_so() {
        RecordingLimit limit = new RecordingLimit(2);
        AdaptiveLimiter limiter = AdaptiveLimiter.create(limit, time);
        AdaptiveLimiter.Permit permit = limiter.tryAcquire().orElseThrow();
        AdaptiveLimiter.Permit other = limiter.tryAcquire().orElseThrow();

        assertThat(permit.onSuccess()).isTrue();
        int readsAfterRelease = time.reads.get();
        assertThat(permit.onSuccess()).isFalse();
        assertThat(permit.onDropped()).isFalse();
        assertThat(permit.onIgnore()).isFalse();
        assertThat(permit.onSuccess(1)).isFalse();
        assertThat(permit.onDropped(1)).isFalse();

        assertThat(permit.isReleased()).isTrue();
        assertThat(other.isReleased()).isFalse();
        assertThat(limiter.inflight()).isEqualTo(1);
        assertThat(limit.samples).hasSize(1);
        assertThat(time.reads).as("a repeated release reads no clock").hasValue(readsAfterRelease);
    }

    @Test
    void racing_releases_of_one_permit_release_it_exactly_once() throws Exception {
        int rounds = 200;
        RecordingLimit limit = new RecordingLimit(1);
        AdaptiveLimiter limiter = AdaptiveLimiter.create(limit, time);
        for (int round = 0; round < rounds; round++) {
            AdaptiveLimiter.Permit permit = limiter.tryAcquire().orElseThrow();
            CountDownLatch go = new CountDownLatch(1);
            AtomicInteger wins = new AtomicInteger();
            Thread success = new Thread(() -> {
                awaitQuietly(go);
                if (permit.onSuccess()) {
                    wins.incrementAndGet();
                }
            });
            Thread dropped = new Thread(() -> {
                awaitQuietly(go);
                if (permit.onDropped()) {
                    wins.incrementAndGet();
                }
            });
            success.start();
            dropped.start();
            go.countDown();
            success.join();
            dropped.join();
            assertThat(wins).hasValue(1);
            assertThat(limiter.inflight()).isZero();
        }
        assertThat(limit.samples).hasSize(rounds);
    }

    @Test
    void a_hundred_concurrent_callers_get_exactly_the_limit_of_permits() throws Exception {
        int callers = 100;
        AdaptiveLimiter limiter = AdaptiveLimiter.create(new RecordingLimit(10), time);
        CountDownLatch ready = new CountDownLatch(callers);
        CountDownLatch go = new CountDownLatch(1);
        CountDownLatch allTried = new CountDownLatch(callers);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger admitted = new AtomicInteger();
        AtomicInteger maxSeen = new AtomicInteger();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < callers; i++) {
            Thread t = new Thread(() -> {
                ready.countDown();
                awaitQuietly(go);
                Optional<AdaptiveLimiter.Permit> permit = limiter.tryAcquire();
                if (permit.isPresent()) {
                    admitted.incrementAndGet();
                    maxSeen.accumulateAndGet(limiter.inflight(), Math::max);
                }
                allTried.countDown();
                // Hold the permit until every caller has tried, so no slot is freed and refilled.
                awaitQuietly(release);
                permit.ifPresent(AdaptiveLimiter.Permit::onSuccess);
            });
            threads.add(t);
            t.start();
        }
        assertThat(ready.await(30, TimeUnit.SECONDS)).isTrue();
        go.countDown();
        assertThat(allTried.await(30, TimeUnit.SECONDS)).isTrue();
        assertThat(admitted).hasValue(10);
        assertThat(limiter.inflight()).isEqualTo(10);
        assertThat(maxSeen.get()).isLessThanOrEqualTo(10);
        release.countDown();
        for (Thread t : threads) {
            t.join();
        }
        assertThat(limiter.inflight()).isZero();
    }

    @Test
    void under_churn_with_a_moving_limit_no_caller_holds_a_permit_beyond_the_maximum() throws Exception {
        int callers = 100;
        int callsEach = 200;
        AimdSettings settings = new AimdSettings(5, 2, 16, 0.5, Duration.ofSeconds(1));
        AdaptiveLimiter limiter = AdaptiveLimiter.create(settings, time);
        List<String> changes = new CopyOnWriteArrayList<>();
        limiter.addListener((from, to) -> {
            if (to < settings.minLimit() || to > settings.maxLimit()) {
                changes.add(from + "->" + to);
            }
        });
        AtomicInteger held = new AtomicInteger();
        AtomicInteger maxHeld = new AtomicInteger();
        AtomicInteger negative = new AtomicInteger();
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < callers; i++) {
            int caller = i;
            Thread t = new Thread(() -> {
                awaitQuietly(go);
                for (int call = 0; call < callsEach; call++) {
                    Optional<AdaptiveLimiter.Permit> permit = limiter.tryAcquire();
                    if (permit.isEmpty()) {
                        continue;
                    }
                    maxHeld.accumulateAndGet(held.incrementAndGet(), Math::max);
                    held.decrementAndGet();
                    // A fixed pattern of outcomes: every seventh call is dropped, every fifth ignored.
                    int n = caller * callsEach + call;
                    if (n % 7 == 0) {
                        permit.get().onDropped();
                    } else if (n % 5 == 0) {
                        permit.get().onIgnore();
                    } else {
                        permit.get().onSuccess();
                    }
                    if (limiter.inflight() < 0) {
                        negative.incrementAndGet();
                    }
                }
            });
            threads.add(t);
            t.start();
        }
        go.countDown();
        for (Thread t : threads) {
            t.join();
        }
        assertThat(maxHeld.get()).isBetween(1, settings.maxLimit());
        assertThat(negative).hasValue(0);
        assertThat(limiter.inflight()).isZero();
        assertThat(limiter.limit()).isBetween(settings.minLimit(), settings.maxLimit());
        assertThat(changes).isEmpty();
    }

    @Test
    void limit_changes_reach_the_listener_through_the_limiter() {
        AdaptiveLimiter limiter = AdaptiveLimiter.create(new AimdSettings(2, 1, 10, 0.5, Duration.ofSeconds(1)), time);
        List<String> changes = new ArrayList<>();
        limiter.addListener((from, to) -> changes.add(from + "->" + to));

        AdaptiveLimiter.Permit a = limiter.tryAcquire().orElseThrow();
        AdaptiveLimiter.Permit b = limiter.tryAcquire().orElseThrow();
        assertThat(limiter.tryAcquire()).isEmpty();
        a.onSuccess();
        b.onDropped();

        assertThat(changes).containsExactly("2->3", "3->1");
        assertThat(limiter.limit()).isEqualTo(1);
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            if (!latch.await(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("latch not released within 30 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}

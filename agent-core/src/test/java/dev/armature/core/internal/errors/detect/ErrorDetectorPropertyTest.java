package dev.armature.core.internal.errors.detect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.armature.api.resilience.ErrorFinding;
import dev.armature.api.resilience.Fingerprint;
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
import org.junit.jupiter.api.Test;

class ErrorDetectorPropertyTest {
    private static final Fingerprint FP = new Fingerprint(1, "0123456789abcdef");

    @Property(tries = 30)
    void a_constant_rate_is_only_ever_new(
            @ForAll @IntRange(min = 1, max = 200) int perMinute, @ForAll @IntRange(min = 1, max = 13) int every) {
        ManualTime time = ManualTime.create();
        ErrorDetector detector = new ErrorDetector(time, DetectorSettings.DEFAULTS);
        List<ErrorFinding> found = new ArrayList<>();
        for (int minute = 0; minute < 120; minute++) {
            for (int i = 0; i < perMinute; i++) {
                detector.observe(FP, "Boom", "model");
            }
            time.advance(Duration.ofMinutes(1));
            if (minute % every == 0) {
                found.addAll(detector.evaluate());
            }
        }
        found.addAll(detector.evaluate());

        assertThat(found).containsExactly(new ErrorFinding.NewError(FP, "Boom", "model"));
    }

    @Property(tries = 30)
    void the_tracked_fingerprints_never_exceed_the_cap(
            @ForAll @IntRange(min = 1, max = 20) int cap, @ForAll @IntRange(min = 0, max = 100) int distinct) {
        DetectorSettings d = DetectorSettings.DEFAULTS;
        ErrorDetector detector = new ErrorDetector(
                ManualTime.create(),
                new DetectorSettings(
                        d.window(),
                        d.baselineHalfLife(),
                        d.spikeFactor(),
                        d.spikeMinCount(),
                        d.escalationShortWindow(),
                        d.escalationLongWindow(),
                        d.escalationRatio(),
                        d.escalationMinCount(),
                        d.trendWindow(),
                        d.trendMinR2(),
                        d.trendThreshold(),
                        d.trendHorizon(),
                        d.rearmFraction(),
                        cap,
                        d.evaluateEvery()));
        for (int i = 0; i < distinct; i++) {
            detector.observe(fingerprint(i), "Boom", "model");
        }

        assertThat(detector.tracked()).isEqualTo(Math.min(cap, distinct));
        assertThat(detector.evaluate()).hasSize(Math.min(cap, distinct));
    }

    @Test
    void concurrent_observers_lose_no_fingerprint() throws Exception {
        ManualTime time = ManualTime.create();
        ErrorDetector detector = new ErrorDetector(time, DetectorSettings.DEFAULTS);
        int threads = 4;
        int perThread = 200;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<ErrorFinding> found = new ArrayList<>();
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int offset = t * perThread;
                done.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < perThread; i++) {
                        detector.observe(fingerprint(offset + i), "Boom", "model");
                        detector.observe(fingerprint(offset + i), "Boom", "model");
                    }
                    return null;
                }));
            }
            start.countDown();
            // Evaluations run while the observers do, as they would on the scheduler.
            for (int i = 0; i < 20; i++) {
                found.addAll(detector.evaluate());
            }
            for (Future<?> f : done) {
                f.get(30, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        found.addAll(detector.evaluate());

        assertThat(found).hasSize(threads * perThread).doesNotHaveDuplicates();
        assertThat(detector.tracked()).isEqualTo(threads * perThread);
    }

    private static Fingerprint fingerprint(int i) {
        return new Fingerprint(1, String.format("%016x", i));
    }
}

package dev.armature.benchmarks;

import dev.armature.api.time.TimeSource;
import dev.armature.core.internal.resilience.limit.AdaptiveLimiter;
import dev.armature.core.internal.resilience.limit.AimdSettings;
import dev.armature.core.internal.resilience.limit.Gradient2Settings;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One admission and one release, the cost the adaptive limiter adds to every guarded call, beside
 * the baseline it replaces: a fixed bulkhead's {@link Semaphore} (what Resilience4j's {@code
 * SemaphoreBulkhead} wraps). The limiter's variants take a time already read, as the guard passes
 * its shared timestamp, so the score is the limiter's own work: a compare-and-set, the permit, and
 * the algorithm's update under its lock. Two threads show the cost of contention on that lock.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class AdaptiveLimiterBenchmark {
    private final Semaphore semaphore = new Semaphore(200);
    private final AdaptiveLimiter aimd =
            AdaptiveLimiter.create(new AimdSettings(200, 1, 200, 0.9, Duration.ofSeconds(30)), TimeSource.system());
    private final AdaptiveLimiter gradient2 =
            AdaptiveLimiter.create(new Gradient2Settings(200, 1, 200, 0.2, 4, 1.5, 600), TimeSource.system());

    /** The baseline: a fixed bulkhead's permit. */
    @Benchmark
    public boolean semaphore() {
        boolean admitted = semaphore.tryAcquire();
        if (admitted) {
            semaphore.release();
        }
        return admitted;
    }

    /** AIMD: admit, then release with a success sample. */
    @Benchmark
    public boolean aimd() {
        return aimd.tryAcquire(1_000L).map(p -> p.onSuccess(2_000L)).orElse(false);
    }

    /** Gradient2: admit, then release with a success sample. */
    @Benchmark
    public boolean gradient2() {
        return gradient2.tryAcquire(1_000L).map(p -> p.onSuccess(2_000L)).orElse(false);
    }

    /** The baseline on two threads. */
    @Benchmark
    @Threads(2)
    public boolean semaphoreTwoThreads() {
        return semaphore();
    }

    /** AIMD on two threads. */
    @Benchmark
    @Threads(2)
    public boolean aimdTwoThreads() {
        return aimd();
    }

    /** Gradient2 on two threads. */
    @Benchmark
    @Threads(2)
    public boolean gradient2TwoThreads() {
        return gradient2();
    }
}

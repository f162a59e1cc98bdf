package dev.armature.benchmarks;

import com.google.common.eventbus.AsyncEventBus;
import com.google.common.eventbus.Subscribe;
import dev.armature.api.event.Event;
import dev.armature.api.event.EventType;
import dev.armature.api.event.SubscribeOptions;
import dev.armature.api.event.Subscription;
import dev.armature.api.time.RandomSource;
import dev.armature.api.time.TimeSource;
import dev.armature.core.internal.event.DefaultEventBus;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Delivering events to N asynchronous subscribers: Armature's bus (sequence number, envelope,
 * bounded per-subscriber queues, per-subscriber order) beside Guava's {@code AsyncEventBus} on the
 * same two-thread executor. Each invocation publishes a batch and waits until every subscriber has
 * received all of it, so the score is delivered events per microsecond, not queued or dropped ones.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class EventBusBenchmark {
    /** A small event, as components publish. */
    public record Ping(long n) implements Event {
        static final EventType TYPE = EventType.v1("bench.ping");

        @Override
        public EventType type() {
            return TYPE;
        }
    }

    /** A Guava subscriber that counts into a shared counter. */
    public static final class GuavaCounter {
        private final AtomicLong seen;

        GuavaCounter(AtomicLong seen) {
            this.seen = seen;
        }

        @Subscribe
        public void on(Ping p) {
            seen.incrementAndGet();
        }
    }

    static final int BATCH = 1000;

    @Param({"1", "4"})
    public int subscribers;

    private final ExecutorService executor = Executors.newFixedThreadPool(2);
    private final DefaultEventBus armature =
            new DefaultEventBus(TimeSource.system(), RandomSource.seeded(1).stream("ids"), executor);
    private final AsyncEventBus guava = new AsyncEventBus(executor);
    private final List<Subscription> subscriptions = new ArrayList<>();
    private final AtomicLong armatureSeen = new AtomicLong();
    private final AtomicLong guavaSeen = new AtomicLong();
    private long n;

    @Setup(Level.Trial)
    public void setUp() {
        for (int i = 0; i < subscribers; i++) {
            // Queues larger than a batch: every event is delivered, none dropped.
            subscriptions.add(armature.subscribe(
                    Ping.class, new SubscribeOptions(false, 1 << 20), e -> armatureSeen.incrementAndGet()));
            guava.register(new GuavaCounter(guavaSeen));
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() throws InterruptedException {
        if (armature.dropped() != 0) {
            throw new IllegalStateException("the benchmark must not drop events, dropped " + armature.dropped());
        }
        subscriptions.forEach(Subscription::close);
        executor.shutdownNow();
        executor.awaitTermination(10, TimeUnit.SECONDS);
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public long armatureBus() {
        long target = armatureSeen.get() + (long) BATCH * subscribers;
        for (int i = 0; i < BATCH; i++) {
            armature.publish("bench", new Ping(n++));
        }
        return awaitCount(armatureSeen, target);
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public long guavaAsyncEventBus() {
        long target = guavaSeen.get() + (long) BATCH * subscribers;
        for (int i = 0; i < BATCH; i++) {
            guava.post(new Ping(n++));
        }
        return awaitCount(guavaSeen, target);
    }

    private static long awaitCount(AtomicLong counter, long target) {
        long seen;
        while ((seen = counter.get()) < target) {
            Thread.onSpinWait();
        }
        return seen;
    }
}

package dev.armature.core.internal.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import dev.armature.api.AgentSystem;
import dev.armature.api.resilience.Guard;
import dev.armature.api.resilience.GuardLayer;
import dev.armature.api.time.Cancellable;
import dev.armature.api.time.RandomSource;
import dev.armature.api.time.Scheduler;
import dev.armature.api.time.TimeSource;
import dev.armature.core.time.ManualTime;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The performance goal's clock budget: at most two monotonic readings per call, shared by every layer. */
class ClockReadsTest {
    /** Manual time that counts its monotonic readings. */
    static final class CountingTime implements TimeSource, Scheduler {
        final ManualTime time = ManualTime.create();
        final AtomicLong nanoReads = new AtomicLong();

        @Override
        public Instant now() {
            return time.now();
        }

        @Override
        public long nanoTime() {
            nanoReads.incrementAndGet();
            return time.nanoTime();
        }

        @Override
        public Cancellable schedule(Duration delay, Runnable task) {
            return time.schedule(delay, task);
        }

        @Override
        public Cancellable scheduleAtFixedRate(Duration initialDelay, Duration period, Runnable task) {
            return time.scheduleAtFixedRate(initialDelay, period, task);
        }
    }

    @Test
    void a_call_through_retry_breaker_and_bulkhead_reads_the_monotonic_clock_twice() {
        CountingTime time = new CountingTime();
        try (AgentSystem system = AgentSystem.builder()
                .timeSource(time)
                .randomSource(RandomSource.seeded(1))
                .environment(Map.of())
                .systemProperties(Map.of())
                .build()) {
            var unused = system.config().override(Map.of("armature.guards.dep.bulkhead.enabled", "true"));
            Guard guard = system.guard("dep");
            assertThat(guard.descriptor().layers())
                    .extracting(GuardLayer::kind)
                    .containsExactly(GuardLayer.Kind.RETRY, GuardLayer.Kind.CIRCUIT_BREAKER, GuardLayer.Kind.BULKHEAD);
            assertThat(guard.call(() -> "warm")).isEqualTo("warm");
            for (int i = 0; i < 10; i++) {
                long before = time.nanoReads.get();
                assertThat(guard.call(() -> "ok")).isEqualTo("ok");
                assertThat(time.nanoReads.get() - before)
                        .as("monotonic reads of call %d", i)
                        .isEqualTo(2);
            }
        }
    }
}

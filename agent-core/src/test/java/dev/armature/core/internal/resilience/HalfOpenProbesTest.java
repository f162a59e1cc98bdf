package dev.armature.core.internal.resilience;

import static dev.armature.core.internal.resilience.GuardFixture.settings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.armature.api.resilience.CircuitState;
import dev.armature.api.resilience.Guard;
import dev.armature.api.resilience.GuardRejectedException;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class HalfOpenProbesTest {
    private static final int CALLERS = 100;

    @Test
    void half_open_admits_exactly_max_concurrent_probes_of_a_hundred_concurrent_callers() throws Exception {
        try (GuardFixture f = GuardFixture.of(settings(
                "dep.retry.enabled", "false",
                "dep.circuit-breaker.consecutive-failures", "1",
                "dep.circuit-breaker.max-concurrent-probes", "3"))) {
            Guard guard = f.system.guard("dep");
            assertThat(catchThrowable(() -> guard.run(() -> {
                        throw new IOException("down");
                    })))
                    .hasRootCauseInstanceOf(IOException.class);
            assertThat(guard.circuitState()).isEqualTo(CircuitState.OPEN);
            f.time.advance(Duration.ofSeconds(60).plusMillis(1));

            CountDownLatch go = new CountDownLatch(1);
            CountDownLatch arrived = new CountDownLatch(CALLERS);
            CountDownLatch release = new CountDownLatch(1);
            AtomicInteger admitted = new AtomicInteger();
            AtomicInteger rejected = new AtomicInteger();
            ExecutorService callers = Executors.newFixedThreadPool(CALLERS);
            try {
                for (int i = 0; i < CALLERS; i++) {
                    callers.execute(() -> {
                        try {
                            go.await();
                            guard.run(() -> {
                                admitted.incrementAndGet();
                                arrived.countDown();
                                release.await();
                            });
                        } catch (GuardRejectedException e) {
                            rejected.incrementAndGet();
                            arrived.countDown();
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    });
                }
                go.countDown();
                assertThat(arrived.await(GuardFixture.SAFETY_NET.toSeconds(), TimeUnit.SECONDS))
                        .isTrue();
                assertThat(admitted).hasValue(3);
                assertThat(rejected).hasValue(CALLERS - 3);
                assertThat(guard.circuitState()).isEqualTo(CircuitState.HALF_OPEN);
                release.countDown();
            } finally {
                callers.shutdown();
                assertThat(callers.awaitTermination(GuardFixture.SAFETY_NET.toSeconds(), TimeUnit.SECONDS))
                        .isTrue();
            }
            // Three successful probes close the breaker again.
            assertThat(guard.circuitState()).isEqualTo(CircuitState.CLOSED);
        }
    }
}

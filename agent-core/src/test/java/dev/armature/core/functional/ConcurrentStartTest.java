package dev.armature.core.functional;

import static dev.armature.core.functional.LifecycleWatch.SAFETY_SECONDS;
import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.armature.api.AgentSystem;
import dev.armature.api.ComponentDescriptor;
import dev.armature.api.ComponentState;
import dev.armature.api.SystemState;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Independent components start in parallel, and a slow one delays only what depends on it. */
class ConcurrentStartTest {
    private final ExecutorService caller = Executors.newSingleThreadExecutor();

    @AfterEach
    void shutDownCaller() {
        caller.shutdownNow();
    }

    @Test
    void independent_components_are_inside_start_at_the_same_time() {
        // The barrier opens only when both starts are waiting at it: a sequential start would fail
        // the first one with a TimeoutException after the safety net.
        CyclicBarrier bothInside = new CyclicBarrier(2);
        TestComponent left = new TestComponent(ComponentDescriptor.of("left"))
                .onStart(c -> bothInside.await(SAFETY_SECONDS, SECONDS));
        TestComponent right = new TestComponent(ComponentDescriptor.of("right"))
                .onStart(c -> bothInside.await(SAFETY_SECONDS, SECONDS));

        try (AgentSystem system =
                AgentSystem.builder().component(left).component(right).build()) {
            system.start();

            assertThat(system.state()).isEqualTo(SystemState.RUNNING);
            assertThat(system.snapshot().components()).allMatch(c -> c.state() == ComponentState.RUNNING);
        }
    }

    @Test
    void a_slow_start_does_not_delay_an_unrelated_component_or_its_dependents() throws Exception {
        CountDownLatch slowInside = new CountDownLatch(1);
        CountDownLatch releaseSlow = new CountDownLatch(1);
        TestComponent slow = new TestComponent(ComponentDescriptor.of("slow")).onStart(c -> {
            slowInside.countDown();
            releaseSlow.await();
        });
        TestComponent slowChild = new TestComponent(ComponentDescriptor.of("slowChild", "slow"));
        TestComponent fast = new TestComponent(ComponentDescriptor.of("fast"));
        TestComponent fastChild = new TestComponent(ComponentDescriptor.of("fastChild", "fast"));

        try (AgentSystem system = AgentSystem.builder()
                        .component(slow)
                        .component(slowChild)
                        .component(fast)
                        .component(fastChild)
                        .build();
                LifecycleWatch watch = new LifecycleWatch(system)) {
            Future<?> starting = caller.submit(system::start);
            try {
                assertThat(slowInside.await(SAFETY_SECONDS, SECONDS)).isTrue();
                watch.await("fastChild", ComponentState.RUNNING);

                var snapshot = system.snapshot();
                assertThat(snapshot.state()).isEqualTo(SystemState.STARTING);
                assertThat(snapshot.component("slow").orElseThrow().state()).isEqualTo(ComponentState.STARTING);
                assertThat(snapshot.component("slowChild").orElseThrow().state())
                        .isEqualTo(ComponentState.NEW);
                assertThat(snapshot.component("fast").orElseThrow().state()).isEqualTo(ComponentState.RUNNING);
                assertThat(snapshot.component("fastChild").orElseThrow().state())
                        .isEqualTo(ComponentState.RUNNING);
                assertThat(slowChild.starts()).isZero();
            } finally {
                releaseSlow.countDown();
            }
            starting.get(SAFETY_SECONDS, SECONDS);

            assertThat(system.state()).isEqualTo(SystemState.RUNNING);
            assertThat(slowChild.starts()).isEqualTo(1);
        }
    }
}

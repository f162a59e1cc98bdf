package dev.armature.core.functional;

import static dev.armature.core.functional.LifecycleWatch.SAFETY_SECONDS;
import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.armature.api.AgentSystem;
import dev.armature.api.ComponentDescriptor;
import dev.armature.api.ComponentEvent;
import dev.armature.api.ComponentState;
import dev.armature.api.StartupException;
import dev.armature.api.SystemState;
import dev.armature.core.time.ManualTime;
import java.time.Duration;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A start that runs past its timeout is interrupted and fails the system's start. */
class StartTimeoutTest {
    private static final Duration START_TIMEOUT = Duration.ofSeconds(5);

    private final ExecutorService caller = Executors.newSingleThreadExecutor();

    @AfterEach
    void shutDownCaller() {
        caller.shutdownNow();
    }

    @Test
    void a_start_past_its_timeout_is_interrupted_and_what_had_started_is_stopped() throws Exception {
        ManualTime time = ManualTime.create();
        Queue<String> journal = new ConcurrentLinkedQueue<>();
        CountDownLatch inside = new CountDownLatch(1);
        CountDownLatch never = new CountDownLatch(1);
        AtomicBoolean interrupted = new AtomicBoolean();
        TestComponent early = new TestComponent(ComponentDescriptor.of("early"), journal);
        TestComponent hanging = new TestComponent(
                        ComponentDescriptor.builder("hanging")
                                .dependsOn("early")
                                .startTimeout(START_TIMEOUT)
                                .build(),
                        journal)
                .onStart(c -> {
                    inside.countDown();
                    try {
                        never.await();
                    } catch (InterruptedException e) {
                        interrupted.set(true);
                        throw e;
                    }
                });

        TestComponent child = new TestComponent(ComponentDescriptor.of("child", "hanging"), journal);
        try (AgentSystem system = AgentSystem.builder()
                        .timeSource(time)
                        .component(early)
                        .component(hanging)
                        .component(child)
                        .build();
                LifecycleWatch watch = new LifecycleWatch(system)) {
            Future<?> starting = caller.submit(system::start);
            assertThat(inside.await(SAFETY_SECONDS, SECONDS)).isTrue();

            time.advance(START_TIMEOUT);

            ExecutionException e =
                    catchThrowableOfType(ExecutionException.class, () -> starting.get(SAFETY_SECONDS, SECONDS));
            assertThat(e).isNotNull();
            assertThat(e.getCause()).isInstanceOfSatisfying(StartupException.class, s -> {
                assertThat(s.failures()).hasSize(1);
                assertThat(s.failures().get(0).component()).isEqualTo("hanging");
                assertThat(s.failures().get(0).failure().type()).isEqualTo("timeout");
            });
            assertThat(interrupted).isTrue();
            assertThat(system.state()).isEqualTo(SystemState.FAILED);

            ComponentEvent.StateChanged failed = watch.await("hanging", ComponentState.FAILED);
            assertThat(failed.cause()).hasValueSatisfying(f -> {
                assertThat(f.type()).isEqualTo("timeout");
                assertThat(f.message()).contains("hanging").contains(START_TIMEOUT.toString());
            });
            var snapshot = system.snapshot();
            assertThat(snapshot.component("hanging").orElseThrow().state()).isEqualTo(ComponentState.FAILED);
            assertThat(snapshot.component("early").orElseThrow().state()).isEqualTo(ComponentState.STOPPED);
            assertThat(early.stops()).isEqualTo(1);
            assertThat(hanging.stops()).isZero();
            assertThat(child.starts()).isZero();
            assertThat(journal).doesNotContain("started:hanging");
        }
    }
}

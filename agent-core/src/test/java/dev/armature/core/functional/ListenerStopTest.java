package dev.armature.core.functional;

import static dev.armature.core.functional.LifecycleWatch.SAFETY_SECONDS;
import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.armature.api.AgentSystem;
import dev.armature.api.ComponentDescriptor;
import dev.armature.api.ComponentEvent;
import dev.armature.api.ComponentState;
import dev.armature.api.IllegalLifecycleException;
import dev.armature.api.ShutdownPhase;
import dev.armature.api.ShutdownReport;
import dev.armature.api.SystemState;
import dev.armature.api.event.Subscription;
import dev.armature.core.internal.incident.IncidentsPlugin;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

/** Event listeners run on the bus's threads; calling stop() from one must not deadlock. */
class ListenerStopTest {
    /** Generous: reaching it means a deadlock, which fails the test. */
    private static final long DEADLOCK_SECONDS = 30;

    private static boolean reachedRunning(ComponentEvent e, String name) {
        return e instanceof ComponentEvent.StateChanged s
                && s.component().equals(name)
                && s.to() == ComponentState.RUNNING;
    }

    @Test
    void a_listener_that_calls_stop_when_a_component_runs_stops_the_system() throws Exception {
        CountDownLatch startReturned = new CountDownLatch(1);
        CompletableFuture<ShutdownReport> stoppedByListener = new CompletableFuture<>();
        AgentSystem system = AgentSystem.builder()
                .disablePlugin(IncidentsPlugin.ID) // the test counts its own components only
                .component(new TestComponent(ComponentDescriptor.of("a")))
                .component(new TestComponent(ComponentDescriptor.of("b", "a")))
                .build();
        var unused = system.events().subscribe(ComponentEvent.class, e -> {
            if (reachedRunning(e.payload(), "b")) {
                // Wait for start() to return so that this test is about stop() alone.
                startReturned.await(SAFETY_SECONDS, SECONDS);
                stoppedByListener.complete(system.stop());
            }
        });

        system.start();
        startReturned.countDown();

        ShutdownReport report = stoppedByListener.get(DEADLOCK_SECONDS, SECONDS);
        assertThat(report.isClean()).isTrue();
        assertThat(report.components())
                .extracting(ShutdownReport.ComponentStop::component)
                .containsExactly("b", "a");
        assertThat(system.stop()).isSameAs(report);
        assertThat(system.state()).isEqualTo(SystemState.STOPPED);
    }

    @Test
    void a_listener_that_calls_stop_while_the_system_still_starts_stops_it_and_start_says_so() throws Exception {
        // "slow" finishes its start only once the shutdown has begun, so stop() overlaps start().
        CountDownLatch shutdownBegun = new CountDownLatch(1);
        CompletableFuture<ShutdownReport> stoppedByListener = new CompletableFuture<>();
        TestComponent fast = new TestComponent(ComponentDescriptor.of("fast"));
        TestComponent slow = new TestComponent(ComponentDescriptor.of("slow"))
                .onStart(c -> shutdownBegun.await(DEADLOCK_SECONDS, SECONDS));
        AgentSystem system = AgentSystem.builder()
                .disablePlugin(IncidentsPlugin.ID) // the test counts its own components only
                .component(fast)
                .component(slow)
                .addShutdownTask(ShutdownPhase.BEFORE_STOP, "mark", shutdownBegun::countDown)
                .build();
        var unused = system.events().subscribe(ComponentEvent.class, e -> {
            if (reachedRunning(e.payload(), "fast")) {
                stoppedByListener.complete(system.stop());
            }
        });

        IllegalLifecycleException e = catchThrowableOfType(IllegalLifecycleException.class, system::start);

        assertThat(e).isNotNull();
        assertThat(e.operation()).isEqualTo("start()");
        assertThat(e.getMessage()).contains("stop()");
        ShutdownReport report = stoppedByListener.get(DEADLOCK_SECONDS, SECONDS);
        assertThat(report.component("slow").orElseThrow().outcome()).isEqualTo(ShutdownReport.StopOutcome.STOPPED);
        assertThat(report.component("fast").orElseThrow().outcome()).isEqualTo(ShutdownReport.StopOutcome.STOPPED);
        assertThat(slow.stops()).isEqualTo(1);
        assertThat(system.state()).isEqualTo(SystemState.STOPPED);
    }

    @Test
    void a_listener_that_throws_breaks_neither_the_publisher_nor_other_listeners() {
        Queue<Long> seenByThrowing = new ConcurrentLinkedQueue<>();
        Queue<Long> seenByOther = new ConcurrentLinkedQueue<>();
        AgentSystem system = AgentSystem.builder()
                .disablePlugin(IncidentsPlugin.ID) // the test counts its own components only
                .component(new TestComponent(ComponentDescriptor.of("a")))
                .component(new TestComponent(ComponentDescriptor.of("b", "a")))
                .build();
        Subscription throwing = system.events().subscribe(ComponentEvent.class, e -> {
            seenByThrowing.add(e.sequence());
            throw new IllegalStateException("listener bug");
        });
        Subscription other = system.events().subscribe(ComponentEvent.class, e -> seenByOther.add(e.sequence()));

        system.start();
        assertThat(system.state()).isEqualTo(SystemState.RUNNING);
        system.stop(); // delivers what was queued before it returns

        assertThat(seenByThrowing).isNotEmpty();
        assertThat(seenByOther).containsExactlyElementsOf(seenByThrowing);
        assertThat(throwing.failures()).isEqualTo(seenByThrowing.size());
        assertThat(other.failures()).isZero();
    }
}

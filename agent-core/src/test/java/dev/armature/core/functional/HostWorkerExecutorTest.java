package dev.armature.core.functional;

import static dev.armature.core.functional.LifecycleWatch.SAFETY_SECONDS;
import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.armature.api.AgentSystem;
import dev.armature.api.ComponentDescriptor;
import dev.armature.api.ComponentState;
import dev.armature.api.ShutdownReport;
import dev.armature.api.ShutdownReport.StopOutcome;
import dev.armature.api.StartupException;
import dev.armature.api.SystemState;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A system given the host's worker executor runs its starts and stops there and never shuts it down. */
class HostWorkerExecutorTest {
    private static final String HOST_PREFIX = "host-worker-";

    private final ExecutorService host = Executors.newFixedThreadPool(4, named(HOST_PREFIX));
    private final ExecutorService caller = Executors.newSingleThreadExecutor();

    @AfterEach
    void shutDownPools() {
        host.shutdownNow();
        caller.shutdownNow();
    }

    private static ThreadFactory named(String prefix) {
        AtomicInteger counter = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + counter.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    private static TestComponent recording(ComponentDescriptor descriptor, Queue<String> threads) {
        return new TestComponent(descriptor)
                .onStart(c -> threads.add(
                        "start:" + c.name() + ":" + Thread.currentThread().getName()))
                .onStop(c -> threads.add(
                        "stop:" + c.name() + ":" + Thread.currentThread().getName()));
    }

    private static List<String> liveThreadsOf(String systemName) {
        String prefix = "armature-" + systemName + "-";
        return Thread.getAllStackTraces().keySet().stream()
                .filter(Thread::isAlive)
                .map(Thread::getName)
                .filter(n -> n.startsWith(prefix))
                .toList();
    }

    @Test
    void starts_and_stops_run_on_the_host_executor_and_the_system_makes_no_worker_of_its_own() throws Exception {
        Queue<String> threads = new ConcurrentLinkedQueue<>();
        AgentSystem system = AgentSystem.builder()
                .name("host-workers")
                .workerExecutor(host)
                .component(recording(ComponentDescriptor.of("a"), threads))
                .component(recording(ComponentDescriptor.of("b", "a"), threads))
                .component(recording(ComponentDescriptor.of("c"), threads))
                .build();
        try (system) {
            system.start();

            assertThat(system.state()).isEqualTo(SystemState.RUNNING);
            assertThat(liveThreadsOf("host-workers")).noneMatch(n -> n.contains("-worker-"));
        }

        assertThat(system.state()).isEqualTo(SystemState.STOPPED);
        assertThat(threads).hasSize(6).allSatisfy(entry -> assertThat(entry).contains(":" + HOST_PREFIX));
        assertThat(threads)
                .filteredOn(e -> e.startsWith("stop:"))
                .extracting(e -> e.substring("stop:".length(), e.indexOf(':', "stop:".length())))
                .containsExactlyInAnyOrder("a", "b", "c");
    }

    @Test
    void close_does_not_shut_the_host_executor_down_and_leaves_no_thread_of_the_system() throws Exception {
        AgentSystem system = AgentSystem.builder()
                .name("host-close")
                .workerExecutor(host)
                .component(new TestComponent(ComponentDescriptor.of("a")))
                .component(new TestComponent(ComponentDescriptor.of("b", "a")))
                .build();
        system.start();

        ShutdownReport report = system.stop();

        assertThat(report.components())
                .extracting(ShutdownReport.ComponentStop::outcome)
                .containsOnly(StopOutcome.STOPPED);
        assertThat(host.isShutdown()).as("the host owns its executor").isFalse();
        assertThat(host.submit(() -> "still serving").get(SAFETY_SECONDS, SECONDS))
                .isEqualTo("still serving");
        assertThat(liveThreadsOf("host-close")).isEmpty();
    }

    @Test
    void a_start_the_host_executor_rejects_fails_the_start_with_a_typed_failure_instead_of_hanging() throws Exception {
        host.shutdown();
        TestComponent a = new TestComponent(ComponentDescriptor.of("a"));
        AgentSystem system = AgentSystem.builder()
                .name("host-rejects")
                .workerExecutor(host)
                .component(a)
                .component(new TestComponent(ComponentDescriptor.of("b", "a")))
                .build();
        try (system) {
            Future<?> starting = caller.submit(system::start);

            ExecutionException e =
                    catchThrowableOfType(ExecutionException.class, () -> starting.get(SAFETY_SECONDS, SECONDS));

            assertThat(e).isNotNull();
            assertThat(e.getCause()).isInstanceOfSatisfying(StartupException.class, s -> {
                assertThat(s.failures()).hasSize(1);
                assertThat(s.failures().get(0).component()).isEqualTo("a");
                assertThat(s.failures().get(0).failure().type()).isEqualTo("rejected");
                assertThat(s.failures().get(0).failure().message()).contains("worker executor");
            });
            assertThat(system.state()).isEqualTo(SystemState.FAILED);
            assertThat(system.snapshot().component("a").orElseThrow().state()).isEqualTo(ComponentState.FAILED);
            assertThat(a.starts()).isZero();
        }
    }
}

package dev.armature.core.functional;

import static dev.armature.core.functional.LifecycleWatch.SAFETY_SECONDS;
import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.armature.api.AgentSystem;
import dev.armature.api.ComponentDescriptor;
import dev.armature.api.ComponentFailure;
import dev.armature.api.ComponentState;
import dev.armature.api.ShutdownPhase;
import dev.armature.api.ShutdownReport;
import dev.armature.api.ShutdownReport.StopOutcome;
import dev.armature.api.SystemState;
import dev.armature.api.health.HealthStatus;
import dev.armature.api.time.Cancellable;
import dev.armature.api.time.Scheduler;
import dev.armature.core.internal.incident.IncidentsPlugin;
import dev.armature.core.time.ManualTime;
import java.time.Duration;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Components stop in reverse dependency order through the shutdown phases, whatever their stops do. */
class ShutdownTest {
    private static final Duration C_STOP_TIMEOUT = Duration.ofSeconds(3);

    private final ExecutorService caller = Executors.newSingleThreadExecutor();

    @AfterEach
    void shutDownCaller() {
        caller.shutdownNow();
    }

    @Test
    void a_failing_and_a_hanging_stop_are_reported_and_the_rest_still_stops_in_reverse_order() throws Exception {
        ManualTime time = ManualTime.create();
        Queue<String> journal = new ConcurrentLinkedQueue<>();
        CountDownLatch cInsideStop = new CountDownLatch(1);
        CountDownLatch never = new CountDownLatch(1);
        TestComponent a = new TestComponent(ComponentDescriptor.of("a"), journal);
        TestComponent b = new TestComponent(ComponentDescriptor.of("b", "a"), journal).onStop(c -> {
            throw new IllegalStateException("flush of b failed");
        });
        TestComponent c = new TestComponent(
                        ComponentDescriptor.builder("c")
                                .dependsOn("b")
                                .stopTimeout(C_STOP_TIMEOUT)
                                .build(),
                        journal)
                .onStop(ctx -> {
                    cInsideStop.countDown();
                    never.await();
                });
        AgentSystem system = AgentSystem.builder()
                .disablePlugin(IncidentsPlugin.ID) // the test counts its own components only
                .timeSource(time)
                .component(a)
                .component(b)
                .component(c)
                .build();
        try (system) {
            system.start();
            Future<ShutdownReport> stopping = caller.submit(system::stop);
            assertThat(cInsideStop.await(SAFETY_SECONDS, SECONDS)).isTrue();

            time.advance(C_STOP_TIMEOUT);

            ShutdownReport report = stopping.get(SAFETY_SECONDS, SECONDS);
            assertThat(report.components())
                    .extracting(ShutdownReport.ComponentStop::component, ShutdownReport.ComponentStop::outcome)
                    .containsExactly(
                            tuple("c", StopOutcome.TIMED_OUT),
                            tuple("b", StopOutcome.FAILED),
                            tuple("a", StopOutcome.STOPPED));
            assertThat(report.component("c").orElseThrow().failure())
                    .hasValueSatisfying(f -> assertThat(f.type()).isEqualTo("timeout"));
            assertThat(report.component("b").orElseThrow().failure())
                    .hasValueSatisfying(f -> assertThat(f.message()).isEqualTo("flush of b failed"));
            assertThat(report.isClean()).isFalse();
            assertThat(journal.stream().filter(s -> s.startsWith("stop:")))
                    .containsExactly("stop:c", "stop:b", "stop:a");
            assertThat(journal).doesNotContain("stopped:c", "stopped:b").contains("stopped:a");
            assertThat(system.state()).isEqualTo(SystemState.STOPPED);
            var snapshot = system.snapshot();
            assertThat(snapshot.component("c").orElseThrow().state()).isEqualTo(ComponentState.FAILED);
            assertThat(snapshot.component("b").orElseThrow().state()).isEqualTo(ComponentState.FAILED);
            assertThat(snapshot.component("a").orElseThrow().state()).isEqualTo(ComponentState.STOPPED);

            assertThat(system.stop()).isSameAs(report);
            system.close();
            assertThat(system.stop()).isSameAs(report);
        }
    }

    @Test
    void a_stop_phase_that_runs_out_of_time_interrupts_the_stop_still_running_and_goes_on() throws Exception {
        Duration phaseTimeout = Duration.ofSeconds(5);
        ManualTime time = ManualTime.create();
        CountDownLatch phaseTimerSet = new CountDownLatch(1);
        CountDownLatch cInsideStop = new CountDownLatch(1);
        CountDownLatch cInterrupted = new CountDownLatch(1);
        AtomicBoolean interruptedBeforeAfterStop = new AtomicBoolean();
        // Tells the test when the stop phase has set its timer, so that advancing time fires it.
        Scheduler scheduler = new Scheduler() {
            @Override
            public Cancellable schedule(Duration delay, Runnable task) {
                Cancellable c = time.schedule(delay, task);
                if (delay.equals(phaseTimeout)) {
                    phaseTimerSet.countDown();
                }
                return c;
            }

            @Override
            public Cancellable scheduleAtFixedRate(Duration initialDelay, Duration period, Runnable task) {
                return time.scheduleAtFixedRate(initialDelay, period, task);
            }
        };
        TestComponent a = new TestComponent(ComponentDescriptor.of("a"));
        TestComponent b = new TestComponent(ComponentDescriptor.of("b", "a"));
        TestComponent c = new TestComponent(ComponentDescriptor.builder("c")
                        .dependsOn("b")
                        .stopTimeout(Duration.ofHours(1))
                        .build())
                .onStop(ctx -> {
                    cInsideStop.countDown();
                    try {
                        new CountDownLatch(1).await();
                    } catch (InterruptedException e) {
                        cInterrupted.countDown();
                        throw e;
                    }
                });
        AgentSystem system = AgentSystem.builder()
                .disablePlugin(IncidentsPlugin.ID) // the test counts its own components only
                .timeSource(time)
                .scheduler(scheduler)
                .phaseTimeout(ShutdownPhase.STOP_COMPONENTS, phaseTimeout)
                .component(a)
                .component(b)
                .component(c)
                .addShutdownTask(
                        ShutdownPhase.AFTER_STOP,
                        "check-interrupted",
                        () -> interruptedBeforeAfterStop.set(cInterrupted.await(SAFETY_SECONDS, SECONDS)))
                .build();
        try (system) {
            system.start();
            Future<ShutdownReport> stopping = caller.submit(system::stop);
            assertThat(cInsideStop.await(SAFETY_SECONDS, SECONDS)).isTrue();
            assertThat(phaseTimerSet.await(SAFETY_SECONDS, SECONDS)).isTrue();

            time.advance(phaseTimeout);

            ShutdownReport report = stopping.get(3 * SAFETY_SECONDS, SECONDS);
            assertThat(report.phases())
                    .filteredOn(p -> p.phase() == ShutdownPhase.STOP_COMPONENTS)
                    .singleElement()
                    .satisfies(p -> assertThat(p.timedOut()).isTrue());
            assertThat(report.components())
                    .extracting(ShutdownReport.ComponentStop::outcome)
                    .containsOnly(StopOutcome.TIMED_OUT)
                    .hasSize(3);
            assertThat(interruptedBeforeAfterStop)
                    .as("c's stop was interrupted when its phase ran out")
                    .isTrue();
            assertThat(report.phases()).extracting(ShutdownReport.Phase::phase).contains(ShutdownPhase.AFTER_STOP);
            assertThat(a.stops() + b.stops())
                    .as("stops not begun are not called")
                    .isZero();
            assertThat(report.isClean()).isFalse();
        }
    }

    @Test
    void a_hanging_shutdown_task_is_interrupted_when_its_phase_runs_out_and_the_shutdown_goes_on() throws Exception {
        Duration drainTimeout = Duration.ofSeconds(7);
        ManualTime time = ManualTime.create();
        Queue<String> journal = new ConcurrentLinkedQueue<>();
        CountDownLatch taskInside = new CountDownLatch(1);
        AgentSystem system = AgentSystem.builder()
                .disablePlugin(IncidentsPlugin.ID) // the test counts its own components only
                .timeSource(time)
                .phaseTimeout(ShutdownPhase.DRAIN, drainTimeout)
                .component(new TestComponent(ComponentDescriptor.of("a"), journal))
                .addShutdownTask(ShutdownPhase.DRAIN, "drain-forever", () -> {
                    taskInside.countDown();
                    try {
                        new CountDownLatch(1).await();
                    } catch (InterruptedException e) {
                        journal.add("drain interrupted");
                        throw e;
                    }
                })
                .addShutdownTask(ShutdownPhase.AFTER_STOP, "after", () -> journal.add("after"))
                .build();
        try (system) {
            system.start();
            Future<ShutdownReport> stopping = caller.submit(system::stop);
            assertThat(taskInside.await(SAFETY_SECONDS, SECONDS)).isTrue();

            time.advance(drainTimeout);

            ShutdownReport report = stopping.get(SAFETY_SECONDS, SECONDS);
            ShutdownReport.Phase drain = report.phases().get(1);
            assertThat(drain.phase()).isEqualTo(ShutdownPhase.DRAIN);
            assertThat(drain.timedOut()).isTrue();
            assertThat(drain.failures()).singleElement().satisfies(f -> {
                assertThat(f.component()).isEqualTo("drain-forever");
                assertThat(f.failure().type()).isEqualTo("timeout");
            });
            // The phase goes on as soon as it gives up on the task, so the interrupted task may
            // finish after later phases began; stop() returns only once its thread has ended.
            assertThat(journal)
                    .containsSubsequence("stop:a", "stopped:a", "after")
                    .contains("drain interrupted");
            assertThat(report.component("a").orElseThrow().outcome()).isEqualTo(StopOutcome.STOPPED);
            assertThat(report.isClean()).isFalse();
        }
    }

    @Test
    void concurrent_stops_wait_for_one_shutdown_and_return_its_report() throws Exception {
        CountDownLatch stopEntered = new CountDownLatch(1);
        CountDownLatch releaseStop = new CountDownLatch(1);
        TestComponent a = new TestComponent(ComponentDescriptor.of("a")).onStop(c -> {
            stopEntered.countDown();
            releaseStop.await(SAFETY_SECONDS, SECONDS);
        });
        AgentSystem system = AgentSystem.builder()
                .disablePlugin(IncidentsPlugin.ID) // the test counts its own components only
                .component(a)
                .build();
        system.start();
        ExecutorService second = Executors.newSingleThreadExecutor();
        try {
            Future<ShutdownReport> first = caller.submit(system::stop);
            assertThat(stopEntered.await(SAFETY_SECONDS, SECONDS)).isTrue();
            Future<ShutdownReport> other = second.submit(system::stop);
            assertThat(system.state()).isEqualTo(SystemState.STOPPING);
            releaseStop.countDown();

            ShutdownReport report = first.get(SAFETY_SECONDS, SECONDS);
            assertThat(other.get(SAFETY_SECONDS, SECONDS)).isSameAs(report);
            assertThat(a.stops()).isEqualTo(1);
            assertThat(system.state()).isEqualTo(SystemState.STOPPED);
        } finally {
            releaseStop.countDown();
            second.shutdownNow();
        }
    }

    @Test
    void stop_before_start_stops_a_system_that_never_ran() {
        TestComponent a = new TestComponent(ComponentDescriptor.of("a"));
        AgentSystem system = AgentSystem.builder()
                .disablePlugin(IncidentsPlugin.ID) // the test counts its own components only
                .component(a)
                .build();

        ShutdownReport report = system.stop();

        assertThat(report.isClean()).isTrue();
        assertThat(report.components()).singleElement().satisfies(s -> assertThat(s.outcome())
                .isEqualTo(StopOutcome.NOT_RUNNING));
        assertThat(system.state()).isEqualTo(SystemState.STOPPED);
        assertThat(a.starts() + a.stops()).isZero();
        system.close();
        assertThat(system.stop()).isSameAs(report);
    }

    @Test
    void shutdown_tasks_run_in_phase_order_around_the_component_stops() {
        Queue<String> journal = new ConcurrentLinkedQueue<>();
        AtomicReference<@Nullable AgentSystem> self = new AtomicReference<>();
        AtomicReference<@Nullable HealthStatus> readinessInBeforeStop = new AtomicReference<>();
        AtomicReference<@Nullable HealthStatus> readinessInDrain = new AtomicReference<>();
        AgentSystem system = AgentSystem.builder()
                .disablePlugin(IncidentsPlugin.ID) // the test counts its own components only
                .component(new TestComponent(ComponentDescriptor.of("a"), journal))
                .component(new TestComponent(ComponentDescriptor.of("b", "a"), journal))
                .addShutdownTask(ShutdownPhase.AFTER_STOP, "close-store", () -> journal.add("after"))
                .addShutdownTask(ShutdownPhase.DRAIN, "drain-sessions", () -> {
                    readinessInDrain.set(readiness(self));
                    journal.add("drain");
                })
                .addShutdownTask(ShutdownPhase.BEFORE_STOP, "goodbye", () -> {
                    readinessInBeforeStop.set(readiness(self));
                    journal.add("before");
                })
                .build();
        self.set(system);
        try (system) {
            system.start();
            assertThat(system.snapshot().readiness()).isEqualTo(HealthStatus.UP);

            ShutdownReport report = system.stop();

            assertThat(journal)
                    .containsSubsequence("before", "drain", "stop:b", "stopped:b", "stop:a", "stopped:a", "after");
            assertThat(journal.stream().filter(s -> !s.startsWith("start")))
                    .containsExactly("before", "drain", "stop:b", "stopped:b", "stop:a", "stopped:a", "after");
            assertThat(report.phases())
                    .extracting(ShutdownReport.Phase::phase)
                    .containsExactly(
                            ShutdownPhase.BEFORE_STOP,
                            ShutdownPhase.DRAIN,
                            ShutdownPhase.STOP_COMPONENTS,
                            ShutdownPhase.AFTER_STOP);
            assertThat(readinessInBeforeStop.get()).isEqualTo(HealthStatus.UP);
            assertThat(readinessInDrain.get()).isEqualTo(HealthStatus.OUT_OF_SERVICE);
            assertThat(report.isClean()).isTrue();
        }
    }

    @Test
    void a_failing_shutdown_task_is_reported_in_its_phase_and_the_shutdown_goes_on() {
        Queue<String> journal = new ConcurrentLinkedQueue<>();
        AgentSystem system = AgentSystem.builder()
                .disablePlugin(IncidentsPlugin.ID) // the test counts its own components only
                .component(new TestComponent(ComponentDescriptor.of("a"), journal))
                .addShutdownTask(ShutdownPhase.BEFORE_STOP, "notify-clients", () -> {
                    throw new IllegalStateException("clients unreachable");
                })
                .addShutdownTask(ShutdownPhase.BEFORE_STOP, "save-sessions", () -> journal.add("saved"))
                .addShutdownTask(ShutdownPhase.DRAIN, "drain", () -> journal.add("drain"))
                .addShutdownTask(ShutdownPhase.AFTER_STOP, "flush", () -> journal.add("after"))
                .build();
        try (system) {
            system.start();

            ShutdownReport report = system.stop();

            ShutdownReport.Phase beforeStop = report.phases().get(0);
            assertThat(beforeStop.phase()).isEqualTo(ShutdownPhase.BEFORE_STOP);
            assertThat(beforeStop.failures())
                    .extracting(ComponentFailure::component)
                    .containsExactly("notify-clients");
            assertThat(beforeStop.failures().get(0).failure().message()).isEqualTo("clients unreachable");
            assertThat(report.phases().subList(1, 4))
                    .allSatisfy(p -> assertThat(p.failures()).isEmpty());
            assertThat(journal).contains("saved").containsSubsequence("drain", "stopped:a", "after");
            assertThat(report.component("a").orElseThrow().outcome()).isEqualTo(StopOutcome.STOPPED);
            assertThat(report.isClean()).isFalse();
            assertThat(system.state()).isEqualTo(SystemState.STOPPED);
        }
    }

    private static HealthStatus readiness(AtomicReference<@Nullable AgentSystem> self) {
        AgentSystem system = self.get();
        if (system == null) {
            throw new IllegalStateException("system not built");
        }
        return system.snapshot().readiness();
    }
}

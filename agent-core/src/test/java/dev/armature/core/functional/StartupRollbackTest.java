package dev.armature.core.functional;

import static dev.armature.core.functional.LifecycleWatch.SAFETY_SECONDS;
import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.armature.api.AgentSystem;
import dev.armature.api.ComponentDescriptor;
import dev.armature.api.ComponentEvent;
import dev.armature.api.ComponentFailure;
import dev.armature.api.ComponentState;
import dev.armature.api.FailureInfo;
import dev.armature.api.ShutdownReport;
import dev.armature.api.StartupException;
import dev.armature.api.SystemState;
import dev.armature.api.health.HealthStatus;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

/** A required component that fails to start rolls the whole start back. */
class StartupRollbackTest {
    @Test
    void a_failed_required_start_lists_every_failure_and_stops_what_had_started_in_reverse() throws Exception {
        Queue<String> journal = new ConcurrentLinkedQueue<>();
        CountDownLatch parallelInside = new CountDownLatch(1);
        CompletableFuture<Void> boomFailed = new CompletableFuture<>();
        IllegalStateException boomCause = new IllegalStateException("model endpoint refused the key");
        IllegalStateException parallelCause = new IllegalStateException("tool runner lost its sandbox");

        // base <- middle <- {boom, parallel}; dependent <- boom; unrelated stands alone.
        TestComponent base = new TestComponent(ComponentDescriptor.of("base"), journal);
        TestComponent middle = new TestComponent(ComponentDescriptor.of("middle", "base"), journal);
        TestComponent unrelated = new TestComponent(ComponentDescriptor.of("unrelated"), journal);
        TestComponent dependent = new TestComponent(ComponentDescriptor.of("dependent", "boom"), journal);
        TestComponent boom = new TestComponent(ComponentDescriptor.of("boom", "middle"), journal).onStart(c -> {
            // Fail only once "parallel" is running, so its start was in flight when this one failed.
            parallelInside.await(SAFETY_SECONDS, SECONDS);
            throw boomCause;
        });
        AgentSystem system = AgentSystem.builder()
                .component(base)
                .component(middle)
                .component(unrelated)
                .component(boom)
                .component(new TestComponent(ComponentDescriptor.of("parallel", "middle"), journal).onStart(c -> {
                    parallelInside.countDown();
                    boomFailed.get(SAFETY_SECONDS, SECONDS);
                    throw parallelCause;
                }))
                .component(dependent)
                .build();
        try (system) {
            var unused = system.events().subscribe(ComponentEvent.StateChanged.class, e -> {
                if (e.payload().component().equals("boom") && e.payload().to() == ComponentState.FAILED) {
                    boomFailed.complete(null);
                }
            });
            StartupException e = catchThrowableOfType(StartupException.class, system::start);

            assertThat(e).isNotNull();
            assertThat(e.failures())
                    .containsExactly(
                            new ComponentFailure("boom", FailureInfo.of(boomCause)),
                            new ComponentFailure("parallel", FailureInfo.of(parallelCause)));
            assertThat(e.getMessage()).contains("boom").contains("parallel").contains("model endpoint refused");
            assertThat(system.state()).isEqualTo(SystemState.FAILED);
            assertThat(dependent.starts()).isZero();
            assertThat(boom.stops()).isZero();
            assertThat(base.stops()).isEqualTo(1);
            assertThat(middle.stops()).isEqualTo(1);
            assertThat(unrelated.stops()).isEqualTo(1);
            List<String> stops =
                    journal.stream().filter(s -> s.startsWith("stop:")).toList();
            assertThat(stops).containsSubsequence("stop:middle", "stop:base");
            assertThat(stops).containsExactlyInAnyOrder("stop:middle", "stop:base", "stop:unrelated");

            var snapshot = system.snapshot();
            assertThat(snapshot.component("boom").orElseThrow().state()).isEqualTo(ComponentState.FAILED);
            assertThat(snapshot.component("boom").orElseThrow().lastFailure()).contains(FailureInfo.of(boomCause));
            assertThat(snapshot.component("parallel").orElseThrow().state()).isEqualTo(ComponentState.FAILED);
            assertThat(snapshot.component("base").orElseThrow().state()).isEqualTo(ComponentState.STOPPED);
            assertThat(snapshot.component("dependent").orElseThrow().state()).isNotEqualTo(ComponentState.RUNNING);
            assertThat(snapshot.health()).isEqualTo(HealthStatus.DOWN);

            ShutdownReport report = system.stop();
            assertThat(report.component("middle").orElseThrow().outcome())
                    .isEqualTo(ShutdownReport.StopOutcome.STOPPED);
            assertThat(report.component("boom").orElseThrow().outcome())
                    .isEqualTo(ShutdownReport.StopOutcome.NOT_RUNNING);
        }
    }

    @Test
    void an_optional_component_that_fails_leaves_the_system_running_but_degraded() {
        TestComponent required = new TestComponent(ComponentDescriptor.of("workspace"));
        TestComponent optional = new TestComponent(
                        ComponentDescriptor.builder("telemetry").optional(true).build())
                .onStart(c -> {
                    throw new IllegalStateException("collector unreachable");
                });

        try (AgentSystem system =
                AgentSystem.builder().component(required).component(optional).build()) {
            system.start();

            var snapshot = system.snapshot();
            assertThat(snapshot.state()).isEqualTo(SystemState.RUNNING);
            assertThat(snapshot.health()).isEqualTo(HealthStatus.DEGRADED);
            assertThat(snapshot.component("telemetry").orElseThrow().state()).isEqualTo(ComponentState.FAILED);
            assertThat(snapshot.component("telemetry").orElseThrow().lastFailure())
                    .hasValueSatisfying(f -> assertThat(f.message()).isEqualTo("collector unreachable"));
            assertThat(snapshot.component("workspace").orElseThrow().state()).isEqualTo(ComponentState.RUNNING);
        }
    }

    @Test
    void the_dependents_of_a_failed_optional_component_are_not_started_and_the_system_runs_degraded() {
        TestComponent telemetry = new TestComponent(
                        ComponentDescriptor.builder("telemetry").optional(true).build())
                .onStart(c -> {
                    throw new IllegalStateException("collector unreachable");
                });
        TestComponent dashboard = new TestComponent(ComponentDescriptor.builder("dashboard")
                .dependsOn("telemetry")
                .optional(true)
                .build());
        TestComponent workspace = new TestComponent(ComponentDescriptor.of("workspace"));

        try (AgentSystem system = AgentSystem.builder()
                .component(telemetry)
                .component(dashboard)
                .component(workspace)
                .build()) {
            system.start();

            var snapshot = system.snapshot();
            assertThat(snapshot.state()).isEqualTo(SystemState.RUNNING);
            assertThat(snapshot.health()).isEqualTo(HealthStatus.DEGRADED);
            assertThat(dashboard.starts()).isZero();
            assertThat(snapshot.component("dashboard").orElseThrow().state()).isEqualTo(ComponentState.FAILED);
            assertThat(snapshot.component("dashboard").orElseThrow().lastFailure())
                    .hasValueSatisfying(f -> assertThat(f.message()).contains("telemetry"));
            assertThat(snapshot.component("workspace").orElseThrow().state()).isEqualTo(ComponentState.RUNNING);
        }
    }

    @Test
    void a_required_component_whose_optional_dependency_failed_fails_the_start_without_being_started() {
        TestComponent telemetry = new TestComponent(
                        ComponentDescriptor.builder("telemetry").optional(true).build())
                .onStart(c -> {
                    throw new IllegalStateException("collector unreachable");
                });
        TestComponent exporter = new TestComponent(ComponentDescriptor.of("exporter", "telemetry"));

        try (AgentSystem system =
                AgentSystem.builder().component(telemetry).component(exporter).build()) {
            StartupException e = catchThrowableOfType(StartupException.class, system::start);

            assertThat(e).isNotNull();
            assertThat(e.failures()).extracting(ComponentFailure::component).containsExactly("telemetry", "exporter");
            assertThat(e.failures().get(1).failure().type()).isEqualTo("dependency");
            assertThat(e.failures().get(1).failure().message()).contains("telemetry");
            assertThat(exporter.starts()).isZero();
            assertThat(system.state()).isEqualTo(SystemState.FAILED);
        }
    }
}

package dev.armature.core.functional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.armature.api.AgentSystem;
import dev.armature.api.Component;
import dev.armature.api.ComponentContext;
import dev.armature.api.ComponentDescriptor;
import dev.armature.api.ComponentEvent;
import dev.armature.api.ComponentState;
import dev.armature.api.FailureInfo;
import dev.armature.api.IllegalLifecycleException;
import dev.armature.api.StartupException;
import dev.armature.api.SystemState;
import dev.armature.api.health.HealthCheck;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Calls made in the wrong state, and components that break their contract, get clear errors. */
class LifecycleMisuseTest {
    @Test
    void starting_twice_is_refused() {
        try (AgentSystem system = AgentSystem.builder()
                .component(new TestComponent(ComponentDescriptor.of("a")))
                .build()) {
            system.start();

            assertThatThrownBy(system::start).isInstanceOfSatisfying(IllegalLifecycleException.class, e -> {
                assertThat(e.operation()).isEqualTo("start()");
                assertThat(e.state()).isEqualTo("RUNNING");
            });
            assertThat(system.state()).isEqualTo(SystemState.RUNNING);
        }
    }

    @Test
    void starting_after_stop_is_refused() {
        TestComponent a = new TestComponent(ComponentDescriptor.of("a"));
        AgentSystem system = AgentSystem.builder().component(a).build();
        system.start();
        system.stop();

        assertThatThrownBy(system::start)
                .isInstanceOfSatisfying(IllegalLifecycleException.class, e -> assertThat(e.state())
                        .isEqualTo("STOPPED"));
        assertThat(a.starts()).isEqualTo(1);
    }

    @Test
    void starting_after_a_failed_start_is_refused() {
        AgentSystem system = AgentSystem.builder()
                .component(new TestComponent(ComponentDescriptor.of("a")).onStart(c -> {
                    throw new IllegalStateException("no");
                }))
                .build();
        assertThatThrownBy(system::start).isInstanceOf(StartupException.class);

        assertThatThrownBy(system::start)
                .isInstanceOfSatisfying(IllegalLifecycleException.class, e -> assertThat(e.state())
                        .isEqualTo("FAILED"));
    }

    @Test
    void a_builder_builds_only_once() {
        AgentSystem.Builder builder = AgentSystem.builder().component(new TestComponent(ComponentDescriptor.of("a")));
        try (AgentSystem first = builder.build()) {
            assertThat(first.state()).isEqualTo(SystemState.NEW);

            assertThatThrownBy(builder::build)
                    .isInstanceOfSatisfying(IllegalLifecycleException.class, e -> assertThat(e.operation())
                            .isEqualTo("build()"));
        }
    }

    @Test
    void health_checks_that_return_null_fail_the_start_with_a_clear_message() {
        try (AgentSystem system =
                AgentSystem.builder().component(new NullChecks()).build()) {
            StartupException e = catchThrowableOfType(StartupException.class, system::start);

            assertThat(e).isNotNull();
            assertThat(e.failures()).singleElement().satisfies(f -> {
                assertThat(f.component()).isEqualTo("null-checks");
                assertThat(f.failure().type()).isNotEqualTo(NullPointerException.class.getName());
                assertThat(f.failure().message()).contains("healthChecks()").contains("null");
            });
            assertThat(system.snapshot().component("null-checks").orElseThrow().state())
                    .isEqualTo(ComponentState.FAILED);
        }
    }

    @Test
    void a_start_that_throws_fails_the_component_with_the_exception_described() throws Exception {
        IllegalStateException cause = new IllegalStateException("workspace is read-only");
        TestComponent a = new TestComponent(ComponentDescriptor.of("workspace")).onStart(c -> {
            throw cause;
        });
        try (AgentSystem system = AgentSystem.builder().component(a).build();
                LifecycleWatch watch = new LifecycleWatch(system)) {
            StartupException e = catchThrowableOfType(StartupException.class, system::start);

            FailureInfo expected = new FailureInfo(IllegalStateException.class.getName(), "workspace is read-only");
            assertThat(e).isNotNull();
            assertThat(e.failures()).singleElement().satisfies(f -> assertThat(f.failure())
                    .isEqualTo(expected));
            assertThat(e.getMessage()).contains("workspace").contains("workspace is read-only");
            assertThat(system.snapshot().component("workspace").orElseThrow().lastFailure())
                    .contains(expected);
            ComponentEvent.StateChanged failed = watch.await("workspace", ComponentState.FAILED);
            assertThat(failed.from()).isEqualTo(ComponentState.STARTING);
            assertThat(failed.cause()).contains(expected);
        }
    }

    /** Breaks the contract of {@link Component#healthChecks()} by returning null. */
    private static final class NullChecks implements Component {
        @Override
        public ComponentDescriptor descriptor() {
            return ComponentDescriptor.of("null-checks");
        }

        @Override
        public void start(ComponentContext context) {}

        @Override
        public void stop() {}

        @Override
        @SuppressWarnings("NullAway") // the contract violation under test
        public List<HealthCheck> healthChecks() {
            return null;
        }
    }
}

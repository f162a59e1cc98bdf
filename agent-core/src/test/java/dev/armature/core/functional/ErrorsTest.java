package dev.armature.core.functional;

import static dev.armature.core.internal.errors.DefaultErrors.IN_APP_PACKAGES_KEY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.armature.api.AgentSystem;
import dev.armature.api.Component;
import dev.armature.api.ComponentContext;
import dev.armature.api.ComponentDescriptor;
import dev.armature.api.config.ConfigException;
import dev.armature.api.resilience.Classification;
import dev.armature.api.resilience.ErrorClass;
import dev.armature.api.resilience.ErrorEvent;
import dev.armature.api.resilience.ErrorFinding;
import dev.armature.api.resilience.GuardException;
import dev.armature.core.time.ManualTime;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code system.errors()} on a built system, configured through the system's configuration. */
class ErrorsTest {
    @TempDir
    @SuppressWarnings("NullAway.Init") // injected by JUnit before each test
    Path dir;

    private AgentSystem.Builder builder(Map<String, String> properties) {
        return AgentSystem.builder()
                .name("errors")
                .pluginDiscovery(false)
                .environment(Map.of())
                .systemProperties(properties)
                .dataDirectory(dir.resolve("data"));
    }

    @Test
    void the_system_records_host_errors_on_its_bus_with_the_configured_in_app_packages() throws Exception {
        IllegalStateException error = new IllegalStateException("boom");
        error.setStackTrace(new StackTraceElement[] {
            new StackTraceElement("okhttp3.RealCall", "execute", "RealCall.java", 1),
            new StackTraceElement("com.example.agent.ModelClient", "call", "ModelClient.java", 2)
        });
        try (AgentSystem system = builder(Map.of(IN_APP_PACKAGES_KEY, "com.example.agent, com.example.tools"))
                .build()) {
            var heard = new LinkedBlockingQueue<ErrorEvent>();
            system.events().subscribe(ErrorEvent.class, e -> heard.add(e.payload()));

            ErrorEvent event = system.errors().record(error, Map.of());

            assertThat(event.errorClass()).isEqualTo(ErrorClass.TRANSIENT);
            assertThat(system.errors()
                            .explain(event.fingerprint())
                            .orElseThrow()
                            .frames())
                    .containsExactly("com.example.agent.ModelClient#call");
            assertThat(heard.poll(10, TimeUnit.SECONDS)).isEqualTo(event);
        }
    }

    @Test
    void an_in_app_entry_that_is_no_package_is_refused_at_build_naming_the_key() {
        assertThatThrownBy(() -> builder(Map.of(IN_APP_PACKAGES_KEY, "com.example, not a package"))
                        .build())
                .isInstanceOfSatisfying(
                        ConfigException.class, e -> assertThat(e.key()).contains(IN_APP_PACKAGES_KEY))
                .hasMessageContaining("'not a package'");
    }

    @Test
    void host_rules_classify_recorded_errors_before_the_built_in_ones() {
        try (AgentSystem system = builder(Map.of())
                .addErrorClassifier(e ->
                        e instanceof IllegalStateException ? Optional.of(Classification.ignored()) : Optional.empty())
                .build()) {
            assertThat(system.errors()
                            .record(new IllegalStateException("host says ignore"), Map.of())
                            .errorClass())
                    .isEqualTo(ErrorClass.IGNORED);
            // Built in: an argument the caller got wrong fails the same way every time.
            assertThat(system.errors()
                            .record(new IllegalArgumentException("bad"), Map.of())
                            .errorClass())
                    .isEqualTo(ErrorClass.PERMANENT);
        }
    }

    @Test
    void guard_failures_and_component_failures_are_recorded_and_new_errors_found_on_virtual_time() throws Exception {
        ManualTime time = ManualTime.create();
        Component failing = new Component() {
            @Override
            public ComponentDescriptor descriptor() {
                return ComponentDescriptor.builder("flaky").optional(true).build();
            }

            @Override
            public void start(ComponentContext context) {
                throw new IllegalStateException("cannot reach the index");
            }

            @Override
            public void stop() {}
        };
        try (AgentSystem system = builder(Map.of("armature.guards.dep.retry.enabled", "false"))
                .timeSource(time)
                .scheduler(time)
                .component(failing)
                .build()) {
            var errors = new LinkedBlockingQueue<ErrorEvent>();
            var findings = new LinkedBlockingQueue<ErrorFinding>();
            system.events().subscribe(ErrorEvent.class, e -> errors.add(e.payload()));
            system.events().subscribe(ErrorFinding.class, e -> findings.add(e.payload()));
            system.start();
            assertThatThrownBy(() -> system.guard("dep").call(() -> {
                        throw new java.io.IOException("connection reset");
                    }))
                    .isInstanceOf(GuardException.class);

            ErrorEvent first = errors.poll(10, TimeUnit.SECONDS);
            ErrorEvent second = errors.poll(10, TimeUnit.SECONDS);
            assertThat(List.of(first, second))
                    .extracting(ErrorEvent::origin, ErrorEvent::originName)
                    .containsExactlyInAnyOrder(
                            org.assertj.core.groups.Tuple.tuple(ErrorEvent.Origin.COMPONENT, "flaky"),
                            org.assertj.core.groups.Tuple.tuple(ErrorEvent.Origin.GUARD, "dep"));

            time.advance(Duration.ofSeconds(10)); // the analysis evaluates every 10 s
            List<ErrorFinding> found = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                found.add(findings.poll(10, TimeUnit.SECONDS));
            }
            assertThat(found).allSatisfy(f -> assertThat(f).isInstanceOf(ErrorFinding.NewError.class));
            assertThat(found)
                    .extracting(f -> ((ErrorFinding.NewError) f).originName())
                    .containsExactlyInAnyOrder("flaky", "dep");
        }
    }

    /** A component that keeps its context, so that the test can report its failures. */
    private static final class Reporting implements Component {
        private final ComponentDescriptor descriptor;
        private volatile @org.jspecify.annotations.Nullable ComponentContext context;

        Reporting(ComponentDescriptor descriptor) {
            this.descriptor = descriptor;
        }

        @Override
        public ComponentDescriptor descriptor() {
            return descriptor;
        }

        @Override
        public void start(ComponentContext c) {
            context = c;
        }

        @Override
        public void stop() {}

        void fail(String why) {
            java.util.Objects.requireNonNull(context, "not started").reportFailure(new IllegalStateException(why));
        }
    }

    @Test
    void a_dependent_failing_after_its_dependency_is_found_as_a_cascade() throws Exception {
        ManualTime time = ManualTime.create();
        Reporting db = new Reporting(ComponentDescriptor.of("db"));
        Reporting index = new Reporting(ComponentDescriptor.of("index", "db"));
        try (AgentSystem system = builder(Map.of())
                .timeSource(time)
                .scheduler(time)
                .component(db)
                .component(index)
                .build()) {
            var findings = new LinkedBlockingQueue<ErrorFinding>();
            system.events().subscribe(ErrorFinding.class, e -> {
                if (e.payload() instanceof ErrorFinding.Cascade) {
                    findings.add(e.payload());
                }
            });
            system.start();
            db.fail("disk full");
            time.advance(Duration.ofSeconds(3));
            index.fail("no database");
            time.advance(Duration.ofSeconds(10)); // the next evaluation

            assertThat(findings.poll(10, TimeUnit.SECONDS))
                    .isEqualTo(new ErrorFinding.Cascade("db", List.of("index"), Duration.ofSeconds(3)));
        }
    }
}

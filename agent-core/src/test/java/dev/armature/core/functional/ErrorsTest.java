package dev.armature.core.functional;

import static dev.armature.core.internal.errors.DefaultErrors.IN_APP_PACKAGES_KEY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.armature.api.AgentSystem;
import dev.armature.api.config.ConfigException;
import dev.armature.api.resilience.ErrorClass;
import dev.armature.api.resilience.ErrorEvent;
import java.nio.file.Path;
import java.util.Map;
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
}

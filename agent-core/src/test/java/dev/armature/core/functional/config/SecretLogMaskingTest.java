package dev.armature.core.functional.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import ch.qos.logback.classic.Level;
import dev.armature.api.AgentSystem;
import dev.armature.api.config.ConfigProperty;
import dev.armature.api.config.ConfigSchema;
import dev.armature.api.config.ConfigType;
import dev.armature.api.config.ConfigUpdate;
import dev.armature.api.config.Secret;
import dev.armature.core.logging.LogCapture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every line the SDK logs at any level while a configuration with secrets loads, reloads and fails
 * validation — message, key-value pairs, MDC and causes — is searched for the secrets' values.
 */
class SecretLogMaskingTest {
    @TempDir
    Path dir;

    private static ConfigSchema schema() {
        return ConfigSchema.builder("masking")
                .addPrefix("agent")
                .add(ConfigProperty.builder("agent.key", ConfigType.STRING)
                        .secret(true)
                        .pattern("sk-[a-z]+")
                        .reloadable(true)
                        .build())
                .add(ConfigProperty.builder("agent.pin", ConfigType.INT)
                        .secret(true)
                        .defaultValue("1234")
                        .reloadable(true)
                        .build())
                .build();
    }

    private Path write(String yaml) throws Exception {
        Path file = dir.resolve("agent.yaml");
        Path temp = dir.resolve("agent.yaml.tmp");
        Files.writeString(temp, yaml + "armature:\n  config:\n    poll-interval: 1h\n");
        Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return file;
    }

    private AgentSystem.Builder system(Path file) {
        return AgentSystem.builder()
                .name("masking")
                .addConfigFile(file)
                .addConfigSchema(schema())
                .environment(Map.of())
                .systemProperties(Map.of())
                .dataDirectory(dir.resolve("data"));
    }

    @Test
    void a_secret_that_fails_validation_at_load_is_in_no_log_line_nor_in_the_exception() throws Exception {
        Path file = write("agent:\n  key: key-secret-one\n  pin: pin-secret-two\n");
        Throwable failure;
        String logged;
        try (LogCapture logs = LogCapture.at(Level.TRACE)) {
            failure = catchThrowable(() -> system(file).build().close());
            logged = logs.everything();
        }

        assertThat(failure).as("the load failed on the secrets").isNotNull();
        assertThat(failure).hasMessageContaining("agent.key");
        assertThat(logged + failure).doesNotContain("key-secret-one", "pin-secret-two");
    }

    @Test
    void a_secret_that_fails_validation_on_reload_or_override_is_in_no_log_line() throws Exception {
        Path file = write("agent:\n  key: sk-good\n");
        String logged;
        String outcomes;
        try (LogCapture logs = LogCapture.at(Level.TRACE);
                AgentSystem system = system(file).build()) {
            system.start();
            assertThat(system.config().get("agent.key", Secret.class).reveal()).isEqualTo("sk-good");

            write("agent:\n  key: key-secret-three\n  pin: pin-secret-four\n");
            ConfigUpdate reload = system.config().reload();
            ConfigUpdate override =
                    system.config().override(Map.of("agent.key", "key-secret-five", "agent.pin", "pin-secret-six"));
            ConfigUpdate preview = system.config().preview(Map.of("agent.key", "key-secret-seven"));
            write("agent:\n  key: sk-applied\n");
            ConfigUpdate applied = system.config().reload();

            // The file's watcher may see a write before reload() does: either of them applies it.
            assertThat(reload.outcome()).isNotEqualTo(ConfigUpdate.Outcome.APPLIED);
            assertThat(override.outcome()).isEqualTo(ConfigUpdate.Outcome.REJECTED);
            assertThat(preview.violations()).isNotEmpty();
            assertThat(applied.outcome()).isIn(ConfigUpdate.Outcome.APPLIED, ConfigUpdate.Outcome.UNCHANGED);
            assertThat(system.config().get("agent.key", Secret.class).reveal()).isEqualTo("sk-applied");
            outcomes = reload + " " + override + " " + preview + " " + applied;
            logged = logs.everything();
        }

        assertThat(logged).as("the rejections were logged").contains("rejected");
        assertThat(logged + outcomes)
                .doesNotContain(
                        "sk-good",
                        "key-secret-three",
                        "pin-secret-four",
                        "key-secret-five",
                        "pin-secret-six",
                        "key-secret-seven",
                        "sk-applied");
    }
}

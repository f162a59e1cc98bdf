package dev.armature.core.docs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.armature.api.AgentSystem;
import dev.armature.api.config.Config;
import dev.armature.api.config.ConfigChange;
import dev.armature.api.config.ConfigProperty;
import dev.armature.api.config.ConfigSchema;
import dev.armature.api.config.ConfigType;
import dev.armature.api.config.ConfigUpdate;
import dev.armature.api.config.Keyring;
import dev.armature.api.config.Secret;
import dev.armature.core.config.ConfigEncryption;
import dev.armature.core.config.Keyrings;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The runnable example of docs/configuration.md; {@link #the_guide_shows_this_example_verbatim}
 * fails when the guide and this file drift apart.
 */
class ConfigurationGuideExampleTest {
    private static final Path GUIDE = Path.of("../docs/configuration.md");
    private static final Path SOURCE =
            Path.of("src/test/java/dev/armature/core/docs/ConfigurationGuideExampleTest.java");

    @TempDir
    @SuppressWarnings("NullAway.Init") // injected by JUnit before each test
    Path dir;

    // tag::example[]
    /** The host's settings for its model, bound from the keys under {@code agent.model}. */
    record ModelSettings(String name, Duration timeout, Secret apiKey, List<String> tools) {}

    static final ConfigSchema SCHEMA = ConfigSchema.builder("agent-host")
            .addPrefix("agent") // an undeclared key under agent.* is an error, with a suggestion
            .add(ConfigProperty.builder("agent.model.name", ConfigType.STRING)
                    .required(true)
                    .reloadable(true)
                    .build())
            .add(ConfigProperty.builder("agent.model.timeout", ConfigType.DURATION)
                    .defaultValue("30s")
                    .min("1s")
                    .reloadable(true)
                    .build())
            .add(ConfigProperty.builder("agent.model.api-key", ConfigType.STRING)
                    .secret(true)
                    .build())
            .add(ConfigProperty.builder("agent.model.tools", ConfigType.listOf(ConfigType.STRING))
                    .reloadable(true)
                    .build())
            .build();

    @Test
    void a_host_reads_binds_explains_reloads_and_rolls_back_its_configuration() throws IOException {
        Keyring keyring = Keyrings.generate("k1"); // in production: Keyrings.fromFile(path)
        Path file = dir.resolve("agent.yaml");
        Files.writeString(
                file,
                """
                agent:
                  model:
                    name: small
                    api-key: %s
                    tools: [read_file, run_tests]
                """
                        .formatted(ConfigEncryption.encrypt(keyring, "sk-live-123")));

        try (AgentSystem system = AgentSystem.builder()
                .addConfigSchema(SCHEMA)
                .addConfigFile(file)
                .environmentPrefix("AGENT_")
                .environment(Map.of("AGENT_MODEL_TIMEOUT", "45s")) // the process's by default
                .keyring(keyring)
                .build()) {
            Config config = system.config();

            // Typed reads, parsed once per version; a record for a whole prefix.
            assertThat(config.get("agent.model.timeout", Duration.class)).isEqualTo(Duration.ofSeconds(45));
            ModelSettings model = config.bind("agent.model", ModelSettings.class);
            assertThat(model.apiKey().reveal()).isEqualTo("sk-live-123");
            assertThat(model.apiKey()).hasToString("****");

            // Where a value came from, and what it shadows.
            assertThat(config.explain("agent.model.timeout"))
                    .extracting(c -> c.origin().source())
                    .containsExactly("environment", "defaults");

            // Listen to a prefix; change through the same validation as a file edit.
            List<ConfigChange> heard = new ArrayList<>();
            config.onChange("agent.model", heard::addAll);
            ConfigUpdate bad = config.override(Map.of("agent.model.timeout", "0s"));
            assertThat(bad.outcome()).isEqualTo(ConfigUpdate.Outcome.REJECTED); // below min: nothing applied
            ConfigUpdate good = config.override(Map.of("agent.model.name", "large"));
            assertThat(good.version()).isEqualTo(2);
            assertThat(heard).extracting(ConfigChange::key).containsExactly("agent.model.name");

            // Every applied version is kept; going back makes a new one.
            config.rollback(1);
            assertThat(config.get("agent.model.name", String.class)).isEqualTo("small");
            assertThat(config.history()).hasSize(3);
            assertThat(config.dump()).doesNotContain("sk-live-123");
        }
    }
    // end::example[]

    @Test
    void the_guide_shows_this_example_verbatim() throws IOException {
        String guide = Files.readString(GUIDE, StandardCharsets.UTF_8);
        assertThat(guide).as("%s must contain the example of %s", GUIDE, SOURCE).contains(DocSnippets.example(SOURCE));
    }
}

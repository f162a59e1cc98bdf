package dev.armature.core.functional.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.armature.api.AgentSystem;
import dev.armature.api.config.Config;
import dev.armature.api.config.ConfigProperty;
import dev.armature.api.config.ConfigSchema;
import dev.armature.api.config.ConfigType;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Golden files of what provenance looks like to a person: {@code dump()} and {@code explain()} over
 * a file, a second file, the environment and system properties. A change to the format shows here
 * as a diff of {@code src/test/resources/config-golden/*.txt}.
 */
class ProvenanceGoldenTest {
    @TempDir
    Path dir;

    @Test
    void dump_and_explain_match_their_golden_files() throws IOException {
        Path base = dir.resolve("base.yaml");
        Files.writeString(
                base,
                """
                agent:
                  model:
                    name: small
                    timeout: 20s
                  endpoint: https://${agent.host:models.local}/v1
                  tools: [read, edit]
                """);
        Path local = dir.resolve("local.properties");
        Files.writeString(local, "# a developer's overrides\nagent.model.name=medium\n");
        ConfigSchema schema = ConfigSchema.builder("golden")
                .add(ConfigProperty.builder("agent.model.name", ConfigType.STRING)
                        .build())
                .add(ConfigProperty.builder("agent.model.timeout", ConfigType.DURATION)
                        .defaultValue("30s")
                        .build())
                .add(ConfigProperty.builder("agent.model.api-key", ConfigType.STRING)
                        .secret(true)
                        .build())
                .build();
        try (AgentSystem system = AgentSystem.builder()
                .pluginDiscovery(false)
                .addConfigSchema(schema)
                .addConfigFile(base)
                .addConfigFile(local)
                .environmentPrefix("AGENT_")
                .environment(Map.of("AGENT_MODEL_NAME", "large", "AGENT_MODEL_API__KEY", "sk-never-shown"))
                .systemProperties(Map.of("agent.model.timeout", "45s"))
                .build()) {
            Config config = system.config();
            String explained = String.join(
                    "\n",
                    explain(config, "agent.model.name"),
                    explain(config, "agent.model.timeout"),
                    explain(config, "agent.model.api-key"));

            assertThat(normalise(config.dump())).isEqualTo(golden("dump.txt"));
            assertThat(normalise(explained)).isEqualTo(golden("explain.txt"));
        }
    }

    private static String explain(Config config, String key) {
        return key + ":\n"
                + config.explain(key).stream()
                        .map(c -> "  " + (c.effective() ? "* " : "  ") + c.displayValue() + "  <- " + c.origin()
                                + (c.key().equals(key) ? "" : "  as " + c.key()))
                        .collect(Collectors.joining("\n"));
    }

    private String normalise(String text) {
        return text.replace(dir.toString(), "$DIR").strip() + "\n";
    }

    private static String golden(String name) throws IOException {
        try (InputStream in = Objects.requireNonNull(
                ProvenanceGoldenTest.class.getResourceAsStream("/config-golden/" + name), name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}

package dev.armature.core.functional.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.armature.api.AgentSystem;
import dev.armature.api.config.Config;
import dev.armature.api.config.ConfigCandidate;
import dev.armature.api.config.ConfigEvent;
import dev.armature.api.config.ConfigException;
import dev.armature.api.config.ConfigProperty;
import dev.armature.api.config.ConfigSchema;
import dev.armature.api.config.ConfigType;
import dev.armature.api.config.ConfigValidationException;
import dev.armature.api.config.ConfigViolation;
import dev.armature.api.event.SubscribeOptions;
import dev.armature.spi.Plugin;
import dev.armature.spi.PluginContext;
import dev.armature.spi.config.ConfigSource;
import dev.armature.spi.config.SourceValue;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The configuration as a system builds it: every source in its place, the bootstrap order, reloads. */
class ConfigBootstrapTest {
    @TempDir
    Path dir;

    private Path write(String name, String content) throws Exception {
        Path file = dir.resolve(name);
        Path temp = dir.resolve(name + ".tmp");
        Files.writeString(temp, content);
        Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return file;
    }

    /** A class loader whose class path holds {@code dir/classpath} (for armature.yaml) before the test classes. */
    private ClassLoader classpath() throws Exception {
        Path root = Files.createDirectories(dir.resolve("classpath"));
        return new URLClassLoader(new URL[] {root.toUri().toURL()}, getClass().getClassLoader());
    }

    private AgentSystem.Builder builder() throws Exception {
        return AgentSystem.builder()
                .name("config-bootstrap")
                .classLoader(classpath())
                .pluginDiscovery(false)
                .environment(Map.of())
                .systemProperties(Map.of())
                .dataDirectory(dir.resolve("data"));
    }

    @Test
    void every_source_takes_its_documented_place() throws Exception {
        // key kN is set by every source up to ordinal rank N, so its value names the highest one
        Files.createDirectories(dir.resolve("classpath"));
        write(
                "classpath/armature.yaml",
                "k1: classpath\nk2: classpath\nk3: classpath\nk4: classpath\nk5: classpath\nk6: classpath\n");
        Path first = write("first.properties", "k2=first\nk3=first\nk4=first\nk5=first\nk6=first\n");
        Path second = write(
                "second.json", "{\"k3\": \"second\", \"k4\": \"second\", \"k5\": \"second\", \"k6\": \"second\"}");
        ConfigSchema schema = ConfigSchema.builder("test")
                .add(ConfigProperty.builder("k0", ConfigType.STRING)
                        .defaultValue("default")
                        .build())
                .build();
        try (AgentSystem system = builder()
                .addConfigSchema(schema)
                .addConfigFile(first)
                .addConfigFile(second)
                .environment(Map.of(
                        "ARMATURE_K4", "environment", "ARMATURE_K5", "environment", "ARMATURE_K6", "environment"))
                .systemProperties(Map.of("armature.k5", "system", "armature.k6", "system"))
                .build()) {
            Config config = system.config();
            var unused = config.override(Map.of("armature.k6", "override"));

            assertThat(config.get("k0", String.class)).isEqualTo("default");
            assertThat(config.get("k1", String.class)).isEqualTo("classpath");
            assertThat(config.get("k2", String.class)).isEqualTo("first");
            assertThat(config.get("k3", String.class)).isEqualTo("second");
            assertThat(config.get("armature.k4", String.class)).isEqualTo("environment");
            assertThat(config.get("armature.k5", String.class)).isEqualTo("system");
            assertThat(config.get("armature.k6", String.class)).isEqualTo("override");
            assertThat(config.explain("k3"))
                    .extracting(c -> c.origin().ordinal())
                    .containsExactly(201, 200, 100);
            assertThat(config.explain("k3").get(1).origin().location()).contains(first + ":2");
            assertThat(config.explain("armature.k6"))
                    .extracting(c -> c.origin().source())
                    .containsExactly("overrides", "system-properties", "environment");
        }
    }

    @Test
    void a_profile_activates_qualified_keys_and_overlay_files_and_the_last_listed_profile_wins() throws Exception {
        Files.createDirectories(dir.resolve("classpath"));
        write("classpath/armature.yaml", "a: base\nb: base\n");
        write("classpath/armature-prod.yaml", "a: prod-overlay\n");
        Path file = write("agent.yaml", "armature:\n  profile: prod,eu\nc: base\n\"%eu\":\n  d: eu-key\nd: base\n");
        write("agent-eu.yaml", "c: eu-overlay\n");
        write("agent-prod.yaml", "c: prod-overlay\n");
        try (AgentSystem system = builder().addConfigFile(file).build()) {
            Config config = system.config();
            assertThat(config.get("a", String.class)).isEqualTo("prod-overlay");
            assertThat(config.get("b", String.class)).isEqualTo("base");
            assertThat(config.get("c", String.class)).isEqualTo("eu-overlay");
            assertThat(config.get("d", String.class)).isEqualTo("eu-key");
        }
    }

    /** A plugin that declares a key, adds a source, and records that it was loaded. */
    private static Plugin plugin(String id, List<String> loaded, ConfigSchema schema, Map<String, String> values) {
        return new Plugin() {
            @Override
            public String id() {
                return id;
            }

            @Override
            public String supportedApiVersions() {
                return "[0.1,1.0)";
            }

            @Override
            public void contribute(PluginContext context) {
                loaded.add(id);
                context.addConfigSchema(schema);
                context.contribute(ConfigSource.class, new ConfigSource() {
                    @Override
                    public String name() {
                        return "plugin:" + id;
                    }

                    @Override
                    public Map<String, SourceValue> read() {
                        Map<String, SourceValue> out = new java.util.LinkedHashMap<>();
                        values.forEach((k, v) -> out.put(k, SourceValue.of(v)));
                        return out;
                    }
                });
            }
        };
    }

    @Test
    void plugins_are_switched_off_by_early_sources_and_add_sources_and_schemas_before_the_first_snapshot()
            throws Exception {
        Path file =
                write("agent.yaml", "armature:\n  plugins:\n    off:\n      enabled: false\nremote:\n  region: file\n");
        List<String> loaded = new ArrayList<>();
        ConfigSchema remoteSchema = ConfigSchema.builder("remote-plugin")
                .addPrefix("remote")
                .add(ConfigProperty.builder("remote.url", ConfigType.STRING)
                        .required(true)
                        .build())
                .add(ConfigProperty.builder("remote.region", ConfigType.STRING).build())
                .build();
        try (AgentSystem system = builder()
                .addConfigFile(file)
                .environment(Map.of("ARMATURE_PLUGINS_ENV__OFF_ENABLED", "false"))
                .plugin(plugin(
                        "remote",
                        loaded,
                        remoteSchema,
                        Map.of("remote.url", "https://config.example", "remote.region", "plugin")))
                .plugin(plugin("off", loaded, ConfigSchema.builder("off").build(), Map.of()))
                .plugin(plugin(
                        "env-off", loaded, ConfigSchema.builder("env-off").build(), Map.of()))
                .build()) {
            assertThat(loaded).containsExactly("remote");
            assertThat(system.config().get("remote.url", String.class)).isEqualTo("https://config.example");
            // the plugin's source sits at the remote ordinal, above files
            assertThat(system.config().get("remote.region", String.class)).isEqualTo("plugin");
            assertThat(system.config().schemas())
                    .extracting(ConfigSchema::owner)
                    .contains("agent-core", "remote-plugin");
        }

        // the plugin's schema applies from the first snapshot: its required key must be set
        List<String> again = new ArrayList<>();
        assertThatThrownBy(() -> builder()
                        .plugin(plugin("remote", again, remoteSchema, Map.of("remote.regoin", "x")))
                        .build())
                .isInstanceOfSatisfying(ConfigValidationException.class, e -> assertThat(e.violations())
                        .extracting(ConfigViolation::key)
                        .containsExactly("remote.regoin", "remote.url"))
                .hasMessageContaining("did you mean remote.region?");
    }

    @Test
    void a_bad_first_configuration_fails_the_build_with_every_violation_and_its_file_and_line() throws Exception {
        Path file = write(
                "agent.yaml",
                "armature:\n  config:\n    poll-interval: often\n    history:\n      size: 0\n    histroy: 3\n");
        assertThatThrownBy(() -> builder().addConfigFile(file).build())
                .isInstanceOfSatisfying(ConfigValidationException.class, e -> {
                    assertThat(e.violations())
                            .extracting(ConfigViolation::key)
                            .containsExactly(
                                    "armature.config.history.size",
                                    "armature.config.histroy",
                                    "armature.config.poll-interval");
                    assertThat(e.getMessage())
                            .contains(file + ":3")
                            .contains(file + ":5")
                            .contains(file + ":6");
                });
    }

    @Test
    void a_missing_file_or_a_broken_one_fails_the_build_naming_it() throws Exception {
        Path missing = dir.resolve("nope.yaml");
        assertThatThrownBy(() -> builder().addConfigFile(missing).build())
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(missing.toString());
        Path broken = write("broken.yaml", "a: [1, 2\nb: 3\n");
        assertThatThrownBy(() -> builder().addConfigFile(broken).build())
                .isInstanceOfSatisfying(
                        ConfigException.class, e -> assertThat(e.code()).isEqualTo("armature.config.parse"))
                .hasMessageContaining(broken.toString());
    }

    @Test
    void component_settings_come_from_configuration_with_the_code_as_default() throws Exception {
        Path file = write(
                "agent.yaml", "armature:\n  components:\n    db:\n      optional: true\n      start-timeout: 10x\n");
        assertThatThrownBy(() -> builder().addConfigFile(file).build())
                .isInstanceOfSatisfying(ConfigValidationException.class, e -> assertThat(e.violations())
                        .extracting(ConfigViolation::key)
                        .containsExactly("armature.components.db.start-timeout"));
    }

    @Test
    void editing_the_file_while_running_reloads_it_and_breaking_it_keeps_the_last_good_config() throws Exception {
        ConfigSchema schema = ConfigSchema.builder("host")
                .add(ConfigProperty.builder("agent.greeting", ConfigType.STRING)
                        .reloadable(true)
                        .build())
                .build();
        Path file = write("agent.yaml", "agent:\n  greeting: hello\narmature:\n  config:\n    poll-interval: 1h\n");
        LinkedBlockingQueue<ConfigEvent> events = new LinkedBlockingQueue<>();
        try (AgentSystem system =
                builder().addConfigSchema(schema).addConfigFile(file).build()) {
            var unused = system.events()
                    .subscribe(ConfigEvent.class, SubscribeOptions.defaults(), e -> events.add(e.payload()));
            system.start();

            write("agent.yaml", "agent:\n  greeting: bonjour\narmature:\n  config:\n    poll-interval: 1h\n");
            assertThat(next(events)).isInstanceOf(ConfigEvent.Applied.class);
            assertThat(system.config().get("agent.greeting", String.class)).isEqualTo("bonjour");

            write("agent.yaml", "agent:\n  greeting: [unclosed\n");
            ConfigEvent rejected = next(events);
            assertThat(rejected).isInstanceOf(ConfigEvent.Rejected.class);
            assertThat(system.config().get("agent.greeting", String.class)).isEqualTo("bonjour");
            assertThat(((ConfigEvent.Rejected) rejected).violations().get(0).message())
                    .contains(file.toString());
        }
    }

    private static ConfigEvent next(LinkedBlockingQueue<ConfigEvent> events) throws InterruptedException {
        ConfigEvent e = events.poll(60, TimeUnit.SECONDS);
        assertThat(e).as("a configuration event within a minute").isNotNull();
        return e;
    }

    @Test
    void a_rollback_survives_a_restart_of_the_system() throws Exception {
        Path file = write("agent.yaml", "agent:\n  mode: one\n");
        try (AgentSystem first = builder().addConfigFile(file).build()) {
            first.start();
            var unused = first.config().override(Map.of("agent.mode", "two"));
            var unused2 = first.config().rollback(1);
            assertThat(first.config().get("agent.mode", String.class)).isEqualTo("one");
        }
        write("agent.yaml", "agent:\n  mode: three\n");
        try (AgentSystem second = builder().addConfigFile(file).build()) {
            second.start();
            assertThat(second.config().get("agent.mode", String.class)).isEqualTo("one");
            assertThat(second.config().explain("agent.mode"))
                    .filteredOn(ConfigCandidate::effective)
                    .singleElement()
                    .satisfies(c -> assertThat(c.origin().source()).isEqualTo("rollback to 1"));
            var unused = second.config().clearRollback();
            assertThat(second.config().get("agent.mode", String.class)).isEqualTo("three");
        }
    }
}

package dev.armature.cli;

import static dev.armature.cli.ArmatureCliTest.run;
import static org.assertj.core.api.Assertions.assertThat;

import dev.armature.cli.ArmatureCliTest.Run;
import dev.armature.core.config.ConfigEncryption;
import dev.armature.core.config.Keyrings;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs {@code armature config show|validate|schema} in-process on files written by each test. */
class ConfigCommandsTest {
    private static final String TOKEN = "tok-plain-4711";
    private static final String PASSWORD = "pw-plain-0815";

    @TempDir
    @SuppressWarnings("NullAway.Init") // injected by JUnit before each test
    Path dir;

    private Path file(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content);
    }

    /** A directory holding only a services file that names {@link CliTestPlugin}. */
    private Path pluginDir() throws IOException {
        Path plugins = dir.resolve("plugins");
        Path services = plugins.resolve("META-INF/services/dev.armature.spi.Plugin");
        Files.createDirectories(services.getParent());
        Files.writeString(services, CliTestPlugin.class.getName() + "\n");
        return plugins;
    }

    /** Three errors on known lines: a type error (4), a value above its maximum (6), a misspelt key (7). */
    private Path invalidYaml() throws IOException {
        return file(
                "bad.yaml",
                """
                armature:
                  config:
                    history:
                      size: many
                acme:
                  timeout: 5m
                  retrys: 2
                """);
    }

    @Test
    void validate_accepts_a_valid_file_with_exit_code_0() throws Exception {
        Path good = file("good.yaml", "acme:\n  timeout: 45s\n  retries: 5\n");

        Run run = run("config", "validate", "--plugin-path", pluginDir().toString(), good.toString());

        assertThat(run.exit()).isZero();
        assertThat(run.out()).matches("valid: \\d+ keys from " + Pattern.quote(good.toString()) + "\\R");
        assertThat(run.err()).isEmpty();
    }

    @Test
    void validate_lists_every_violation_with_its_file_and_line_and_exits_1() throws Exception {
        Path bad = invalidYaml();

        Run run = run("config", "validate", "--plugin-path", pluginDir().toString(), bad.toString());

        assertThat(run.exit()).isEqualTo(ArmatureCli.EXIT_INVALID_INPUT);
        assertThat(run.out())
                .startsWith("invalid: 3 violations in " + bad)
                .contains("armature.config.history.size: ", bad + ":4")
                .contains("acme.timeout: ", bad + ":6")
                .contains("acme.retrys: ", "did you mean acme.retries?", bad + ":7");
        assertThat(run.out().lines().filter(l -> l.startsWith("  - "))).hasSize(3);
    }

    @Test
    void a_plugin_is_found_only_on_the_plugin_path() throws Exception {
        Path misspelt = file("misspelt.yaml", "acme:\n  retrys: 2\n");

        Run without = run("config", "validate", misspelt.toString());
        Run with = run("config", "validate", "--plugin-path", pluginDir().toString(), misspelt.toString());

        // Without the plugin nobody claims acme, so the key is merely unused.
        assertThat(without.exit()).isZero();
        assertThat(with.exit()).isEqualTo(ArmatureCli.EXIT_INVALID_INPUT);
        assertThat(with.out()).contains("did you mean acme.retries?");
    }

    @Test
    void the_plugin_path_may_be_a_list_separated_by_the_path_separator() throws Exception {
        Path misspelt = file("misspelt.yaml", "acme:\n  retrys: 2\n");
        String path = dir.resolve("empty") + File.pathSeparator + pluginDir();
        Files.createDirectories(dir.resolve("empty"));

        Run run = run("config", "validate", "--plugin-path", path, misspelt.toString());

        assertThat(run.exit()).isEqualTo(ArmatureCli.EXIT_INVALID_INPUT);
        assertThat(run.out()).contains("did you mean acme.retries?");
    }

    @Test
    void a_missing_plugin_path_entry_is_invalid_input() throws Exception {
        Path good = file("good.yaml", "acme:\n  retries: 5\n");

        Run run = run(
                "config", "validate", "--plugin-path", dir.resolve("nowhere").toString(), good.toString());

        assertThat(run.exit()).isEqualTo(ArmatureCli.EXIT_INVALID_INPUT);
        assertThat(run.err()).startsWith("armature: ").contains("nowhere", "does not exist");
    }

    @Test
    void validate_refuses_a_missing_file_with_exit_code_1() {
        Run run = run("config", "validate", dir.resolve("absent.yaml").toString());

        assertThat(run.exit()).isEqualTo(ArmatureCli.EXIT_INVALID_INPUT);
        assertThat(run.err()).startsWith("armature: ").contains("absent.yaml", "does not exist");
    }

    @Test
    void validate_refuses_a_file_that_does_not_parse_with_exit_code_1() throws Exception {
        Path broken = file("broken.yaml", "acme:\n  timeout: [1s\n");

        Run run = run("config", "validate", broken.toString());

        assertThat(run.exit()).isEqualTo(ArmatureCli.EXIT_INVALID_INPUT);
        assertThat(run.err()).startsWith("armature: ").contains("broken.yaml");
    }

    @Test
    void validate_without_a_file_is_a_usage_error() {
        Run run = run("config", "validate");

        assertThat(run.exit()).isEqualTo(ArmatureCli.EXIT_USAGE);
        assertThat(run.err()).contains("FILE", "Usage: armature config validate");
    }

    @Test
    void the_environment_takes_part_in_validation() throws Exception {
        Path good = file("good.yaml", "acme:\n  retries: 5\n");

        Run run = run("", Map.of("ARMATURE_CONFIG_HISTORY_SIZE", "lots"), "config", "validate", good.toString());

        assertThat(run.exit()).isEqualTo(ArmatureCli.EXIT_INVALID_INPUT);
        assertThat(run.out()).contains("armature.config.history.size", "ARMATURE_CONFIG_HISTORY_SIZE");
    }

    @Test
    void show_prints_the_effective_configuration_with_origins_and_secrets_masked() throws Exception {
        Path keyring = dir.resolve("keyring.json");
        Keyrings.write(Keyrings.generate("k1"), keyring);
        String sealed = ConfigEncryption.encrypt(Keyrings.fromFile(keyring), PASSWORD);
        Path config = file("app.yaml", "acme:\n  endpoint: " + sealed + "\n  token: " + TOKEN + "\n  timeout: 45s\n");
        String plugins = pluginDir().toString();

        Run show = run("config", "show", "--keyring", keyring.toString(), "--plugin-path", plugins, config.toString());
        Run token = run(
                "config",
                "show",
                "--keyring",
                keyring.toString(),
                "--plugin-path",
                plugins,
                "--explain",
                "acme.token",
                config.toString());
        Run endpoint = run(
                "config",
                "show",
                "--keyring",
                keyring.toString(),
                "--plugin-path",
                plugins,
                "--explain",
                "acme.endpoint",
                config.toString());
        Run validate =
                run("config", "validate", "--keyring", keyring.toString(), "--plugin-path", plugins, config.toString());

        assertThat(show.exit()).isZero();
        assertThat(show.out())
                .startsWith("# configuration version 1")
                .contains("acme.timeout = 45s    # " + config + ":4")
                .contains("acme.token = ****    # " + config + ":3")
                .contains("acme.endpoint = ****    # " + config + ":2")
                .contains("acme.retries = 3");
        assertThat(token.out())
                .isEqualTo("acme.token = ****    # effective: " + config + ":3 [file:" + config + ", ordinal 200]"
                        + System.lineSeparator());
        assertThat(endpoint.exit()).isZero();
        assertThat(endpoint.out()).contains("acme.endpoint = ****    # effective: ");
        assertThat(validate.exit()).isZero();
        for (Run run : new Run[] {show, token, endpoint, validate}) {
            assertThat(run.out() + run.err()).doesNotContain(TOKEN, PASSWORD);
        }
    }

    @Test
    void no_secret_appears_when_the_configuration_is_invalid() throws Exception {
        Path keyring = dir.resolve("keyring.json");
        Keyrings.write(Keyrings.generate("k1"), keyring);
        String sealed = ConfigEncryption.encrypt(Keyrings.fromFile(keyring), PASSWORD);
        Path config = file("app.yaml", "acme:\n  endpoint: " + sealed + "\n  token: " + TOKEN + "\n  timeout: 5m\n");
        String plugins = pluginDir().toString();

        Run show = run("config", "show", "--keyring", keyring.toString(), "--plugin-path", plugins, config.toString());
        Run validate =
                run("config", "validate", "--keyring", keyring.toString(), "--plugin-path", plugins, config.toString());
        Run noKeyring = run("config", "validate", "--plugin-path", plugins, config.toString());

        assertThat(show.exit()).isEqualTo(ArmatureCli.EXIT_INVALID_INPUT);
        assertThat(show.out()).isEmpty();
        assertThat(show.err()).contains("acme.timeout", config + ":4");
        assertThat(validate.exit()).isEqualTo(ArmatureCli.EXIT_INVALID_INPUT);
        assertThat(noKeyring.exit()).isEqualTo(ArmatureCli.EXIT_INVALID_INPUT);
        assertThat(noKeyring.out() + noKeyring.err()).contains("acme.endpoint");
        for (Run run : new Run[] {show, validate, noKeyring}) {
            assertThat(run.out() + run.err()).doesNotContain(TOKEN, PASSWORD);
        }
    }

    @Test
    void the_keyring_for_show_may_come_from_the_environment() throws Exception {
        byte[] key = new byte[32];
        key[0] = 7;
        Map<String, String> environment =
                Map.of("ARMATURE_KEYRING", "env1:" + Base64.getEncoder().encodeToString(key));
        String sealed =
                ConfigEncryption.encrypt(Keyrings.fromEnvironment(environment).orElseThrow(), PASSWORD);
        Path config = file("app.yaml", "acme:\n  endpoint: " + sealed + "\n");

        Run with = run("", environment, "config", "show", config.toString());
        Run without = run("config", "show", config.toString());

        assertThat(with.exit()).isZero();
        assertThat(with.out()).contains("acme.endpoint = ****    # " + config + ":2");
        assertThat(without.exit()).isEqualTo(ArmatureCli.EXIT_INVALID_INPUT);
        assertThat(without.err()).contains("acme.endpoint", "no keyring");
        for (Run run : new Run[] {with, without}) {
            assertThat(run.out() + run.err()).doesNotContain(PASSWORD);
        }
    }

    @Test
    void explain_lists_every_source_highest_first_and_marks_the_effective_one() throws Exception {
        Path base = file("base.yaml", "armature:\n  config:\n    history:\n      size: 10\n");
        Path local = file("local.properties", "armature.config.history.size=20\n");

        Run run = run(
                "",
                Map.of("ARMATURE_CONFIG_HISTORY_SIZE", "30"),
                "config",
                "show",
                "--explain",
                "armature.config.history.size",
                base.toString(),
                local.toString());

        assertThat(run.exit()).isZero();
        assertThat(run.out().lines())
                .hasSizeGreaterThanOrEqualTo(3)
                .first()
                .asString()
                .startsWith("armature.config.history.size = 30    # effective: ARMATURE_CONFIG_HISTORY_SIZE");
        assertThat(run.out())
                .contains("armature.config.history.size = 20    # shadowed: " + local + ":1")
                .contains("armature.config.history.size = 10    # shadowed: " + base + ":4");
    }

    @Test
    void explain_of_a_key_no_source_sets_exits_1_and_says_so() throws Exception {
        Path config = file("app.yaml", "acme:\n  retries: 5\n");

        Run run = run("config", "show", "--explain", "acme.retires", config.toString());

        assertThat(run.exit()).isEqualTo(ArmatureCli.EXIT_INVALID_INPUT);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).startsWith("armature: no source sets acme.retires");
    }

    @Test
    void show_without_a_file_is_a_usage_error() {
        Run run = run("config", "show", "--explain", "acme.retries");

        assertThat(run.exit()).isEqualTo(ArmatureCli.EXIT_USAGE);
        assertThat(run.err()).contains("Usage: armature config show");
    }

    @Test
    void schema_includes_the_keys_of_plugins_on_the_plugin_path() throws Exception {
        Run without = run("config", "schema");
        Run with = run("config", "schema", "--plugin-path", pluginDir().toString());

        assertThat(without.exit()).isZero();
        assertThat(without.out())
                .startsWith("{")
                .contains("\"$schema\" : \"https://json-schema.org/draft/2020-12/schema\"", "\"history\"")
                .doesNotContain("\"acme\"");
        assertThat(with.exit()).isZero();
        assertThat(with.out()).contains("\"acme\"", "\"retries\"", "\"token\"", "writeOnly", "The ACME API token.");
    }

    @Test
    void schema_writes_to_a_file_with_out() throws Exception {
        Path target = dir.resolve("schema.json");

        Run run = run("config", "schema", "--plugin-path", pluginDir().toString(), "--out", target.toString());

        assertThat(run.exit()).isZero();
        assertThat(run.out()).startsWith("Wrote the JSON Schema of ").contains(target.toString());
        assertThat(Files.readString(target)).startsWith("{").contains("\"acme\"");
    }

    @Test
    void schema_honours_files_that_switch_a_plugin_off() throws Exception {
        Path off = file("off.yaml", "armature:\n  plugins:\n    " + CliTestPlugin.ID + ":\n      enabled: false\n");

        Run run = run("config", "schema", "--plugin-path", pluginDir().toString(), off.toString());

        assertThat(run.exit()).isZero();
        assertThat(run.out()).doesNotContain("\"acme\"");
    }
}

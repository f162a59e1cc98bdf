package dev.armature.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.armature.api.ArmatureVersion;
import dev.armature.api.config.Keyring;
import dev.armature.core.config.ConfigEncryption;
import dev.armature.core.config.Keyrings;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Runs {@code armature} in-process and checks its exit codes and output. */
class ArmatureCliTest {
    private static final String SECRET = "correct horse battery staple";

    @TempDir
    @SuppressWarnings("NullAway.Init") // injected by JUnit before each test
    Path dir;

    /** What one run of the command gave. */
    record Run(int exit, String out, String err) {}

    static Run run(String standardInput, Map<String, String> environment, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = ArmatureCli.commandLine(
                        new ByteArrayInputStream(standardInput.getBytes(StandardCharsets.UTF_8)), environment)
                .setOut(new PrintWriter(out, true))
                .setErr(new PrintWriter(err, true))
                .execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    static Run run(String... args) {
        return run("", Map.of(), args);
    }

    private Path keyring() {
        Path file = dir.resolve("keyring.json");
        assertThat(run("keygen", "--out", file.toString()).exit()).isZero();
        return file;
    }

    @Test
    void keygen_writes_an_owner_only_keyring_file() throws Exception {
        Path file = dir.resolve("keyring.json");

        Run run = run("keygen", "--out", file.toString(), "--key-id", "prod-1");

        assertThat(run.exit()).isZero();
        assertThat(run.out()).contains(file.toString(), "'prod-1'");
        assertThat(Keyrings.fromFile(file).primaryKeyId()).isEqualTo("prod-1");
        if (dir.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                    .isEqualTo("rw-------");
        }
    }

    @Test
    void keygen_refuses_to_overwrite_a_file_with_exit_code_1() throws Exception {
        Path file = keyring();
        String before = Files.readString(file);

        Run run = run("keygen", "--out", file.toString());

        assertThat(run.exit()).isEqualTo(ArmatureCli.EXIT_INVALID_INPUT);
        assertThat(run.err()).startsWith("armature: ").contains(file.toString(), "exists already");
        assertThat(Files.readString(file)).isEqualTo(before);
    }

    @Test
    void keygen_refuses_a_key_id_that_cannot_be_written_in_a_value_as_a_usage_error() {
        Run run = run("keygen", "--out", dir.resolve("k.json").toString(), "--key-id", "a:b");

        assertThat(run.exit()).isEqualTo(ArmatureCli.EXIT_USAGE);
        assertThat(run.err()).contains("--key-id");
        assertThat(dir.resolve("k.json")).doesNotExist();
    }

    @Test
    void a_value_round_trips_through_encrypt_and_decrypt() {
        Path file = keyring();

        Run encrypted = run("config", "encrypt", "--keyring", file.toString(), SECRET);
        String sealed = encrypted.out().strip();
        Run decrypted = run("config", "decrypt", "--keyring", file.toString(), sealed);

        assertThat(encrypted.exit()).isZero();
        assertThat(sealed).matches("ENC\\(k1:[A-Za-z0-9_-]+\\)");
        assertThat(decrypted.exit()).isZero();
        assertThat(decrypted.out()).isEqualTo(SECRET + System.lineSeparator());
        assertThat(decrypted.err()).isEmpty();
    }

    @Test
    void a_dash_reads_the_value_from_standard_input_without_its_trailing_newline() {
        Path file = keyring();
        Keyring keyring = Keyrings.fromFile(file);

        Run one = run(SECRET + "\n", Map.of(), "config", "encrypt", "--keyring", file.toString(), "-");
        Run crlf = run(SECRET + "\r\n", Map.of(), "config", "encrypt", "--keyring", file.toString(), "-");
        Run two = run("two\n\n", Map.of(), "config", "encrypt", "--keyring", file.toString(), "-");

        assertThat(one.exit()).isZero();
        assertThat(ConfigEncryption.decrypt(keyring, one.out(), "x").reveal()).isEqualTo(SECRET);
        assertThat(ConfigEncryption.decrypt(keyring, crlf.out(), "x").reveal()).isEqualTo(SECRET);
        assertThat(ConfigEncryption.decrypt(keyring, two.out(), "x").reveal()).isEqualTo("two\n");
    }

    @Test
    void a_value_that_starts_with_a_dash_follows_a_double_dash() {
        Path file = keyring();

        Run encrypted = run("config", "encrypt", "--keyring", file.toString(), "--", "-dashing");
        Run decrypted = run(
                "config",
                "decrypt",
                "--keyring",
                file.toString(),
                encrypted.out().strip());

        assertThat(encrypted.exit()).isZero();
        assertThat(decrypted.out().strip()).isEqualTo("-dashing");
    }

    @Test
    void the_keyring_may_come_from_the_environment() {
        byte[] key = new byte[32];
        key[0] = 7;
        Map<String, String> environment =
                Map.of("ARMATURE_KEYRING", "env1:" + Base64.getEncoder().encodeToString(key));

        Run encrypted = run("", environment, "config", "encrypt", SECRET);
        Run decrypted =
                run("", environment, "config", "decrypt", encrypted.out().strip());

        assertThat(encrypted.out()).startsWith("ENC(env1:");
        assertThat(decrypted.out().strip()).isEqualTo(SECRET);
    }

    @Test
    void without_any_keyring_the_command_is_a_usage_error() {
        Run run = run("config", "encrypt", SECRET);

        assertThat(run.exit()).isEqualTo(ArmatureCli.EXIT_USAGE);
        assertThat(run.err()).contains("--keyring FILE", "ARMATURE_KEYRING").doesNotContain(SECRET);
    }

    @Test
    void a_tampered_value_is_refused_with_exit_code_1_and_no_secret() {
        Path file = keyring();
        String sealed = run("config", "encrypt", "--keyring", file.toString(), SECRET)
                .out()
                .strip();
        int at = sealed.length() - 5;
        String tampered = sealed.substring(0, at) + (sealed.charAt(at) == 'A' ? 'B' : 'A') + sealed.substring(at + 1);

        Run run = run("config", "decrypt", "--keyring", file.toString(), tampered);

        assertThat(run.exit()).isEqualTo(ArmatureCli.EXIT_INVALID_INPUT);
        assertThat(run.out()).isEmpty();
        assertThat(run.err())
                .contains("'k1'", "authentication failed")
                .doesNotContain(SECRET, tampered.substring(7, tampered.length() - 1))
                .doesNotContain("\tat "); // no stack trace
    }

    @Test
    void a_value_sealed_with_another_keyring_is_refused_with_exit_code_1() {
        Path mine = keyring();
        Path theirs = dir.resolve("theirs.json");
        run("keygen", "--out", theirs.toString(), "--key-id", "k9");
        String sealed = run("config", "encrypt", "--keyring", theirs.toString(), SECRET)
                .out()
                .strip();

        Run run = run("config", "decrypt", "--keyring", mine.toString(), sealed);

        assertThat(run.exit()).isEqualTo(ArmatureCli.EXIT_INVALID_INPUT);
        assertThat(run.err()).contains("'k9'", "holds no key of that id");
    }

    @ParameterizedTest
    @ValueSource(strings = {"ENC()", "ENC(k1)", "ENC(k1:***)", "not-encrypted"})
    void a_malformed_value_is_refused_with_exit_code_1(String value) {
        Run run = run("config", "decrypt", "--keyring", keyring().toString(), value);

        assertThat(run.exit()).isEqualTo(ArmatureCli.EXIT_INVALID_INPUT);
        assertThat(run.err()).startsWith("armature: cannot decrypt");
    }

    @Test
    void a_bad_keyring_file_is_refused_with_exit_code_1_naming_it() throws Exception {
        Path file = dir.resolve("bad.json");
        Files.writeString(file, "{\"format\":\"armature-keyring/v1\",\"primary\":\"k1\",\"keys\":{\"k1\":\"AAAA\"}}");

        Run run = run("config", "encrypt", "--keyring", file.toString(), SECRET);

        assertThat(run.exit()).isEqualTo(ArmatureCli.EXIT_INVALID_INPUT);
        assertThat(run.err()).contains(file.toString(), "3 bytes").doesNotContain(SECRET);
    }

    @Test
    void a_missing_keyring_file_is_refused_with_exit_code_1() {
        Run run = run("config", "decrypt", "--keyring", dir.resolve("nope.json").toString(), "ENC(k1:AAAA)");

        assertThat(run.exit()).isEqualTo(ArmatureCli.EXIT_INVALID_INPUT);
        assertThat(run.err()).contains("nope.json", "does not exist");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "frobnicate",
                "--frobnicate",
                "config",
                "config frobnicate",
                "config encrypt",
                "config encrypt --keyring",
                "config encrypt a b",
                "config show",
                "config validate",
                "config validate --plugin-path",
                "config schema --out",
                "keygen",
                "keygen --out"
            })
    void usage_errors_exit_with_code_2(String line) {
        Run run = run(line.isEmpty() ? new String[0] : line.split(" "));

        assertThat(run.exit()).isEqualTo(ArmatureCli.EXIT_USAGE);
        // picocli prints a suggestion ("Did you mean: config validate?") instead of the usage when it has one.
        assertThat(run.err()).containsAnyOf("Usage: armature", "Did you mean: ");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "keygen",
                "config",
                "config encrypt",
                "config decrypt",
                "config show",
                "config validate",
                "config schema"
            })
    void every_command_has_help(String command) {
        String[] args = (command + " --help").strip().split(" ");

        Run run = run(args);

        assertThat(run.exit()).isZero();
        assertThat(run.out()).startsWith(("Usage: armature " + command).strip()).contains("--help", "--version");
    }

    @Test
    void the_help_command_shows_a_subcommands_help() {
        Run run = run("help", "keygen");

        assertThat(run.exit()).isZero();
        assertThat(run.out()).startsWith("Usage: armature keygen").contains("--out", "--key-id");
    }

    @Test
    void the_root_help_lists_the_commands_and_exit_codes() {
        String help = run("--help").out();

        assertThat(help).contains("keygen", "config", "Exit codes:", "usage error");
        assertThat(run("config", "--help").out()).contains("show", "validate", "schema", "encrypt", "decrypt");
    }

    @Test
    void version_names_the_build_and_the_api() {
        Run run = run("--version");

        assertThat(run.exit()).isZero();
        assertThat(run.out()).startsWith("armature ").contains("(API " + ArmatureVersion.API + ")");
        assertThat(run.out()).doesNotContain("${").doesNotContain("unknown");
        assertThat(run("config", "encrypt", "--version").out()).isEqualTo(run.out());
    }
}

package dev.armature.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.armature.api.config.ConfigException;
import dev.armature.api.config.Keyring;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import javax.crypto.SecretKey;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class KeyringsTest {
    /** Key material that the tests below put in bad files: it must never show up in a message. */
    private static final String KEY = base64(32);

    private static final String KEY2 = base64(32);

    @TempDir
    @SuppressWarnings("NullAway.Init") // injected by JUnit before each test
    Path dir;

    @Test
    void a_generated_keyring_round_trips_through_a_file() {
        Keyring generated = Keyrings.generate("k1");
        Path file = dir.resolve("keyring.json");
        String sealed = ConfigEncryption.encrypt(generated, "s3cret");

        Keyrings.write(generated, file);
        Keyring read = Keyrings.fromFile(file);

        assertThat(read.primaryKeyId()).isEqualTo("k1");
        assertThat(read.key("k1").map(SecretKey::getEncoded))
                .hasValueSatisfying(k -> assertThat(k).hasSize(32).isEqualTo(encoded(generated, "k1")));
        assertThat(ConfigEncryption.decrypt(read, sealed, "x").reveal()).isEqualTo("s3cret");
    }

    @Test
    void the_file_is_json_in_the_documented_format() throws Exception {
        Path file = dir.resolve("keyring.json");
        Keyrings.write(Keyrings.generate("main"), file);

        String text = Files.readString(file);

        assertThat(text)
                .contains("\"format\" : \"armature-keyring/v1\"", "\"primary\" : \"main\"", "\"keys\"")
                .matches("(?s).*\"main\" : \"[A-Za-z0-9+/]{43}=\".*");
    }

    @Test
    void a_written_file_is_readable_by_its_owner_only() throws Exception {
        assumeThat(dir.getFileSystem().supportedFileAttributeViews()).contains("posix");
        Path file = dir.resolve("keyring.json");

        Keyrings.write(Keyrings.generate("k1"), file);

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                .isEqualTo("rw-------");
    }

    @Test
    void writing_refuses_to_overwrite_an_existing_file() throws Exception {
        Path file = dir.resolve("keyring.json");
        Files.writeString(file, "precious");

        assertThatThrownBy(() -> Keyrings.write(Keyrings.generate("k1"), file))
                .isInstanceOfSatisfying(
                        ConfigException.class, e -> assertThat(e.code()).isEqualTo(Keyrings.ERROR_CODE))
                .hasMessageContaining(file.toString())
                .hasMessageContaining("exists already");
        assertThat(Files.readString(file)).isEqualTo("precious");
    }

    @Test
    void replacing_overwrites_and_keeps_the_file_owner_only() throws Exception {
        Path file = dir.resolve("keyring.json");
        Keyrings.write(Keyrings.generate("k1"), file);
        Keyring next = Keyrings.generate("k2");

        Keyrings.replace(next, file);

        assertThat(Keyrings.fromFile(file).primaryKeyId()).isEqualTo("k2");
        assertThat(Keyrings.fromFile(file).key("k1")).isEmpty();
        if (dir.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                    .isEqualTo("rw-------");
        }
        try (var files = Files.list(dir)) {
            assertThat(files).containsExactly(file); // no temporary file left behind
        }
    }

    @Test
    void a_file_with_several_keys_opens_values_of_each() throws Exception {
        Path file = dir.resolve("keyring.json");
        writeOwnerOnly(file, json("k2", "\"k2\":\"" + KEY + "\",\"k1\":\"" + KEY2 + "\""));

        Keyring keyring = Keyrings.fromFile(file);

        assertThat(keyring.primaryKeyId()).isEqualTo("k2");
        assertThat(keyring.key("k1")).isPresent();
        assertThat(keyring.key("k2")).isPresent();
        assertThat(keyring.key("k3")).isEmpty();
        assertThat(keyring.toString()).contains("k1", "k2").doesNotContain(KEY, KEY2);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "not json " + "@KEY@",
                "[\"@KEY@\"]",
                "{\"format\":\"armature-keyring/v1\",\"primary\":\"k1\",\"keys\":{\"k1\":\"@KEY@\"",
                "{\"primary\":\"k1\",\"keys\":{\"k1\":\"@KEY@\"}}",
                "{\"format\":\"armature-keyring/v9\",\"primary\":\"k1\",\"keys\":{\"k1\":\"@KEY@\"}}",
                "{\"format\":\"armature-keyring/v1\",\"keys\":{\"k1\":\"@KEY@\"}}",
                "{\"format\":\"armature-keyring/v1\",\"primary\":\"k9\",\"keys\":{\"k1\":\"@KEY@\"}}",
                "{\"format\":\"armature-keyring/v1\",\"primary\":\"k1\",\"keys\":{}}",
                "{\"format\":\"armature-keyring/v1\",\"primary\":\"k1\",\"keys\":{\"k1\":\"@SHORT@\"}}",
                "{\"format\":\"armature-keyring/v1\",\"primary\":\"k1\",\"keys\":{\"k1\":\"@KEY@!\"}}",
                "{\"format\":\"armature-keyring/v1\",\"primary\":\"k1\",\"keys\":{\"k1\":7}}",
                "{\"format\":\"armature-keyring/v1\",\"primary\":\"k 1\",\"keys\":{\"k 1\":\"@KEY@\"}}",
                "{\"format\":\"armature-keyring/v1\",\"primary\":\"k1\",\"keys\":{\"k1\":\"@KEY@\"},\"extra\":1}",
                "{\"format\":\"armature-keyring/v1\",\"primary\":\"k1\",\"keys\":{\"k1\":\"@KEY@\",\"k1\":\"@KEY@\"}}",
                ""
            })
    void a_bad_file_is_refused_naming_the_file_and_never_the_key(String template) throws Exception {
        Path file = dir.resolve("bad.json");
        String shortKey = base64(16);
        writeOwnerOnly(file, template.replace("@KEY@", KEY).replace("@SHORT@", shortKey));

        assertRefused(() -> Keyrings.fromFile(file), file.toString(), shortKey);
    }

    @Test
    void a_short_key_is_refused_with_its_length() throws Exception {
        Path file = dir.resolve("short.json");
        writeOwnerOnly(file, json("k1", "\"k1\":\"" + base64(16) + "\""));

        assertThatThrownBy(() -> Keyrings.fromFile(file)).hasMessageContaining("'k1' of 16 bytes");
    }

    @Test
    void a_missing_file_is_refused_naming_it() {
        Path file = dir.resolve("absent.json");

        assertRefused(() -> Keyrings.fromFile(file), file.toString(), "n/a");
        assertThatThrownBy(() -> Keyrings.fromFile(file)).hasMessageContaining("does not exist");
    }

    @Test
    void an_unset_or_blank_variable_means_no_keyring() {
        assertThat(Keyrings.fromEnvironment(Map.of())).isEmpty();
        assertThat(Keyrings.fromEnvironment(Map.of("ARMATURE_KEYRING", "  "))).isEmpty();
    }

    @Test
    void the_variable_may_hold_the_json_form() {
        Optional<Keyring> keyring =
                Keyrings.fromEnvironment(Map.of("ARMATURE_KEYRING", json("k1", "\"k1\":\"" + KEY + "\"")));

        assertThat(keyring).hasValueSatisfying(k -> assertThat(k.primaryKeyId()).isEqualTo("k1"));
    }

    @Test
    void the_variable_may_hold_the_compact_form_whose_first_key_is_primary() {
        Keyring keyring = Keyrings.fromEnvironment(Map.of("ARMATURE_KEYRING", " k2:" + KEY + " , k1:" + KEY2 + "\n"))
                .orElseThrow();

        assertThat(keyring.primaryKeyId()).isEqualTo("k2");
        assertThat(keyring.key("k2").map(SecretKey::getEncoded))
                .hasValue(Base64.getDecoder().decode(KEY));
        assertThat(keyring.key("k1").map(SecretKey::getEncoded))
                .hasValue(Base64.getDecoder().decode(KEY2));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "@KEY@",
                "k1:",
                ":@KEY@",
                "k1:@SHORT@",
                "k1:@KEY@,",
                "k1:@KEY@,k1:@KEY@",
                "k1:@KEY@;k2:@KEY@",
                "k 1:@KEY@",
                "{\"keys\":\"@KEY@\"}"
            })
    void a_bad_variable_is_refused_naming_the_variable_and_never_the_key(String template) {
        String shortKey = base64(16);
        String value = template.replace("@KEY@", KEY).replace("@SHORT@", shortKey);

        assertRefused(() -> Keyrings.fromEnvironment(Map.of("ARMATURE_KEYRING", value)), "ARMATURE_KEYRING", shortKey);
    }

    @Test
    void a_key_id_that_cannot_be_written_in_a_value_is_refused() {
        assertThatThrownBy(() -> Keyrings.generate("k:1")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Keyrings.generate("")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Keyrings.generate("a".repeat(65))).isInstanceOf(IllegalArgumentException.class);
        assertThat(Keyrings.generate("prod-2026.01_a").primaryKeyId()).isEqualTo("prod-2026.01_a");
    }

    @Test
    void generated_keys_differ() {
        assertThat(encoded(Keyrings.generate("k1"), "k1")).isNotEqualTo(encoded(Keyrings.generate("k1"), "k1"));
    }

    @Test
    void only_keyrings_made_here_can_be_written() {
        Keyring foreign = new Keyring() {
            @Override
            public String primaryKeyId() {
                return "k1";
            }

            @Override
            public Optional<SecretKey> key(String keyId) {
                return Optional.empty();
            }
        };

        assertThatThrownBy(() -> Keyrings.write(foreign, dir.resolve("x.json")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static void assertRefused(ThrowingCallable call, String where, String shortKey) {
        assertThatThrownBy(call).isInstanceOfSatisfying(ConfigException.class, e -> {
            assertThat(e.code()).isEqualTo("armature.config.keyring");
            assertThat(e.getMessage()).contains(where).doesNotContain(KEY, shortKey);
            // No part of a key either: Base64 chunks of 8 characters are long enough to be telling.
            for (int i = 0; i + 8 <= KEY.length(); i += 4) {
                assertThat(e.getMessage()).doesNotContain(KEY.substring(i, i + 8));
            }
            assertThat(e.getCause()).isNull();
        });
    }

    /** Writes a test keyring as a careful user would, so that reading it logs no permission warning. */
    private static void writeOwnerOnly(Path file, String text) throws java.io.IOException {
        Files.writeString(file, text);
        if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        }
    }

    private static String json(String primary, String keys) {
        return "{\"format\":\"armature-keyring/v1\",\"primary\":\"" + primary + "\",\"keys\":{" + keys + "}}";
    }

    private static byte[] encoded(Keyring keyring, String keyId) {
        return keyring.key(keyId).orElseThrow().getEncoded();
    }

    private static String base64(int bytes) {
        byte[] key = new byte[bytes];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }

    static {
        // Guard the guard: the tests above are only meaningful if the key text is ASCII Base64.
        assert KEY.getBytes(StandardCharsets.US_ASCII).length == 44;
    }
}

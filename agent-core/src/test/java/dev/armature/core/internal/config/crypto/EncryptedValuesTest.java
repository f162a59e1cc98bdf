package dev.armature.core.internal.config.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.armature.api.config.ConfigException;
import dev.armature.api.config.Secret;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EncryptedValuesTest {
    private static final String PLAIN = "hunter2-the-password";

    private final StoredKeyring keyring = StoredKeyring.generate("k1");

    @Test
    void a_value_round_trips_into_a_masked_secret() {
        String sealed = EncryptedValues.encrypt(keyring, PLAIN);

        Secret secret = EncryptedValues.decrypt(keyring, sealed, "db.password");

        assertThat(secret.reveal()).isEqualTo(PLAIN);
        assertThat(secret).hasToString(Secret.MASK);
        assertThat(String.valueOf(Map.of("db.password", secret))).doesNotContain(PLAIN);
    }

    @Test
    void empty_and_non_ascii_values_round_trip() {
        for (String plain : new String[] {"", "päss wörd ✓ 🔑", "line\nbreak"}) {
            String sealed = EncryptedValues.encrypt(keyring, plain);
            assertThat(EncryptedValues.decrypt(keyring, sealed, "k").reveal()).isEqualTo(plain);
        }
    }

    @Test
    void a_sealed_value_names_its_key_id_and_holds_unpadded_base64url() {
        String sealed = EncryptedValues.encrypt(keyring, PLAIN);

        assertThat(sealed).matches("ENC\\(k1:[A-Za-z0-9_-]+\\)").doesNotContain(PLAIN);
        // 12-byte IV + 20 bytes of ciphertext + 16-byte tag = 48 bytes = 64 Base64 characters.
        assertThat(sealed).hasSize("ENC(k1:)".length() + 64);
    }

    @Test
    void sealing_one_value_twice_gives_different_texts() {
        assertThat(EncryptedValues.encrypt(keyring, PLAIN)).isNotEqualTo(EncryptedValues.encrypt(keyring, PLAIN));
    }

    @Test
    void white_space_around_a_sealed_value_is_ignored() {
        String sealed = "  " + EncryptedValues.encrypt(keyring, PLAIN) + "\n";

        assertThat(EncryptedValues.isEncrypted(sealed)).isTrue();
        assertThat(EncryptedValues.decrypt(keyring, sealed, "k").reveal()).isEqualTo(PLAIN);
    }

    @Test
    void only_whole_enc_texts_count_as_encrypted() {
        assertThat(EncryptedValues.isEncrypted("ENC(k1:abc)")).isTrue();
        assertThat(EncryptedValues.isEncrypted("ENC()")).isTrue();
        assertThat(EncryptedValues.isEncrypted("plain")).isFalse();
        assertThat(EncryptedValues.isEncrypted("x ENC(k1:abc)")).isFalse();
        assertThat(EncryptedValues.isEncrypted("ENC(k1:abc) x")).isFalse();
        assertThat(EncryptedValues.isEncrypted("enc(k1:abc)")).isFalse();
    }

    @Test
    void a_value_sealed_with_another_key_of_the_same_id_fails_authentication() {
        String sealed = EncryptedValues.encrypt(StoredKeyring.generate("k1"), PLAIN);

        assertThatThrownBy(() -> EncryptedValues.decrypt(keyring, sealed, "db.password"))
                .isInstanceOfSatisfying(ConfigException.class, e -> {
                    assertThat(e.code()).isEqualTo("armature.config.decrypt");
                    assertThat(e.key()).contains("db.password");
                    assertThat(e.getMessage())
                            .contains("'db.password'", "'k1'", "authentication failed")
                            .doesNotContain(PLAIN, payload(sealed));
                    assertThat(e.getCause()).isNull();
                });
    }

    @Test
    void a_value_moved_under_another_key_id_fails_authentication() {
        // Both ids hold the same key: only the authenticated key id tells them apart.
        byte[] key = keyring.key("k1").orElseThrow().getEncoded();
        Map<String, byte[]> keys = new LinkedHashMap<>();
        keys.put("k1", key);
        keys.put("k2", key.clone());
        StoredKeyring twins = StoredKeyring.of("k1", keys);
        String moved = EncryptedValues.encrypt(twins, PLAIN).replace("ENC(k1:", "ENC(k2:");

        assertThatThrownBy(() -> EncryptedValues.decrypt(twins, moved, "api.token"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("'k2'")
                .hasMessageContaining("authentication failed");
    }

    @Test
    void a_value_under_a_key_id_the_keyring_lacks_is_refused_naming_the_id() {
        String sealed = EncryptedValues.encrypt(StoredKeyring.generate("old-key"), PLAIN);

        assertThatThrownBy(() -> EncryptedValues.decrypt(keyring, sealed, "db.password"))
                .isInstanceOfSatisfying(ConfigException.class, e -> {
                    assertThat(e.code()).isEqualTo("armature.config.decrypt");
                    assertThat(e.getMessage())
                            .contains("'db.password'", "'old-key'", "holds no key of that id", "'k1'")
                            .doesNotContain(PLAIN, payload(sealed));
                });
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "ENC()",
                "ENC(k1)",
                "ENC(k1:)",
                "ENC(:AAAA)",
                "ENC(k 1:AAAA)",
                "ENC(k1:not*base64!)",
                "ENC(k1:AAAAAAAAAAAAAAAA)",
                "ENC(k1:AAAA====)",
                "plain text",
                "ENC(k1:abc"
            })
    void malformed_values_are_refused_with_a_typed_exception(String text) {
        assertThatThrownBy(() -> EncryptedValues.decrypt(keyring, text, "service.secret"))
                .isInstanceOfSatisfying(ConfigException.class, e -> {
                    assertThat(e.code()).isEqualTo("armature.config.decrypt");
                    assertThat(e.key()).contains("service.secret");
                    assertThat(e.getMessage()).startsWith("cannot decrypt the value of 'service.secret'");
                });
    }

    @Test
    void a_malformed_payload_is_not_quoted_in_the_message() {
        String text = "ENC(k1:secretish*payload)";

        assertThatThrownBy(() -> EncryptedValues.decrypt(keyring, text, "x"))
                .hasMessageContaining("(key id 'k1')")
                .hasMessageNotContaining("secretish");
    }

    @Test
    void a_keyring_without_its_primary_key_cannot_seal() {
        dev.armature.api.config.Keyring broken = new dev.armature.api.config.Keyring() {
            @Override
            public String primaryKeyId() {
                return "gone";
            }

            @Override
            public java.util.Optional<javax.crypto.SecretKey> key(String keyId) {
                return java.util.Optional.empty();
            }
        };

        assertThatThrownBy(() -> EncryptedValues.encrypt(broken, PLAIN))
                .isInstanceOfSatisfying(
                        ConfigException.class, e -> assertThat(e.code()).isEqualTo("armature.config.keyring"))
                .hasMessageContaining("'gone'");
    }

    static String payload(String sealed) {
        return sealed.substring(sealed.indexOf(':') + 1, sealed.length() - 1);
    }
}

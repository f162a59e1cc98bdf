package dev.armature.core.internal.config.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.armature.api.config.ConfigException;
import java.util.Base64;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.StringLength;

/** Any value round-trips; any change to any byte of a sealed payload is caught. */
class EncryptedValuesPropertyTest {
    private final StoredKeyring keyring = StoredKeyring.generate("k1");

    @Property
    void any_value_round_trips(@ForAll @StringLength(max = 200) String plain) {
        String sealed = EncryptedValues.encrypt(keyring, plain);

        assertThat(EncryptedValues.isEncrypted(sealed)).isTrue();
        assertThat(EncryptedValues.decrypt(keyring, sealed, "key").reveal()).isEqualTo(plain);
    }

    @Property
    void changing_any_byte_of_the_payload_is_refused(
            @ForAll @StringLength(min = 1, max = 40) String plain,
            @ForAll @IntRange(min = 0, max = 10_000) int where,
            @ForAll @IntRange(min = 1, max = 255) int flip) {
        String sealed = EncryptedValues.encrypt(keyring, plain);
        byte[] payload = Base64.getUrlDecoder().decode(EncryptedValuesTest.payload(sealed));
        int position = where % payload.length;
        payload[position] ^= (byte) flip;
        String tampered = "ENC(k1:" + Base64.getUrlEncoder().withoutPadding().encodeToString(payload) + ")";

        assertThatThrownBy(() -> EncryptedValues.decrypt(keyring, tampered, "key"))
                .isInstanceOfSatisfying(ConfigException.class, e -> {
                    assertThat(e.code()).isEqualTo("armature.config.decrypt");
                    assertThat(e.getMessage()).contains("authentication failed");
                    if (plain.strip().length() >= 4) {
                        assertThat(e.getMessage()).doesNotContain(plain);
                    }
                });
    }

    @Property
    void dropping_or_adding_payload_bytes_is_refused(
            @ForAll @StringLength(min = 1, max = 40) String plain, @ForAll @IntRange(min = -3, max = 3) int delta) {
        Assume.that(delta != 0);
        String sealed = EncryptedValues.encrypt(keyring, plain);
        byte[] payload = Base64.getUrlDecoder().decode(EncryptedValuesTest.payload(sealed));
        byte[] changed = java.util.Arrays.copyOf(payload, payload.length + delta);
        String tampered = "ENC(k1:" + Base64.getUrlEncoder().withoutPadding().encodeToString(changed) + ")";

        assertThatThrownBy(() -> EncryptedValues.decrypt(keyring, tampered, "key"))
                .isInstanceOf(ConfigException.class);
    }
}

package dev.armature.core.config;

import dev.armature.api.config.ConfigException;
import dev.armature.api.config.Keyring;
import dev.armature.api.config.Secret;
import dev.armature.core.internal.config.crypto.EncryptedValues;

/**
 * Seals configuration values into {@code ENC(keyId:…)} and opens them again, with AES-256-GCM (the
 * JDK's) under a key of a {@link Keyring}.
 *
 * <p>A sealed value is {@code ENC(<keyId>:<payload>)}: the payload is unpadded Base64url of a
 * 12-byte random IV, the ciphertext and a 128-bit authentication tag; the key id and a format
 * version are authenticated too. A value that was altered in any way, moved under another key id or
 * sealed with a different key fails to open.
 *
 * <pre>{@code
 * Keyring keyring = Keyrings.fromFile(Path.of("keyring.json"));
 * String sealed = ConfigEncryption.encrypt(keyring, "s3cret");          // ENC(k1:…)
 * Secret secret = ConfigEncryption.decrypt(keyring, sealed, "db.password");
 * secret.toString();   // "****"
 * secret.reveal();     // "s3cret"
 * }</pre>
 *
 * <p>Thread-safe.
 *
 * @since 0.1
 */
public final class ConfigEncryption {
    /** The code of every failure to open a value: {@value}. */
    public static final String DECRYPT_ERROR_CODE = EncryptedValues.CODE;

    private ConfigEncryption() {}

    /**
     * Returns whether a text, after trimming, has the form {@code ENC(…)} and so is to be decrypted.
     *
     * @param text a configuration value
     * @return whether it is an encrypted value, well formed or not
     */
    public static boolean isEncrypted(String text) {
        return EncryptedValues.isEncrypted(text);
    }

    /**
     * Seals a value with the keyring's primary key. Two calls with one value give different results,
     * each with a fresh random IV.
     *
     * @param keyring the keyring
     * @param plain the value
     * @return {@code ENC(<primaryKeyId>:<payload>)}
     * @throws ConfigException with code {@value Keyrings#ERROR_CODE} if the keyring holds no key under
     *     its primary id
     */
    public static String encrypt(Keyring keyring, String plain) {
        return EncryptedValues.encrypt(keyring, plain);
    }

    /**
     * Opens a sealed value.
     *
     * @param keyring the keyring holding the key the value names
     * @param encrypted the sealed value, possibly with surrounding white space
     * @param configKey the configuration key the value belongs to, named in failures
     * @return the value, masked in its {@code toString}
     * @throws ConfigException with code {@value #DECRYPT_ERROR_CODE}, naming {@code configKey} and the
     *     key id, if the value is malformed, names a key the keyring lacks, or fails authentication;
     *     the message never holds the value or the ciphertext
     */
    public static Secret decrypt(Keyring keyring, String encrypted, String configKey) {
        return EncryptedValues.decrypt(keyring, encrypted, configKey);
    }
}

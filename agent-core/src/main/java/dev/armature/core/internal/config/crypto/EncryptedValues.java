package dev.armature.core.internal.config.crypto;

import static java.util.Objects.requireNonNull;

import dev.armature.api.config.ConfigException;
import dev.armature.api.config.Keyring;
import dev.armature.api.config.Secret;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;

/**
 * Internal: seals and opens configuration values of the form {@code ENC(<keyId>:<payload>)}.
 *
 * <p>The payload is unpadded Base64url (RFC 4648 §5) of a 12-byte random IV followed by the
 * AES-256-GCM ciphertext of the value's UTF-8 bytes and its 128-bit tag. The additional
 * authenticated data is {@value #AAD_PREFIX} followed by the key id, so a value cannot be moved
 * under another key id, nor read by a later format, without failing authentication.
 *
 * <p>Failures are {@link ConfigException}s with code {@value #CODE} that name the configuration key
 * and the key id and say why; they never hold the plain value or the ciphertext. Thread-safe.
 */
public final class EncryptedValues {
    /** The code of every failure to open a value. */
    public static final String CODE = "armature.config.decrypt";

    /** What the authenticated data starts with: the format version of the sealed value. */
    static final String AAD_PREFIX = "armature-enc-v1:";

    private static final String PREFIX = "ENC(";
    private static final String SUFFIX = ")";
    private static final String TRANSFORMATION = "AES/GCM/NoPadding";
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;

    /**
     * Crypto nonces come from SecureRandom, never from the seeded RandomSource: a GCM IV that repeats
     * under one key reveals the XOR of two plaintexts and lets the authentication key be recovered.
     */
    private static final SecureRandom RANDOM = new SecureRandom();

    private EncryptedValues() {}

    /**
     * Returns whether a text, after trimming, is an encrypted value: {@code ENC(} … {@code )}. It
     * says nothing of whether the value inside is well formed; {@link #decrypt} does.
     *
     * @param text any configuration text
     * @return whether it should be decrypted
     */
    public static boolean isEncrypted(String text) {
        String trimmed = text.strip();
        return trimmed.startsWith(PREFIX) && trimmed.endsWith(SUFFIX);
    }

    /**
     * Seals a value with the keyring's primary key and a fresh random IV.
     *
     * @param keyring the keyring
     * @param plain the value to seal
     * @return {@code ENC(<primaryKeyId>:<payload>)}
     * @throws ConfigException with code {@value KeyringFormat#CODE} if the keyring holds no key
     *     under its primary id
     */
    public static String encrypt(Keyring keyring, String plain) {
        requireNonNull(keyring, "keyring");
        requireNonNull(plain, "plain");
        String keyId = keyring.primaryKeyId();
        SecretKey key = keyring.key(keyId)
                .orElseThrow(() ->
                        KeyringFormat.failure("the keyring", "holds no key under its primary key id '" + keyId + "'"));
        byte[] iv = new byte[IV_BYTES];
        RANDOM.nextBytes(iv);
        byte[] sealed;
        try {
            Cipher cipher = Cipher.getInstance(TRANSFORMATION);
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, iv));
            cipher.updateAAD(aad(keyId));
            sealed = cipher.doFinal(plain.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            // Every Java 17 runtime provides AES/GCM; a key the provider refuses is a broken keyring.
            throw new IllegalStateException("AES-256-GCM is unavailable or refused the key '" + keyId + "'", e);
        }
        byte[] payload = ByteBuffer.allocate(IV_BYTES + sealed.length)
                .put(iv)
                .put(sealed)
                .array();
        return PREFIX + keyId + ":" + Base64.getUrlEncoder().withoutPadding().encodeToString(payload) + SUFFIX;
    }

    /**
     * Opens a sealed value.
     *
     * @param keyring the keyring holding the key the value names
     * @param encrypted the value, {@code ENC(<keyId>:<payload>)}, possibly with surrounding white space
     * @param configKey the configuration key the value belongs to, named in failures
     * @return the plain value, masked in its {@code toString}
     * @throws ConfigException with code {@value #CODE} and {@link ConfigException#key()} {@code
     *     configKey} if the value is malformed, names a key id the keyring does not hold, or fails
     *     authentication (it was altered, or sealed with a different key)
     */
    public static Secret decrypt(Keyring keyring, String encrypted, String configKey) {
        requireNonNull(keyring, "keyring");
        requireNonNull(encrypted, "encrypted");
        requireNonNull(configKey, "configKey");
        String trimmed = encrypted.strip();
        if (!isEncrypted(trimmed)) {
            throw failure(configKey, null, "the value is not of the form ENC(keyId:payload)");
        }
        String inner = trimmed.substring(PREFIX.length(), trimmed.length() - SUFFIX.length());
        int colon = inner.indexOf(':');
        if (colon < 0) {
            throw failure(configKey, null, "the value has no key id; expected ENC(keyId:payload)");
        }
        String keyId = inner.substring(0, colon);
        if (!StoredKeyring.isKeyId(keyId)) {
            throw failure(configKey, null, "the key id is malformed; expected ENC(keyId:payload)");
        }
        byte[] payload;
        try {
            payload = Base64.getUrlDecoder().decode(inner.substring(colon + 1));
        } catch (IllegalArgumentException e) {
            // The decoder's message quotes the offending character of the ciphertext.
            throw failure(configKey, keyId, "the payload is not Base64url");
        }
        if (payload.length < IV_BYTES + TAG_BITS / 8) {
            throw failure(configKey, keyId, "the payload is too short to hold an IV and an authentication tag");
        }
        SecretKey key = keyring.key(keyId)
                .orElseThrow(() -> failure(
                        configKey,
                        keyId,
                        "the keyring holds no key of that id (its primary is '" + keyring.primaryKeyId() + "')"));
        byte[] plain;
        try {
            Cipher cipher = Cipher.getInstance(TRANSFORMATION);
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, payload, 0, IV_BYTES));
            cipher.updateAAD(aad(keyId));
            plain = cipher.doFinal(payload, IV_BYTES, payload.length - IV_BYTES);
        } catch (AEADBadTagException e) {
            throw failure(
                    configKey,
                    keyId,
                    "authentication failed: the value was altered, or sealed with a different key of that id");
        } catch (GeneralSecurityException e) {
            // Not attached as the cause: provider messages are not ours to vouch for.
            throw failure(
                    configKey,
                    keyId,
                    "the cipher refused the value (" + e.getClass().getSimpleName() + ")");
        }
        return Secret.of(new String(plain, StandardCharsets.UTF_8));
    }

    private static byte[] aad(String keyId) {
        return (AAD_PREFIX + keyId).getBytes(StandardCharsets.UTF_8);
    }

    private static ConfigException failure(
            String configKey, @org.jspecify.annotations.Nullable String keyId, String why) {
        String idPart = keyId == null ? "" : " (key id '" + keyId + "')";
        return new ConfigException(
                CODE, "cannot decrypt the value of '" + configKey + "'" + idPart + ": " + why, configKey, null);
    }
}

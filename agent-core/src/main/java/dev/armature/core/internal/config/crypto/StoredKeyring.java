package dev.armature.core.internal.config.crypto;

import static java.util.Objects.requireNonNull;

import dev.armature.api.config.Keyring;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * Internal: a keyring whose keys are held in memory, as read from a keyring file or variable or
 * freshly generated. Unlike the {@link Keyring} interface it can list its key ids, which writing it
 * back to a file needs. Immutable and thread-safe; its {@link #toString()} names the key ids only.
 */
public final class StoredKeyring implements Keyring {
    /** The length of every key: 256 bits. */
    public static final int KEY_BYTES = 32;

    /**
     * What a key id may hold: it is written inside {@code ENC(…)} and in the compact variable form,
     * so it must not contain {@code :}, {@code ,}, {@code )} or white space.
     */
    private static final Pattern KEY_ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    private static final SecureRandom RANDOM = new SecureRandom();

    private final String primaryKeyId;
    private final Map<String, SecretKey> keys;

    private StoredKeyring(String primaryKeyId, Map<String, SecretKey> keys) {
        this.primaryKeyId = primaryKeyId;
        this.keys = keys;
    }

    /**
     * Creates a keyring from raw keys, checking every id and key length.
     *
     * @param primaryKeyId the id new values are sealed with; must be among {@code keys}
     * @param keys raw 32-byte keys by id, in the order they are to be written
     * @throws IllegalArgumentException naming the offending id if an id is malformed, a key is not
     *     32 bytes long, or the primary id is missing; never naming key material
     */
    public static StoredKeyring of(String primaryKeyId, Map<String, byte[]> keys) {
        requireNonNull(primaryKeyId, "primaryKeyId");
        requireNonNull(keys, "keys");
        Map<String, SecretKey> copy = new LinkedHashMap<>();
        keys.forEach((id, key) -> {
            checkKeyId(id);
            if (key.length != KEY_BYTES) {
                throw new IllegalArgumentException(
                        "the key '" + id + "' is " + key.length + " bytes long; AES-256 needs " + KEY_BYTES);
            }
            copy.put(id, new SecretKeySpec(key, "AES"));
        });
        if (!copy.containsKey(primaryKeyId)) {
            throw new IllegalArgumentException(
                    "the primary key id '" + primaryKeyId + "' names none of the keys " + copy.keySet());
        }
        return new StoredKeyring(primaryKeyId, Collections.unmodifiableMap(copy));
    }

    /**
     * Creates a keyring holding one new random 256-bit key, drawn from {@link SecureRandom}.
     *
     * @param keyId the new key's id, which becomes the primary one
     * @return the keyring
     * @throws IllegalArgumentException if the id is malformed
     */
    public static StoredKeyring generate(String keyId) {
        checkKeyId(requireNonNull(keyId, "keyId"));
        byte[] key = new byte[KEY_BYTES];
        RANDOM.nextBytes(key);
        try {
            return of(keyId, Map.of(keyId, key));
        } finally {
            Arrays.fill(key, (byte) 0);
        }
    }

    /**
     * Checks that a key id can be written inside {@code ENC(…)} and the compact variable form.
     *
     * @throws IllegalArgumentException if it cannot
     */
    public static void checkKeyId(String keyId) {
        if (!isKeyId(keyId)) {
            throw new IllegalArgumentException(
                    "the key id '" + keyId + "' is not 1 to 64 of the characters A-Z, a-z, 0-9, '.', '_' and '-'");
        }
    }

    /** Returns whether a text is a well-formed key id. */
    public static boolean isKeyId(String text) {
        return KEY_ID.matcher(text).matches();
    }

    @Override
    public String primaryKeyId() {
        return primaryKeyId;
    }

    @Override
    public Optional<SecretKey> key(String keyId) {
        return Optional.ofNullable(keys.get(requireNonNull(keyId, "keyId")));
    }

    /**
     * Returns every key id, primary or not, in the order the keyring was given them.
     *
     * @return the key ids
     */
    public Set<String> keyIds() {
        return keys.keySet();
    }

    /** Returns the key ids and which is primary; never key material. */
    @Override
    public String toString() {
        return "Keyring[primary=" + primaryKeyId + ", keys=" + keys.keySet() + "]";
    }
}

package dev.armature.api.config;

import java.util.Optional;
import javax.crypto.SecretKey;

/**
 * The keys that encrypted configuration values ({@code ENC(keyId:…)}) are sealed with, each named
 * by an id so that keys can be rotated: new values are sealed with the {@link #primaryKeyId()
 * primary} key while older ones still open with theirs.
 *
 * <p>agent-core ships keyrings read from a file and from an environment variable; implementations
 * must be thread-safe.
 *
 * @since 0.1
 */
public interface Keyring {
    /**
     * Returns the id of the key that new values are encrypted with.
     *
     * @return the primary key's id
     */
    String primaryKeyId();

    /**
     * Returns the 256-bit AES key of an id.
     *
     * @param keyId the key's id
     * @return the key, or empty when this keyring does not hold it
     */
    Optional<SecretKey> key(String keyId);
}

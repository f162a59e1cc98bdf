package dev.armature.api.config;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * A key whose value changed when a new version was applied. Values are typed as the schema
 * declares (a {@link String} for an undeclared key) and secrets are {@link Secret}s, so printing a
 * change never shows a secret.
 *
 * @param key the full key
 * @param oldValue the value before, or empty if the key was absent
 * @param newValue the value after, or empty if the key was removed
 * @param source the name of the source whose change caused the new version
 * @param version the new version
 * @since 0.1
 */
public record ConfigChange(
        String key, Optional<Object> oldValue, Optional<Object> newValue, String source, long version) {
    /**
     * Checks that every part is present.
     *
     * @param key the key
     * @param oldValue the old value, if any
     * @param newValue the new value, if any
     * @param source the source
     * @param version the version
     */
    public ConfigChange {
        requireNonNull(key, "key");
        requireNonNull(oldValue, "oldValue");
        requireNonNull(newValue, "newValue");
        requireNonNull(source, "source");
    }
}

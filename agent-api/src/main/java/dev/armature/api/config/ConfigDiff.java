package dev.armature.api.config;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * A key's change as the history records it, with secrets shown as {@value Secret#MASK}.
 *
 * @param key the full key
 * @param before the text before, or empty if the key was absent
 * @param after the text after, or empty if the key was removed
 * @since 0.1
 */
public record ConfigDiff(String key, Optional<String> before, Optional<String> after) {
    /**
     * Checks that every part is present.
     *
     * @param key the key
     * @param before the text before, if any
     * @param after the text after, if any
     */
    public ConfigDiff {
        requireNonNull(key, "key");
        requireNonNull(before, "before");
        requireNonNull(after, "after");
    }
}

package dev.armature.api.config;

import static java.util.Objects.requireNonNull;

/**
 * One source's value for a key, as {@link Config#explain(String)} lists it.
 *
 * @param key the key as the source gave it, which differs from the asked key for a relocated or
 *     profile-qualified one
 * @param displayValue the value as written in the source, or {@code ****} for a secret
 * @param origin where it came from
 * @param effective whether this is the value in force; the others are shadowed by it
 * @since 0.1
 */
public record ConfigCandidate(String key, String displayValue, ConfigOrigin origin, boolean effective) {
    /**
     * Checks that every part is present.
     *
     * @param key the key
     * @param displayValue the masked or plain value
     * @param origin the origin
     * @param effective whether the value is in force
     */
    public ConfigCandidate {
        requireNonNull(key, "key");
        requireNonNull(displayValue, "displayValue");
        requireNonNull(origin, "origin");
    }
}

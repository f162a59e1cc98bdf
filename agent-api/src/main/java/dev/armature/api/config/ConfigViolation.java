package dev.armature.api.config;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * One way in which configuration breaks its schema or a validator's rule. The message never holds
 * the value of a secret.
 *
 * @param key the full key path, such as {@code armature.model.timeout}
 * @param message what is wrong and what is expected
 * @param origin where the offending value came from, when a value did
 * @since 0.1
 */
public record ConfigViolation(String key, String message, Optional<ConfigOrigin> origin) {
    /**
     * Checks that every part is present.
     *
     * @param key the key
     * @param message the message
     * @param origin the origin, if any
     */
    public ConfigViolation {
        requireNonNull(key, "key");
        requireNonNull(message, "message");
        requireNonNull(origin, "origin");
    }

    /**
     * Creates a violation of a value that came from a source.
     *
     * @param key the key
     * @param message the message
     * @param origin where the value came from
     * @return the violation
     */
    public static ConfigViolation of(String key, String message, ConfigOrigin origin) {
        return new ConfigViolation(key, message, Optional.of(origin));
    }

    /**
     * Creates a violation with no value behind it, such as a required key that is missing.
     *
     * @param key the key
     * @param message the message
     * @return the violation
     */
    public static ConfigViolation missing(String key, String message) {
        return new ConfigViolation(key, message, Optional.empty());
    }

    /** Returns {@code key: message (origin)}, as validation reports show it. */
    @Override
    public String toString() {
        return key + ": " + message + origin.map(o -> " (" + o + ")").orElse("");
    }
}

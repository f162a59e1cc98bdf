package dev.armature.api.config;

import dev.armature.api.ArmatureException;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Thrown when configuration cannot be read, parsed, converted or applied. The message names the key
 * and the source where one is known, and never contains the value of a secret.
 *
 * @since 0.1
 */
public class ConfigException extends ArmatureException {
    private static final long serialVersionUID = 1L;

    /** The key concerned, if one is. */
    private final @Nullable String key;

    /**
     * Creates an exception about one key, or about no key in particular.
     *
     * @param code the stable code, such as {@code armature.config.parse}
     * @param message what was wrong, where, and what to do
     * @param key the key concerned, or {@code null}
     * @param cause the underlying failure, or {@code null}
     */
    public ConfigException(String code, String message, @Nullable String key, @Nullable Throwable cause) {
        super(code, message, cause);
        this.key = key;
    }

    /**
     * Returns the key the failure concerns.
     *
     * @return the key, or empty when the failure is not about one key
     */
    public Optional<String> key() {
        return Optional.ofNullable(key);
    }
}

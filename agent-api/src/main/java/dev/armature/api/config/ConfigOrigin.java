package dev.armature.api.config;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * Where a configuration value came from.
 *
 * @param source the source's name, such as {@code file:/etc/agent/armature.yaml} or {@code
 *     environment}
 * @param ordinal the source's ordinal; higher ordinals win
 * @param location the place within the source, such as {@code /etc/agent/armature.yaml:12} or
 *     {@code ARMATURE_MODEL_TIMEOUT}, when the source's format gives one
 * @since 0.1
 */
public record ConfigOrigin(String source, int ordinal, Optional<String> location) {
    /**
     * Checks that every part is present.
     *
     * @param source the source's name
     * @param ordinal the ordinal
     * @param location the location, if known
     */
    public ConfigOrigin {
        requireNonNull(source, "source");
        requireNonNull(location, "location");
    }

    /** Returns the location when there is one, else the source, with the ordinal. */
    @Override
    public String toString() {
        return location.orElse(source) + " [" + source + ", ordinal " + ordinal + "]";
    }
}

package dev.armature.spi.config;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * A value as a source holds it: its text and where in the source it is.
 *
 * @param text the value's text, possibly with {@code ${…}} expressions or an {@code ENC(…)} value
 * @param location where it is, such as {@code /etc/agent/armature.yaml:12}, when the format tells
 * @since 0.1
 */
public record SourceValue(String text, Optional<String> location) {
    /**
     * Checks that every part is present.
     *
     * @param text the text
     * @param location the location, if known
     */
    public SourceValue {
        requireNonNull(text, "text");
        requireNonNull(location, "location");
    }

    /**
     * Returns a value with no location.
     *
     * @param text the text
     * @return the value
     */
    public static SourceValue of(String text) {
        return new SourceValue(text, Optional.empty());
    }

    /**
     * Returns a value at a location.
     *
     * @param text the text
     * @param location where it is
     * @return the value
     */
    public static SourceValue at(String text, String location) {
        return new SourceValue(text, Optional.of(location));
    }
}

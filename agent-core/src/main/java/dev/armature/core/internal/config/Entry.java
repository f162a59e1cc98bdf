package dev.armature.core.internal.config;

import dev.armature.api.config.ConfigOrigin;
import dev.armature.api.config.ConfigProperty;
import dev.armature.api.config.Secret;
import org.jspecify.annotations.Nullable;

/**
 * Internal: a key's value in a snapshot: its typed value (parsed once, when the snapshot was built),
 * its resolved text (absent for secrets), its origin, and what to keep in the history.
 */
final class Entry {
    final String key;
    final @Nullable String text;
    final Object value;
    final ConfigOrigin origin;
    final @Nullable ConfigProperty property;

    /** The text the history keeps: resolved plain text (escaped), the {@code ENC(…)} text, or null. */
    final @Nullable String storedText;

    /** The last conversion to a type other than the declared one; reads of it then allocate nothing. */
    private volatile @Nullable Converted lastConversion;

    private record Converted(Class<?> type, Object value) {}

    Entry(
            String key,
            @Nullable String text,
            Object value,
            ConfigOrigin origin,
            @Nullable ConfigProperty property,
            @Nullable String storedText) {
        this.key = key;
        this.text = text;
        this.value = value;
        this.origin = origin;
        this.property = property;
        this.storedText = storedText;
    }

    boolean secret() {
        return value instanceof Secret;
    }

    /** What a dump or diff shows: the text, or the mask. */
    String display() {
        return text == null ? Secret.MASK : text;
    }

    /** The value last converted to a type, or null. */
    @Nullable
    Object cachedAs(Class<?> type) {
        Converted c = lastConversion;
        return c != null && c.type() == type ? c.value() : null;
    }

    Object cache(Class<?> type, Object converted) {
        lastConversion = new Converted(type, converted);
        return converted;
    }

    /** Whether two entries mean the same value; secrets compare by value without revealing it. */
    boolean sameValue(Entry other) {
        return value.equals(other.value);
    }
}

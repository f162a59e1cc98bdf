package dev.armature.core.internal.config;

import static java.util.Objects.requireNonNull;

import dev.armature.spi.config.SourceValue;
import java.util.Map;

/**
 * Internal: what one source held at one read, placed by ordinal and, within an ordinal, by rank
 * (higher wins: later files, profile overlays over their base).
 */
record Layer(String name, int ordinal, int rank, Map<String, SourceValue> values) {
    Layer {
        requireNonNull(name, "name");
        values = Map.copyOf(values);
    }

    boolean outranks(Layer other) {
        return ordinal != other.ordinal ? ordinal > other.ordinal : rank > other.rank;
    }
}

package dev.armature.core.internal.config.source;

import static java.util.Objects.requireNonNull;

import dev.armature.spi.config.ConfigSource;
import dev.armature.spi.config.SourceValue;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Internal: fixed values held in memory, for code defaults and runtime overrides. The values carry no
 * location; origins show the source's name. Immutable and thread-safe.
 */
public final class MapConfigSource implements ConfigSource {
    private final String name;
    private final int ordinal;
    private final Map<String, SourceValue> values;

    /**
     * Creates the source from a copy of the values, in their iteration order.
     *
     * @param name the source's name, unique in a system
     * @param ordinal the source's ordinal
     * @param values the values by flat key; no key or value may be null
     */
    public MapConfigSource(String name, int ordinal, Map<String, String> values) {
        this.name = requireNonNull(name, "name");
        this.ordinal = ordinal;
        Map<String, SourceValue> copy = new LinkedHashMap<>();
        values.forEach((k, v) -> copy.put(requireNonNull(k, "key"), SourceValue.of(requireNonNull(v, "value"))));
        this.values = Collections.unmodifiableMap(copy);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int ordinal() {
        return ordinal;
    }

    @Override
    public Map<String, SourceValue> read() {
        return values;
    }

    @Override
    public String toString() {
        return name;
    }
}

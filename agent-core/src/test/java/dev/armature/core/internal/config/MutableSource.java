package dev.armature.core.internal.config;

import dev.armature.api.config.ConfigException;
import dev.armature.spi.config.ConfigSource;
import dev.armature.spi.config.SourceValue;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** A source whose content a test sets, with a location per key like a file's. */
final class MutableSource implements ConfigSource {
    private final String name;
    private final int ordinal;
    private volatile Map<String, SourceValue> values = Map.of();
    private volatile @Nullable String failure;

    MutableSource(String name, int ordinal) {
        this.name = name;
        this.ordinal = ordinal;
    }

    MutableSource set(String... keysAndValues) {
        Map<String, SourceValue> next = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            next.put(keysAndValues[i], SourceValue.at(keysAndValues[i + 1], name + ":" + (i / 2 + 1)));
        }
        values = Map.copyOf(next);
        failure = null;
        return this;
    }

    MutableSource failWith(String message) {
        failure = message;
        return this;
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
        String f = failure;
        if (f != null) {
            throw new ConfigException("armature.config.parse", f, null, null);
        }
        return values;
    }
}

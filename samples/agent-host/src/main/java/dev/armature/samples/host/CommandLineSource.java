package dev.armature.samples.host;

import dev.armature.spi.config.ConfigSource;
import dev.armature.spi.config.SourceValue;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Settings the command line gives, such as {@code --port}: above every file, variable and system
 * property, below the runtime overrides.
 */
final class CommandLineSource implements ConfigSource {
    private final Map<String, SourceValue> values;

    CommandLineSource(Map<String, String> values) {
        Map<String, SourceValue> read = new LinkedHashMap<>();
        values.forEach((key, value) -> read.put(key, SourceValue.of(value)));
        this.values = Map.copyOf(read);
    }

    @Override
    public String name() {
        return "command-line";
    }

    @Override
    public int ordinal() {
        return SYSTEM_PROPERTIES_ORDINAL + 50;
    }

    @Override
    public Map<String, SourceValue> read() {
        return values;
    }
}

package dev.armature.core.internal.config.source;

import static java.util.Objects.requireNonNull;

import dev.armature.spi.config.ConfigSource;
import dev.armature.spi.config.SourceValue;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Internal: system properties ({@code -Dkey=value}) as configuration. Every property whose name is a
 * valid configuration key is taken, not only {@code armature.*}: that keeps the host's own keys
 * settable with {@code -D}, and lets expressions such as {@code ${user.home}} refer to the JVM's.
 * A valid key is dot-separated segments of letters, digits, {@code -} and {@code _}, each with
 * optional {@code [n]} indices, the first optionally with a leading {@code %} for a profile
 * ({@code -D%prod.armature.model.timeout=30s}). Keys come sorted; each value's location is {@code
 * -D} and the key.
 *
 * <p>Immutable and thread-safe: the properties are copied when the source is made.
 */
public final class SystemPropertiesConfigSource implements ConfigSource {
    /** The name of this source, as origins show it. */
    public static final String NAME = "system-properties";

    private static final Pattern KEY =
            Pattern.compile("%?[A-Za-z0-9_-]+(\\[(0|[1-9][0-9]*)\\])*(\\.[A-Za-z0-9_-]+(\\[(0|[1-9][0-9]*)\\])*)*");

    private final Map<String, SourceValue> values;

    /**
     * Creates the source from a snapshot of the properties.
     *
     * @param properties the system properties, such as a copy of {@link System#getProperties()}
     */
    public SystemPropertiesConfigSource(Map<String, String> properties) {
        Map<String, SourceValue> taken = new TreeMap<>();
        properties.forEach((k, v) -> {
            if (isValidKey(requireNonNull(k, "key"))) {
                taken.put(k, SourceValue.at(requireNonNull(v, "value"), "-D" + k));
            }
        });
        this.values = Collections.unmodifiableMap(taken);
    }

    /**
     * Returns whether a property name is a configuration key this source takes.
     *
     * @param key the name
     * @return {@code true} for a valid key
     */
    public static boolean isValidKey(String key) {
        return KEY.matcher(key).matches();
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int ordinal() {
        return SYSTEM_PROPERTIES_ORDINAL;
    }

    @Override
    public Map<String, SourceValue> read() {
        return values;
    }

    @Override
    public String toString() {
        return NAME;
    }
}

package dev.armature.spi.config;

import dev.armature.api.time.Cancellable;
import java.util.Map;
import java.util.Optional;

/**
 * A source of configuration values: a file, the environment, a remote service. Both kinds of
 * source fit: a polled source is read again on every poll ({@code armature.config.poll-interval}),
 * and a pushing source also calls back through {@link #watch} when it knows it changed.
 *
 * <p>Implementations must be thread-safe; {@link #read()} may be called from any thread.
 *
 * @since 0.1
 */
public interface ConfigSource {
    /** The ordinal of classpath {@code armature.yaml}. */
    int CLASSPATH_ORDINAL = 100;

    /** The ordinal of files given to the builder; later files get one more each. */
    int FILE_ORDINAL = 200;

    /** The ordinal of remote sources. */
    int REMOTE_ORDINAL = 250;

    /** The ordinal of the environment. */
    int ENVIRONMENT_ORDINAL = 300;

    /** The ordinal of system properties. */
    int SYSTEM_PROPERTIES_ORDINAL = 400;

    /** The ordinal of runtime overrides and rollbacks. */
    int OVERRIDE_ORDINAL = 500;

    /**
     * Returns the source's name, unique in a system, as origins show it (such as {@code
     * remote:https://config.example.com}).
     *
     * @return the name
     */
    String name();

    /**
     * Returns the source's ordinal; when two sources set a key, the higher ordinal wins.
     *
     * @return the ordinal
     */
    default int ordinal() {
        return REMOTE_ORDINAL;
    }

    /**
     * Reads every value the source holds now, as flat dotted keys ({@code a.b[0]} for list
     * elements).
     *
     * @return the values by key
     * @throws dev.armature.api.config.ConfigException if the source cannot be read or parsed; the
     *     running configuration stays in force
     */
    Map<String, SourceValue> read();

    /**
     * Starts telling the caller when the source changes, for sources that know it (a file watch, a
     * push channel). The default does nothing: the source is polled.
     *
     * @param onChange called, from any thread, after the source changed
     * @return a handle that stops watching, or empty if the source does not push
     */
    default Optional<Cancellable> watch(Runnable onChange) {
        return Optional.empty();
    }
}

package dev.armature.api.config;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One immutable, consistent view of the configuration: every read of a snapshot sees the same
 * version, so multi-key reads never mix two versions. Values of declared keys are parsed when the
 * snapshot is built, so a typed read is a lookup.
 *
 * <p>Typed reads accept {@link String}, {@link Boolean}, {@link Integer}, {@link Long}, {@link
 * Double}, {@link java.time.Duration}, {@link DataSize}, {@link Secret} and any enum; {@code
 * ENC(…)} values are decrypted into a {@link Secret}. Immutable and thread-safe.
 *
 * @since 0.1
 */
public interface ConfigSnapshot {
    /**
     * Returns the version of this snapshot; the history numbers versions from 1.
     *
     * @return the version
     */
    long version();

    /**
     * Reads a value.
     *
     * @param <T> the value's type
     * @param key the full key
     * @param type the value's type
     * @return the value
     * @throws ConfigException with code {@code armature.config.missing} if no source sets the key,
     *     or {@code armature.config.type} if its text is not a {@code type}
     */
    <T> T get(String key, Class<T> type);

    /**
     * Reads a value that may be absent.
     *
     * @param <T> the value's type
     * @param key the full key
     * @param type the value's type
     * @return the value, or empty if no source sets the key
     * @throws ConfigException with code {@code armature.config.type} if its text is not a {@code
     *     type}
     */
    <T> Optional<T> getOptional(String key, Class<T> type);

    /**
     * Reads a value, or a default when no source sets the key.
     *
     * @param <T> the value's type
     * @param key the full key
     * @param type the value's type
     * @param defaultValue what to return when the key is absent
     * @return the value or the default
     * @throws ConfigException with code {@code armature.config.type} if its text is not a {@code
     *     type}
     */
    default <T> T get(String key, Class<T> type, T defaultValue) {
        return getOptional(key, type).orElse(defaultValue);
    }

    /**
     * Reads a list, written as a sequence, as indexed keys ({@code key[0]}) or comma-separated.
     *
     * @param <E> the elements' type
     * @param key the full key
     * @param elementType the elements' type
     * @return the immutable list, empty when the key is absent
     * @throws ConfigException with code {@code armature.config.type} if an element is not an {@code
     *     elementType}
     */
    <E> List<E> getList(String key, Class<E> elementType);

    /**
     * Reads the keys one segment below a prefix as a map.
     *
     * @param <V> the values' type
     * @param prefix the prefix, such as {@code agent.headers}
     * @param valueType the values' type
     * @return the immutable map from the next key segment to its value, empty when none
     * @throws ConfigException with code {@code armature.config.type} if a value is not a {@code
     *     valueType}
     */
    <V> Map<String, V> getMap(String prefix, Class<V> valueType);

    /**
     * Binds the keys under a prefix to a record (nested records, lists, maps, enums and {@code
     * Optional} components), with the key {@code start-timeout} bound to the component {@code
     * startTimeout}.
     *
     * @param <T> the record's type
     * @param prefix the prefix
     * @param type the record class
     * @return a new instance
     * @throws ConfigException with code {@code armature.config.bind} naming the key that did not
     *     bind
     */
    <T> T bind(String prefix, Class<T> type);

    /**
     * Returns every key with a value, in order.
     *
     * @return the keys
     */
    Set<String> keys();

    /**
     * Returns where a key's value came from.
     *
     * @param key the full key
     * @return the origin, or empty if the key has no value
     */
    Optional<ConfigOrigin> origin(String key);
}

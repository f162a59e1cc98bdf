package dev.armature.api.state;

import java.util.List;
import java.util.Optional;

/**
 * A durable map from namespaced keys to bytes, with a version per key and compare-and-set.
 *
 * <p>A key's version is 1 when the key is created and grows by exactly one with each write; a
 * deleted key is absent, and creating it again starts at 1 again. Every method is atomic and
 * linearisable per key, and a write is durable when it returns: the embedded implementation has
 * written and synced the value, so a crash right after the call does not lose it. Namespaces and
 * keys follow {@link StateNames}; a name that breaks the rules is refused with an {@link
 * IllegalArgumentException} that names it. Values are copied on the way in and out.
 *
 * <p>Implementations are safe for use by many threads. A distributed implementation (Redis, a
 * database) can stand in for the embedded one; {@code StateStoreCompatibilityKit} in agent-testing
 * is the test each implementation passes.
 *
 * <pre>{@code
 * StateStore store = storage.stateStore();
 * long version = store.put("sessions", "s-42", bytes);
 * Versioned current = store.get("sessions", "s-42").orElseThrow();
 * boolean won = store.compareAndSet("sessions", "s-42", current.version(), newBytes);
 * }</pre>
 *
 * @since 0.1
 */
public interface StateStore {
    /**
     * Returns the current value and version of a key.
     *
     * @param namespace the key's namespace
     * @param key the key
     * @return the value and its version, or empty if the key is absent
     * @throws StateStoreException if the store cannot be read
     * @throws StateCorruptedException if the stored value fails its checksum
     */
    Optional<Versioned> get(String namespace, String key);

    /**
     * Sets a key's value unconditionally, creating the key if it is absent.
     *
     * @param namespace the key's namespace
     * @param key the key
     * @param value the bytes to store, possibly empty; copied
     * @return the key's new version: 1 if it was absent, otherwise the previous version plus one
     * @throws StateStoreException if the value cannot be written durably; the key then keeps its
     *     previous value
     */
    long put(String namespace, String key, byte[] value);

    /**
     * Sets a key's value only if its current version is the expected one.
     *
     * @param namespace the key's namespace
     * @param key the key
     * @param expectedVersion the version the key must have now, or 0 if it must be absent
     * @param value the bytes to store, possibly empty; copied
     * @return {@code true} if the value was written (its version is then {@code expectedVersion +
     *     1}), {@code false} if the key's version was different and nothing changed
     * @throws IllegalArgumentException if {@code expectedVersion} is negative
     * @throws StateStoreException if the value cannot be written durably
     */
    boolean compareAndSet(String namespace, String key, long expectedVersion, byte[] value);

    /**
     * Deletes a key unconditionally.
     *
     * @param namespace the key's namespace
     * @param key the key
     * @return {@code true} if the key was present and is now deleted, {@code false} if it was absent
     * @throws StateStoreException if the deletion cannot be made durable
     */
    boolean delete(String namespace, String key);

    /**
     * Deletes a key only if its current version is the expected one.
     *
     * @param namespace the key's namespace
     * @param key the key
     * @param expectedVersion the version the key must have now, at least 1
     * @return {@code true} if the key was deleted, {@code false} if it was absent or had another
     *     version, in which case nothing changed
     * @throws IllegalArgumentException if {@code expectedVersion} is less than 1
     * @throws StateStoreException if the deletion cannot be made durable
     */
    boolean delete(String namespace, String key, long expectedVersion);

    /**
     * Returns the keys present in a namespace.
     *
     * @param namespace the namespace
     * @return the keys in ascending {@link String#compareTo} order; empty if the namespace holds
     *     none; unmodifiable
     * @throws StateStoreException if the store cannot be read
     */
    List<String> keys(String namespace);
}

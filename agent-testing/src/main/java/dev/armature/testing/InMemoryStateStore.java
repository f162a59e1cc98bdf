package dev.armature.testing;

import static java.util.Objects.requireNonNull;

import dev.armature.api.state.StateNames;
import dev.armature.api.state.StateStore;
import dev.armature.api.state.Versioned;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A {@link StateStore} that keeps everything in memory, for tests: it follows the same contract as
 * the embedded store (it passes {@link StateStoreCompatibilityKit}) but nothing survives the
 * object, and nothing waits for a disk.
 *
 * <p>Safe for use by many threads; every method holds one lock for its duration.
 *
 * <pre>{@code
 * StateStore store = new InMemoryStateStore();
 * store.put("sessions", "s-1", bytes);
 * }</pre>
 *
 * @since 0.1
 */
public final class InMemoryStateStore implements StateStore {
    private final Map<String, Map<String, Versioned>> namespaces = new TreeMap<>();

    /** Creates an empty store. */
    public InMemoryStateStore() {}

    @Override
    public synchronized Optional<Versioned> get(String namespace, String key) {
        return Optional.ofNullable(entries(namespace).get(StateNames.checkKey(key)));
    }

    @Override
    public synchronized long put(String namespace, String key, byte[] value) {
        requireNonNull(value, "value");
        Map<String, Versioned> entries = entries(namespace);
        Versioned current = entries.get(StateNames.checkKey(key));
        long next = current == null ? 1 : current.version() + 1;
        entries.put(key, new Versioned(value, next));
        return next;
    }

    @Override
    public synchronized boolean compareAndSet(String namespace, String key, long expectedVersion, byte[] value) {
        requireNonNull(value, "value");
        if (expectedVersion < 0) {
            throw new IllegalArgumentException("expectedVersion must not be negative, was " + expectedVersion);
        }
        Map<String, Versioned> entries = entries(namespace);
        Versioned current = entries.get(StateNames.checkKey(key));
        long version = current == null ? 0 : current.version();
        if (version != expectedVersion) {
            return false;
        }
        entries.put(key, new Versioned(value, version + 1));
        return true;
    }

    @Override
    public synchronized boolean delete(String namespace, String key) {
        return entries(namespace).remove(StateNames.checkKey(key)) != null;
    }

    @Override
    public synchronized boolean delete(String namespace, String key, long expectedVersion) {
        if (expectedVersion < 1) {
            throw new IllegalArgumentException("expectedVersion must be at least 1, was " + expectedVersion);
        }
        Map<String, Versioned> entries = entries(namespace);
        Versioned current = entries.get(StateNames.checkKey(key));
        if (current == null || current.version() != expectedVersion) {
            return false;
        }
        entries.remove(key);
        return true;
    }

    @Override
    public synchronized List<String> keys(String namespace) {
        return List.copyOf(entries(namespace).keySet());
    }

    private Map<String, Versioned> entries(String namespace) {
        return namespaces.computeIfAbsent(StateNames.checkNamespace(namespace), n -> new TreeMap<>());
    }
}

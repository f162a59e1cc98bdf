package dev.armature.core.internal.config;

import dev.armature.api.state.StateStore;
import dev.armature.api.state.Versioned;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** A state store in a map, standing for the data directory across a simulated restart; for tests. */
public final class MapStateStore implements StateStore {
    private final Map<String, Versioned> values = new ConcurrentHashMap<>();
    int opened;

    public MapStateStore open() {
        opened++;
        return this;
    }

    @Override
    public Optional<Versioned> get(String namespace, String key) {
        return Optional.ofNullable(values.get(namespace + "/" + key));
    }

    @Override
    public long put(String namespace, String key, byte[] value) {
        return values.merge(
                        namespace + "/" + key,
                        new Versioned(value, 1),
                        (old, v) -> new Versioned(value, old.version() + 1))
                .version();
    }

    @Override
    public synchronized boolean compareAndSet(String namespace, String key, long expectedVersion, byte[] value) {
        String k = namespace + "/" + key;
        Versioned now = values.get(k);
        long version = now == null ? 0 : now.version();
        if (version != expectedVersion) {
            return false;
        }
        values.put(k, new Versioned(value.clone(), version + 1));
        return true;
    }

    @Override
    public boolean delete(String namespace, String key) {
        return values.remove(namespace + "/" + key) != null;
    }

    @Override
    public boolean delete(String namespace, String key, long expectedVersion) {
        throw new UnsupportedOperationException("not used by the configuration history");
    }

    @Override
    public List<String> keys(String namespace) {
        return values.keySet().stream()
                .filter(k -> k.startsWith(namespace + "/"))
                .map(k -> k.substring(namespace.length() + 1))
                .toList();
    }
}

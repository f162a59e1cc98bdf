package dev.armature.monitoring.internal.route;

import dev.armature.api.state.StateStore;
import dev.armature.api.state.Versioned;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** A state store in memory, shared by the "runs" of a restart test. */
final class MemoryStateStore implements StateStore {
    private final Map<String, Versioned> entries = new ConcurrentHashMap<>();

    private static String k(String namespace, String key) {
        return namespace + '\u0000' + key;
    }

    @Override
    public Optional<Versioned> get(String namespace, String key) {
        Versioned e = entries.get(k(namespace, key));
        return e == null
                ? Optional.empty()
                : Optional.of(new Versioned(e.value().clone(), e.version()));
    }

    @Override
    public synchronized long put(String namespace, String key, byte[] value) {
        Versioned before = entries.get(k(namespace, key));
        long version = before == null ? 1 : before.version() + 1;
        entries.put(k(namespace, key), new Versioned(value.clone(), version));
        return version;
    }

    @Override
    public synchronized boolean compareAndSet(String namespace, String key, long expectedVersion, byte[] value) {
        Versioned before = entries.get(k(namespace, key));
        long current = before == null ? 0 : before.version();
        if (current != expectedVersion) {
            return false;
        }
        put(namespace, key, value);
        return true;
    }

    @Override
    public boolean delete(String namespace, String key) {
        return entries.remove(k(namespace, key)) != null;
    }

    @Override
    public synchronized boolean delete(String namespace, String key, long expectedVersion) {
        Versioned before = entries.get(k(namespace, key));
        if (before == null || before.version() != expectedVersion) {
            return false;
        }
        entries.remove(k(namespace, key));
        return true;
    }

    @Override
    public List<String> keys(String namespace) {
        List<String> out = new ArrayList<>();
        for (String key : entries.keySet()) {
            if (key.startsWith(namespace + '\u0000')) {
                out.add(key.substring(namespace.length() + 1));
            }
        }
        out.sort(null);
        return out;
    }
}

package dev.armature.core.internal.config;

import dev.armature.api.config.ConfigException;
import dev.armature.api.config.ConfigOrigin;
import dev.armature.api.config.ConfigSnapshot;
import dev.armature.api.config.Secret;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/** Internal: an immutable snapshot; a typed read of a declared key is one hash lookup. */
final class DefaultSnapshot implements ConfigSnapshot {
    private final long version;
    private final Map<String, Entry> entries;
    private final NavigableSet<String> keys;
    private final Map<String, List<Candidate>> candidates;

    DefaultSnapshot(long version, Map<String, Entry> entries, Map<String, List<Candidate>> candidates) {
        this.version = version;
        // Interned keys: a caller's key is usually a literal, and then HashMap finds it by identity
        // without comparing the characters.
        this.entries = new HashMap<>(entries.size() * 2);
        entries.forEach((k, v) -> this.entries.put(k.intern(), v));
        this.keys = Collections.unmodifiableNavigableSet(new TreeSet<>(entries.keySet()));
        this.candidates = candidates;
    }

    private DefaultSnapshot(DefaultSnapshot base, long version) {
        this.version = version;
        this.entries = base.entries;
        this.keys = base.keys;
        this.candidates = base.candidates;
    }

    DefaultSnapshot withVersion(long newVersion) {
        return new DefaultSnapshot(this, newVersion);
    }

    @Override
    public long version() {
        return version;
    }

    @Override
    public <T> T get(String key, Class<T> type) {
        Entry e = entries.get(key);
        if (e == null) {
            throw new ConfigException(
                    "armature.config.missing",
                    "no source sets " + key + "; set it in a configuration file, as an environment variable or as a"
                            + " system property, or read it with getOptional",
                    key,
                    null);
        }
        return read(e, type);
    }

    @Override
    public <T> Optional<T> getOptional(String key, Class<T> type) {
        Entry e = entries.get(key);
        return e == null ? Optional.empty() : Optional.of(read(e, type));
    }

    private static <T> T read(Entry e, Class<T> type) {
        Object value = e.value;
        if (value.getClass() == type) {
            // The common case, a declared key read as its declared type: one class comparison
            // instead of the two subtype checks of isInstance and cast.
            @SuppressWarnings("unchecked") // the value's class is exactly T
            T exact = (T) value;
            return exact;
        }
        if (type.isInstance(value)) {
            return type.cast(value);
        }
        @SuppressWarnings("unchecked") // boxed(type) is T's class, or T's own wrapper for a primitive
        Class<T> boxed = (Class<T>) Conversions.boxed(type);
        if (boxed.isInstance(e.value)) {
            return boxed.cast(e.value);
        }
        Object cached = e.cachedAs(boxed);
        if (cached != null) {
            return boxed.cast(cached);
        }
        return boxed.cast(e.cache(boxed, convert(e, boxed)));
    }

    private static Object convert(Entry e, Class<?> type) {
        if (e.text == null) {
            throw new ConfigException(
                    "armature.config.type",
                    e.key + " is a secret (" + e.origin + "); read it as " + Secret.class.getName(),
                    e.key,
                    null);
        }
        if (e.value instanceof List<?> || e.value instanceof Map<?, ?>) {
            throw typeError(
                    e, type, "it is a " + (e.value instanceof List<?> ? "list; use getList" : "map; use getMap"));
        }
        try {
            return Conversions.toClass(e.text, type);
        } catch (IllegalArgumentException ex) {
            throw typeError(e, type, ex.getMessage());
        }
    }

    private static ConfigException typeError(Entry e, Class<?> type, @Nullable String why) {
        return new ConfigException(
                "armature.config.type",
                e.key + " (" + e.origin + ") cannot be read as " + type.getSimpleName() + ": " + why,
                e.key,
                null);
    }

    @Override
    public <E> List<E> getList(String key, Class<E> elementType) {
        Entry whole = entries.get(key);
        if (whole != null && whole.value instanceof List<?> list) {
            List<E> out = new ArrayList<>(list.size());
            for (Object o : list) {
                out.add(castElement(key, o, elementType, whole));
            }
            return List.copyOf(out);
        }
        List<E> out = new ArrayList<>();
        for (int i = 0; ; i++) {
            Entry e = entries.get(key + "[" + i + "]");
            if (e == null) {
                break;
            }
            out.add(read(e, elementType));
        }
        if (out.isEmpty() && whole != null) {
            if (whole.text == null) {
                return List.of(read(whole, elementType));
            }
            for (String part : whole.text.split(",", -1)) {
                String trimmed = part.trim();
                if (!trimmed.isEmpty()) {
                    out.add(readText(whole, trimmed, elementType));
                }
            }
        }
        return List.copyOf(out);
    }

    private static <E> E castElement(String key, Object o, Class<E> type, Entry whole) {
        @SuppressWarnings("unchecked") // boxed(type) is E's class or its wrapper
        Class<E> boxed = (Class<E>) Conversions.boxed(type);
        if (boxed.isInstance(o)) {
            return boxed.cast(o);
        }
        if (o instanceof String s) {
            return readText(whole, s, type);
        }
        throw typeError(whole, type, "its elements are " + o.getClass().getSimpleName() + " (in " + key + ")");
    }

    private static <E> E readText(Entry e, String text, Class<E> type) {
        @SuppressWarnings("unchecked") // boxed(type) is E's class or its wrapper
        Class<E> boxed = (Class<E>) Conversions.boxed(type);
        try {
            return boxed.cast(Conversions.toClass(text, boxed));
        } catch (IllegalArgumentException ex) {
            throw typeError(e, type, ex.getMessage());
        }
    }

    @Override
    public <V> Map<String, V> getMap(String prefix, Class<V> valueType) {
        Entry whole = entries.get(prefix);
        if (whole != null && whole.value instanceof Map<?, ?> map) {
            Map<String, V> out = new LinkedHashMap<>();
            map.forEach((k, v) -> out.put(String.valueOf(k), castElement(prefix, v, valueType, whole)));
            return Collections.unmodifiableMap(out);
        }
        Map<String, V> out = new LinkedHashMap<>();
        String start = prefix + ".";
        for (String key : keys.tailSet(start)) {
            if (!key.startsWith(start)) {
                break;
            }
            String rest = key.substring(start.length());
            if (!rest.contains(".") && !rest.contains("[")) {
                Entry e = entries.get(key);
                if (e != null) {
                    out.put(rest, read(e, valueType));
                }
            }
        }
        return Collections.unmodifiableMap(out);
    }

    @Override
    public <T> T bind(String prefix, Class<T> type) {
        return RecordBinder.bind(this, prefix, type);
    }

    @Override
    public Set<String> keys() {
        return keys;
    }

    @Override
    public Optional<ConfigOrigin> origin(String key) {
        Entry e = entries.get(key);
        return e == null ? Optional.empty() : Optional.of(e.origin);
    }

    @Nullable
    Entry entry(String key) {
        return entries.get(key);
    }

    Map<String, Entry> entries() {
        return Collections.unmodifiableMap(entries);
    }

    List<Candidate> candidates(String key) {
        return candidates.getOrDefault(key, List.of());
    }

    /** The keys under a prefix, in order. */
    Set<String> keysUnder(String prefix) {
        if (prefix.isEmpty()) {
            return keys;
        }
        Set<String> out = new TreeSet<>();
        for (String key : keys.tailSet(prefix)) {
            if (!key.startsWith(prefix)) {
                break;
            }
            if (key.length() == prefix.length()
                    || key.charAt(prefix.length()) == '.'
                    || key.charAt(prefix.length()) == '[') {
                out.add(key);
            }
        }
        return out;
    }
}

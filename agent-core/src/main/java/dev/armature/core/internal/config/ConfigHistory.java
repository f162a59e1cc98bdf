package dev.armature.core.internal.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import dev.armature.api.config.ConfigDiff;
import dev.armature.api.config.ConfigException;
import dev.armature.api.config.ConfigVersion;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * Internal: the applied versions, newest last, bounded; each keeps its masked diff for people and
 * its values for rollback, where a secret is kept only as its {@code ENC(…)} text or not at all (a
 * reference to the source that holds it). Not thread-safe: the manager serialises access.
 */
final class ConfigHistory {
    static final int DEFAULT_SIZE = 50;

    private static final ObjectMapper JSON =
            JsonMapper.builder().addModule(new Jdk8Module()).build();

    private final Deque<Applied> records = new ArrayDeque<>();
    private int capacity;

    /** One applied version. */
    record Applied(
            long version,
            Instant appliedAt,
            String source,
            List<ConfigDiff> diff,
            Map<String, String> values,
            Set<String> keys) {
        Applied {
            diff = List.copyOf(diff);
            values = Map.copyOf(values);
            keys = Set.copyOf(keys);
        }

        ConfigVersion toVersion() {
            return new ConfigVersion(version, appliedAt, source, diff);
        }
    }

    /** What is persisted: the records, and the rollback in force. */
    record Persisted(List<Stored> records, @Nullable Long rollbackTo) {}

    /** A record as stored, with its time as ISO-8601 text. */
    record Stored(
            long version,
            String appliedAt,
            String source,
            List<ConfigDiff> diff,
            Map<String, String> values,
            Set<String> keys) {
        static Stored of(Applied a) {
            return new Stored(a.version(), a.appliedAt().toString(), a.source(), a.diff(), a.values(), a.keys());
        }

        Applied toApplied() {
            return new Applied(version, Instant.parse(appliedAt), source, diff, values, keys);
        }
    }

    ConfigHistory(int capacity) {
        this.capacity = Math.max(1, capacity);
    }

    void capacity(int newCapacity) {
        capacity = Math.max(1, newCapacity);
        trim();
    }

    void add(Applied record) {
        records.addLast(record);
        trim();
    }

    private void trim() {
        while (records.size() > capacity) {
            records.removeFirst();
        }
    }

    void clear() {
        records.clear();
    }

    long lastVersion() {
        return records.isEmpty() ? 0 : records.getLast().version();
    }

    Optional<Applied> find(long version) {
        return records.stream().filter(r -> r.version() == version).findFirst();
    }

    Optional<Applied> last() {
        return Optional.ofNullable(records.peekLast());
    }

    List<ConfigVersion> versions() {
        return records.stream().map(Applied::toVersion).toList();
    }

    /** Keeps the stored values of a snapshot: plain texts escaped, {@code ENC(…)} as written, others left out. */
    static Map<String, String> storedValues(DefaultSnapshot snapshot) {
        Map<String, String> out = new TreeMap<>();
        snapshot.entries().forEach((key, e) -> {
            if (e.storedText != null && !e.origin.source().equals("defaults")) {
                out.put(key, e.storedText);
            }
        });
        return out;
    }

    /** The masked diff between two snapshots, in key order. */
    static List<ConfigDiff> diff(@Nullable DefaultSnapshot before, DefaultSnapshot after) {
        Set<String> keys = new TreeSet<>(after.keys());
        if (before != null) {
            keys.addAll(before.keys());
        }
        List<ConfigDiff> out = new ArrayList<>();
        for (String key : keys) {
            Entry a = before == null ? null : before.entry(key);
            Entry b = after.entry(key);
            if (a != null && b != null && a.sameValue(b)) {
                continue;
            }
            out.add(new ConfigDiff(
                    key,
                    Optional.ofNullable(a).map(Entry::display),
                    Optional.ofNullable(b).map(Entry::display)));
        }
        return out;
    }

    byte[] encode(@Nullable Long rollbackTo) {
        try {
            return JSON.writeValueAsBytes(
                    new Persisted(records.stream().map(Stored::of).toList(), rollbackTo));
        } catch (JsonProcessingException e) {
            throw new ConfigException("armature.config.history", "cannot encode the configuration history", null, e);
        }
    }

    static Persisted decode(byte[] bytes) {
        try {
            return JSON.readValue(bytes, Persisted.class);
        } catch (IOException | RuntimeException e) {
            throw new ConfigException(
                    "armature.config.history",
                    "the stored configuration history cannot be read ("
                            + e.getClass().getSimpleName()
                            + "); delete the namespace 'config' of the state store to start a new history",
                    null,
                    e);
        }
    }
}

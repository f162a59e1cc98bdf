package dev.armature.core.internal.config;

import dev.armature.api.config.ConfigException;
import dev.armature.api.config.ConfigProperty;
import dev.armature.api.config.ConfigSchema;
import dev.armature.api.config.ConfigType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Internal: every declared key of a system's schemas, found by exact key, by {@code *} pattern, by
 * a former name, or as the parent of a list element or map entry.
 */
final class SchemaIndex {
    private final List<ConfigSchema> schemas;
    private final Map<String, ConfigProperty> exact = new LinkedHashMap<>();
    private final List<ConfigProperty> patterns = new ArrayList<>();
    /** Patterns by their number of segments: a key is matched only against those of its own length. */
    private final Map<Integer, List<ConfigProperty>> patternsBySegments = new HashMap<>();
    /** Whether any list or map property is declared; without one, {@link #container} has no answer. */
    private boolean hasContainers;

    private final Map<String, String> relocations = new HashMap<>();
    private final List<String> prefixes = new ArrayList<>();

    SchemaIndex(List<ConfigSchema> schemas) {
        this.schemas = List.copyOf(schemas);
        Map<String, String> owners = new HashMap<>();
        for (ConfigSchema schema : schemas) {
            for (ConfigProperty p : schema.properties()) {
                String previous = owners.putIfAbsent(p.key(), schema.owner());
                if (previous != null) {
                    throw new ConfigException(
                            "armature.config.schema-conflict",
                            "the key " + p.key() + " is declared by both " + previous + " and " + schema.owner()
                                    + "; one owner must declare it, or one must choose another prefix",
                            p.key(),
                            null);
                }
                hasContainers |= isContainer(p);
                if (p.key().contains("*")) {
                    patterns.add(p);
                    patternsBySegments
                            .computeIfAbsent(segments(p.key()), n -> new ArrayList<>())
                            .add(p);
                } else {
                    exact.put(p.key(), p);
                }
                for (String old : p.relocatedFrom()) {
                    relocations.put(old, p.key());
                }
            }
            prefixes.addAll(schema.prefixes());
        }
    }

    List<ConfigSchema> schemas() {
        return schemas;
    }

    /** The property that declares a key exactly or by pattern. */
    Optional<ConfigProperty> find(String key) {
        ConfigProperty p = exact.get(key);
        if (p != null) {
            return Optional.of(p);
        }
        for (ConfigProperty pattern : patternsBySegments.getOrDefault(segments(key), List.of())) {
            if (matches(pattern.key(), key)) {
                return Optional.of(pattern);
            }
        }
        return Optional.empty();
    }

    private static int segments(String key) {
        int n = 1;
        for (int i = key.indexOf('.'); i >= 0; i = key.indexOf('.', i + 1)) {
            n++;
        }
        return n;
    }

    private static boolean isContainer(ConfigProperty p) {
        return p.type() instanceof ConfigType.ListOf || p.type() instanceof ConfigType.MapOf;
    }

    /** The property a key belongs to as a list element ({@code a.b[2]}) or map entry ({@code a.b.x}). */
    Optional<ConfigProperty> container(String key) {
        int bracket = key.indexOf('[');
        if (!hasContainers) {
            return Optional.empty();
        }
        if (bracket > 0) {
            Optional<ConfigProperty> list = find(key.substring(0, bracket));
            if (list.isPresent() && list.get().type() instanceof ConfigType.ListOf) {
                return list;
            }
        }
        for (int dot = key.lastIndexOf('.'); dot > 0; dot = key.lastIndexOf('.', dot - 1)) {
            Optional<ConfigProperty> map = find(key.substring(0, dot));
            if (map.isPresent() && map.get().type() instanceof ConfigType.MapOf) {
                return map;
            }
        }
        return Optional.empty();
    }

    /** The current key of a former name. */
    Optional<String> relocatedTo(String oldKey) {
        return Optional.ofNullable(relocations.get(oldKey));
    }

    /** Exactly declared properties, for defaults and required checks. */
    Iterable<ConfigProperty> exactProperties() {
        return exact.values();
    }

    /** The claimed prefix a key falls under, if any. */
    Optional<String> claimingPrefix(String key) {
        for (String prefix : prefixes) {
            if (key.equals(prefix) || key.startsWith(prefix + ".") || key.startsWith(prefix + "[")) {
                return Optional.of(prefix);
            }
        }
        return Optional.empty();
    }

    /** The declared key nearest to an unknown one, if any is near enough to be a likely typo. */
    Optional<String> suggest(String unknown) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        List<String> candidates = new ArrayList<>();
        exact.keySet().forEach(k -> addWithParents(candidates, k));
        patterns.forEach(p -> addWithParents(candidates, p.key()));
        for (String candidate : candidates) {
            int d = distance(unknown, candidate);
            if (d < bestDistance) {
                bestDistance = d;
                best = candidate;
            }
        }
        int limit = Math.max(2, unknown.length() / 4);
        return best != null && bestDistance <= limit ? Optional.of(best) : Optional.empty();
    }

    /** A key and its parents, so that a misspelt parent ({@code histroy.size}) finds its match. */
    private static void addWithParents(List<String> out, String key) {
        out.add(key);
        for (int dot = key.lastIndexOf('.'); dot > 0; dot = key.lastIndexOf('.', dot - 1)) {
            out.add(key.substring(0, dot));
        }
    }

    /** Whether a key matches a pattern whose {@code *} segments match any one segment; compares in place. */
    static boolean matches(String pattern, String key) {
        int p = 0;
        int k = 0;
        while (true) {
            int pEnd = pattern.indexOf('.', p);
            pEnd = pEnd < 0 ? pattern.length() : pEnd;
            int kEnd = key.indexOf('.', k);
            kEnd = kEnd < 0 ? key.length() : kEnd;
            boolean wildcard = pEnd - p == 1 && pattern.charAt(p) == '*';
            if (!wildcard && (pEnd - p != kEnd - k || !pattern.regionMatches(p, key, k, pEnd - p))) {
                return false;
            }
            boolean patternDone = pEnd == pattern.length();
            boolean keyDone = kEnd == key.length();
            if (patternDone || keyDone) {
                return patternDone && keyDone;
            }
            p = pEnd + 1;
            k = kEnd + 1;
        }
    }

    /** Levenshtein distance, with {@code *} in the declared key matching any one segment cheaply. */
    static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}

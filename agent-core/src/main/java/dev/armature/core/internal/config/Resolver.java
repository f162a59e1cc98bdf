package dev.armature.core.internal.config;

import static java.util.Objects.requireNonNull;

import dev.armature.api.config.ConfigException;
import dev.armature.api.config.ConfigOrigin;
import dev.armature.api.config.ConfigProperty;
import dev.armature.api.config.ConfigType;
import dev.armature.api.config.ConfigViolation;
import dev.armature.api.config.Secret;
import dev.armature.core.internal.config.crypto.EncryptedValues;
import dev.armature.spi.config.SourceValue;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Internal: builds a snapshot from layers: picks each key's winner by ordinal, profile and rank,
 * resolves expressions, decrypts, parses declared keys, and collects every violation of the schema.
 */
final class Resolver {
    /** The key that names the active profiles, comma-separated; the last listed wins. */
    static final String PROFILE_KEY = "armature.profile";

    private static final Pattern INDEX = Pattern.compile("\\[(\\d+)]$");

    private final SchemaIndex schema;
    private final Decryptor decryptor;

    Resolver(SchemaIndex schema, Decryptor decryptor) {
        this.schema = schema;
        this.decryptor = decryptor;
    }

    /** Opens {@code ENC(…)} values. */
    interface Decryptor {
        /** Decrypts, or throws a {@link ConfigException} naming the key and key id. */
        Secret decrypt(String encrypted, String key);
    }

    /** A rollback in force: the values of a version, which also hides keys that version lacked. */
    record Rollback(long version, Layer layer, Set<String> keys) {}

    /** The outcome of one build. */
    record Resolution(DefaultSnapshot snapshot, List<ConfigViolation> violations, List<String> deprecations) {}

    /** The active profiles named by plain (unqualified) keys, in order. */
    static List<String> profiles(List<Layer> layers) {
        @Nullable Layer best = null;
        @Nullable String text = null;
        for (Layer layer : layers) {
            SourceValue v = layer.values().get(PROFILE_KEY);
            if (v != null && (best == null || layer.outranks(best))) {
                best = layer;
                text = v.text();
            }
        }
        if (text == null) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (String p : text.split(",", -1)) {
            if (!p.isBlank() && !out.contains(p.trim())) {
                out.add(p.trim());
            }
        }
        return List.copyOf(out);
    }

    Resolution resolve(List<Layer> sourceLayers, @Nullable Rollback rollback) {
        List<Layer> layers = new ArrayList<>();
        layers.add(defaultsLayer());
        layers.addAll(sourceLayers);
        if (rollback != null) {
            layers.add(rollback.layer());
        }
        List<String> profiles = profiles(layers);
        List<ConfigViolation> violations = new ArrayList<>();
        List<String> deprecations = new ArrayList<>();

        Map<String, List<Candidate>> candidates = new TreeMap<>();
        for (Layer layer : layers) {
            for (Map.Entry<String, SourceValue> e : layer.values().entrySet()) {
                addCandidate(candidates, layer, e.getKey(), e.getValue(), profiles);
            }
        }
        Map<String, Candidate> winners = new LinkedHashMap<>();
        for (Map.Entry<String, List<Candidate>> e : candidates.entrySet()) {
            List<Candidate> list = e.getValue();
            list.sort((a, b) -> a.outranks(b) ? -1 : b.outranks(a) ? 1 : 0);
            Candidate winner = list.get(0);
            if (rollback != null
                    && !rollback.keys().contains(e.getKey())
                    && !winner.layer().equals(rollback.layer())) {
                continue;
            }
            winners.put(e.getKey(), winner);
            if (winner.relocated()) {
                deprecations.add(
                        winner.sourceKey() + " (" + winner.origin() + ") is deprecated; rename it to " + e.getKey());
            }
        }

        Map<String, String> texts = new LinkedHashMap<>();
        winners.forEach((k, c) -> texts.put(k, c.value().text()));
        Expressions.Result expr = Expressions.resolveAll(texts);
        expr.failures().forEach((k, why) -> violations.add(ConfigViolation.of(k, why, origin(winners, k))));

        Map<String, Entry> entries = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : expr.resolved().entrySet()) {
            String key = e.getKey();
            Entry entry = entry(key, e.getValue(), requireNonNull(winners.get(key)), violations);
            if (entry != null) {
                entries.put(key, entry);
            }
        }
        collectContainers(entries, violations);
        checkRequiredAndUnknown(entries, winners, violations);
        violations.sort(Comparator.comparing(ConfigViolation::key));
        return new Resolution(new DefaultSnapshot(0, entries, candidates), List.copyOf(violations), deprecations);
    }

    private static ConfigOrigin origin(Map<String, Candidate> winners, String key) {
        return requireNonNull(winners.get(key), key).origin();
    }

    private static String why(RuntimeException e) {
        return String.valueOf(e.getMessage());
    }

    private Layer defaultsLayer() {
        Map<String, SourceValue> defaults = new LinkedHashMap<>();
        for (ConfigProperty p : schema.exactProperties()) {
            p.defaultValue().ifPresent(d -> defaults.put(p.key(), SourceValue.of(d)));
        }
        return new Layer("defaults", 0, Integer.MIN_VALUE, defaults);
    }

    private void addCandidate(
            Map<String, List<Candidate>> candidates,
            Layer layer,
            String sourceKey,
            SourceValue value,
            List<String> profiles) {
        String key = sourceKey;
        int profileRank = 0;
        if (key.startsWith("%")) {
            int dot = key.indexOf('.');
            if (dot < 0) {
                return;
            }
            int index = profiles.indexOf(key.substring(1, dot));
            if (index < 0) {
                return; // a profile not in force
            }
            profileRank = index + 1;
            key = key.substring(dot + 1);
        }
        Optional<String> relocated = schema.relocatedTo(key);
        String target = relocated.orElse(key);
        candidates
                .computeIfAbsent(target, k -> new ArrayList<>())
                .add(new Candidate(sourceKey, value, layer, profileRank, relocated.isPresent()));
    }

    private @Nullable Entry entry(String key, String text, Candidate winner, List<ConfigViolation> violations) {
        ConfigOrigin origin = winner.origin();
        Optional<ConfigProperty> declared = schema.find(key);
        @Nullable ConfigProperty property = declared.orElse(null);
        boolean encrypted = EncryptedValues.isEncrypted(text);
        if (encrypted) {
            if (property != null && property.type() != ConfigType.STRING) {
                violations.add(ConfigViolation.of(
                        key, "is encrypted, but only strings can be; declare it as a secret string", origin));
                return null;
            }
            try {
                Secret secret = decryptor.decrypt(text, key);
                if (property != null) {
                    int before = violations.size();
                    checkConstraints(key, secret.reveal(), secret.reveal(), property, origin, violations);
                    if (violations.size() > before) {
                        return null;
                    }
                }
                return new Entry(key, null, secret, origin, property, text.trim());
            } catch (ConfigException e) {
                violations.add(ConfigViolation.of(key, why(e), origin));
                return null;
            }
        }
        if (property == null) {
            return new Entry(key, text, text, origin, null, Expressions.escape(text));
        }
        if (property.secret()) {
            // a plain secret from a source is kept in the history as a reference to that source only
            int before = violations.size();
            Object typed = text;
            if (!(property.type() instanceof ConfigType.ListOf || property.type() instanceof ConfigType.MapOf)) {
                try {
                    typed = Conversions.toScalar(text, property.type());
                } catch (IllegalArgumentException e) {
                    // Not why(e): the conversion's message quotes the value, which is secret.
                    violations.add(ConfigViolation.of(
                            key,
                            "is not a valid value (" + describe(property) + "); the value is secret and not shown",
                            origin));
                    return null;
                }
            }
            checkConstraints(key, text, typed, property, origin, violations);
            return violations.size() > before ? null : new Entry(key, null, Secret.of(text), origin, property, null);
        }
        if (property.type() instanceof ConfigType.ListOf || property.type() instanceof ConfigType.MapOf) {
            Object container = property.type() instanceof ConfigType.ListOf l
                    ? splitList(key, text, l.element(), origin, violations)
                    : text;
            return new Entry(key, text, container, origin, property, Expressions.escape(text));
        }
        try {
            Object value = Conversions.toScalar(text, property.type());
            checkConstraints(key, text, value, property, origin, violations);
            return new Entry(key, text, value, origin, property, Expressions.escape(text));
        } catch (IllegalArgumentException e) {
            violations.add(ConfigViolation.of(key, why(e) + " (" + describe(property) + ")", origin));
            return null;
        }
    }

    private static String describe(ConfigProperty p) {
        return "declared as " + Conversions.describe(p.type());
    }

    private List<Object> splitList(
            String key, String text, ConfigType element, ConfigOrigin origin, List<ConfigViolation> violations) {
        List<Object> out = new ArrayList<>();
        if (text.isBlank()) {
            return out;
        }
        String[] parts = text.split(",", -1);
        for (int i = 0; i < parts.length; i++) {
            try {
                out.add(Conversions.toScalar(parts[i].trim(), element));
            } catch (IllegalArgumentException e) {
                violations.add(ConfigViolation.of(key + "[" + i + "]", why(e), origin));
            }
        }
        return out;
    }

    private void checkConstraints(
            String key, String text, Object value, ConfigProperty p, ConfigOrigin origin, List<ConfigViolation> out) {
        p.min().ifPresent(min -> {
            Object bound = Conversions.toScalar(min, p.type());
            if (Conversions.compare(value, bound) == -1) {
                out.add(ConfigViolation.of(key, "must be at least " + min, origin));
            }
        });
        p.max().ifPresent(max -> {
            Object bound = Conversions.toScalar(max, p.type());
            if (Conversions.compare(value, bound) == 1) {
                out.add(ConfigViolation.of(key, "must be at most " + max, origin));
            }
        });
        p.pattern().ifPresent(regex -> {
            if (!Pattern.compile(regex).matcher(text).matches()) {
                out.add(ConfigViolation.of(key, "must match " + regex, origin));
            }
        });
        if (!p.allowedValues().isEmpty() && !p.allowedValues().contains(text)) {
            out.add(ConfigViolation.of(key, "must be one of " + String.join(", ", p.allowedValues()), origin));
        }
    }

    /** Gathers {@code a.b[i]} elements into a declared list and {@code a.b.x} entries into a declared map. */
    private void collectContainers(Map<String, Entry> entries, List<ConfigViolation> violations) {
        Map<String, TreeMap<Integer, Object>> lists = new HashMap<>();
        Map<String, Map<String, Object>> maps = new HashMap<>();
        Map<String, Entry> firstMember = new HashMap<>();
        for (Entry e : new ArrayList<>(entries.values())) {
            Optional<ConfigProperty> container = schema.container(e.key);
            if (container.isEmpty() || e.property != null) {
                continue;
            }
            ConfigProperty p = container.get();
            String base;
            Object member;
            if (p.type() instanceof ConfigType.ListOf l) {
                base = e.key.substring(0, e.key.indexOf('['));
                var m = INDEX.matcher(e.key);
                if (!m.find() || m.start() != base.length()) {
                    continue; // a nested element, such as a[0].name: left to binding
                }
                member = typed(e, l.element(), violations);
                if (member != null) {
                    lists.computeIfAbsent(base, k -> new TreeMap<>()).put(Integer.parseInt(m.group(1)), member);
                }
            } else {
                ConfigType.MapOf mapType = (ConfigType.MapOf) p.type();
                base = mapBase(e.key, p);
                String rest = e.key.substring(base.length() + 1);
                if (rest.contains(".") || rest.contains("[")) {
                    continue;
                }
                member = typed(e, mapType.value(), violations);
                if (member != null) {
                    maps.computeIfAbsent(base, k -> new TreeMap<>()).put(rest, member);
                }
            }
            firstMember.putIfAbsent(base, e);
        }
        lists.forEach((base, elements) -> {
            Entry first = requireNonNull(firstMember.get(base), base);
            List<Object> values = List.copyOf(elements.values());
            entries.put(
                    base,
                    new Entry(
                            base,
                            values.toString(),
                            values,
                            first.origin,
                            schema.find(base).orElse(null),
                            null));
        });
        maps.forEach((base, members) -> {
            Entry first = requireNonNull(firstMember.get(base), base);
            Map<String, Object> values = Map.copyOf(members);
            entries.put(
                    base,
                    new Entry(
                            base,
                            new TreeMap<>(values).toString(),
                            values,
                            first.origin,
                            schema.find(base).orElse(null),
                            null));
        });
    }

    private String mapBase(String key, ConfigProperty map) {
        for (int dot = key.lastIndexOf('.'); dot > 0; dot = key.lastIndexOf('.', dot - 1)) {
            String base = key.substring(0, dot);
            if (schema.find(base).filter(p -> p.equals(map)).isPresent()) {
                return base;
            }
        }
        throw new IllegalStateException(key + " is not under " + map.key());
    }

    private static @Nullable Object typed(Entry e, ConfigType type, List<ConfigViolation> violations) {
        if (e.text == null) {
            return e.value;
        }
        try {
            return Conversions.toScalar(e.text, type);
        } catch (IllegalArgumentException ex) {
            violations.add(ConfigViolation.of(e.key, why(ex), e.origin));
            return null;
        }
    }

    private void checkRequiredAndUnknown(
            Map<String, Entry> entries, Map<String, Candidate> winners, List<ConfigViolation> violations) {
        for (ConfigProperty p : schema.exactProperties()) {
            if (p.required() && !winners.containsKey(p.key()) && !entries.containsKey(p.key())) {
                violations.add(ConfigViolation.missing(
                        p.key(),
                        "is required" + (p.description().isEmpty() ? "" : " (" + p.description() + ")")
                                + "; set it in a configuration file or the environment"));
            }
        }
        for (Map.Entry<String, Candidate> w : winners.entrySet()) {
            String key = w.getKey();
            if (schema.find(key).isPresent() || schema.container(key).isPresent()) {
                continue;
            }
            Optional<String> prefix = schema.claimingPrefix(key);
            if (prefix.isPresent()) {
                String hint = schema.suggest(key)
                        .map(s -> "; did you mean " + s + "?")
                        .orElse("; remove it or declare it in the schema");
                violations.add(ConfigViolation.of(
                        key,
                        "is not a known key under " + prefix.get() + hint,
                        w.getValue().origin()));
            }
        }
    }
}

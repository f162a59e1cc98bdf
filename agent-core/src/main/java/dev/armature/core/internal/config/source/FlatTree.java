package dev.armature.core.internal.config.source;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Rebuilds the tree that flat keys came from: {@code a.b} nests mappings, {@code a[0]} sequences.
 * The result is made of {@link LinkedHashMap}s, {@link ArrayList}s and strings, ready for Jackson.
 */
final class FlatTree {
    private FlatTree() {}

    /**
     * Builds the tree.
     *
     * @param flat values by flat key
     * @return the top-level mapping
     * @throws IllegalArgumentException if the keys do not form a tree, naming the key
     */
    static Map<String, Object> build(Map<String, String> flat) {
        Map<String, Object> root = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : flat.entrySet()) {
            String key = e.getKey();
            List<Object> path = parseKey(key);
            if (!(path.get(0) instanceof String)) {
                throw new IllegalArgumentException("key '" + key + "': the top level must be a mapping, not a list");
            }
            Object container = root;
            for (int i = 0; i < path.size(); i++) {
                Object step = path.get(i);
                boolean last = i == path.size() - 1;
                Object child = last
                        ? e.getValue()
                        : path.get(i + 1) instanceof String ? new LinkedHashMap<>() : new TreeMap<>();
                container = descend(container, step, child, last, key);
            }
        }
        return finish(root);
    }

    @SuppressWarnings("unchecked") // the containers are the ones this class made
    private static Object descend(Object container, Object step, Object child, boolean last, String key) {
        Object existing;
        if (step instanceof String name) {
            if (!(container instanceof LinkedHashMap)) {
                throw conflict(key);
            }
            existing = ((Map<String, Object>) container).putIfAbsent(name, child);
        } else {
            if (!(container instanceof TreeMap)) {
                throw conflict(key);
            }
            existing = ((Map<Integer, Object>) container).putIfAbsent((Integer) step, child);
        }
        if (existing == null) {
            return child;
        }
        if (last || existing instanceof String || existing.getClass() != child.getClass()) {
            throw conflict(key);
        }
        return existing;
    }

    private static IllegalArgumentException conflict(String key) {
        return new IllegalArgumentException("key '" + key
                + "' does not fit the tree of the other keys: a key is both a value and a parent,"
                + " or both a mapping and a list");
    }

    @SuppressWarnings("unchecked") // the containers are the ones this class made
    private static Map<String, Object> finish(Map<String, Object> map) {
        Map<String, Object> out = new LinkedHashMap<>();
        map.forEach((k, v) -> out.put(k, finishValue(v, k)));
        return out;
    }

    @SuppressWarnings("unchecked") // the containers are the ones this class made
    private static Object finishValue(Object v, String where) {
        if (v instanceof TreeMap<?, ?> indexed) {
            List<Object> list = new ArrayList<>();
            for (Map.Entry<Integer, Object> e : ((TreeMap<Integer, Object>) indexed).entrySet()) {
                if (e.getKey() != list.size()) {
                    throw new IllegalArgumentException(
                            "the list under '" + where + "' has a gap: index " + list.size() + " is missing");
                }
                list.add(finishValue(e.getValue(), where + "[" + e.getKey() + "]"));
            }
            return list;
        }
        if (v instanceof LinkedHashMap<?, ?> map) {
            return finish((Map<String, Object>) map);
        }
        return v;
    }

    /**
     * Splits a flat key into names (strings) and indices (integers): {@code a.b[0][1].c} gives
     * {@code [a, b, 0, 1, c]}.
     */
    static List<Object> parseKey(String key) {
        List<Object> path = new ArrayList<>();
        int i = 0;
        int n = key.length();
        while (true) {
            int start = i;
            while (i < n && key.charAt(i) != '.' && key.charAt(i) != '[' && key.charAt(i) != ']') {
                i++;
            }
            if (i == start && !(path.isEmpty() && i < n && key.charAt(i) == '[')) {
                throw malformed(key);
            }
            if (i > start) {
                path.add(key.substring(start, i));
            }
            while (i < n && key.charAt(i) == '[') {
                int close = key.indexOf(']', i);
                if (close < 0) {
                    throw malformed(key);
                }
                String digits = key.substring(i + 1, close);
                if (!digits.matches("0|[1-9][0-9]{0,8}")) {
                    throw malformed(key);
                }
                path.add(Integer.parseInt(digits));
                i = close + 1;
            }
            if (i == n) {
                return path;
            }
            if (key.charAt(i) != '.') {
                throw malformed(key);
            }
            i++;
        }
    }

    private static IllegalArgumentException malformed(String key) {
        return new IllegalArgumentException("key '" + key
                + "' is not a flat key: expected names joined by dots, each with optional [index] suffixes");
    }
}

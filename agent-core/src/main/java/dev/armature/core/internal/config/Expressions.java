package dev.armature.core.internal.config;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Internal: resolves <code>${other.key}</code> and <code>${other.key:default}</code> in
 * configuration text. Defaults may hold expressions themselves; <code>$${</code> writes a literal
 * <code>${</code>. A reference to an absent key without a default, an unclosed expression, and a
 * cycle (named in full, {@code a -> b -> a}) are failures of the key that holds them.
 */
final class Expressions {
    private final Map<String, String> raw;
    private final Map<String, String> resolved = new HashMap<>();
    private final Map<String, String> failures = new LinkedHashMap<>();
    private final LinkedHashSet<String> stack = new LinkedHashSet<>();

    private Expressions(Map<String, String> raw) {
        this.raw = raw;
    }

    /** The outcome: every key's text, and the keys that failed with why. */
    record Result(Map<String, String> resolved, Map<String, String> failures) {}

    /** Resolves every value of a map of effective texts. */
    static Result resolveAll(Map<String, String> raw) {
        Expressions e = new Expressions(raw);
        for (String key : raw.keySet()) {
            try {
                e.resolve(key);
            } catch (ExpressionFailure f) {
                e.failures.putIfAbsent(key, f.getMessage());
                e.stack.clear();
            }
        }
        Map<String, String> ok = new LinkedHashMap<>();
        for (String key : raw.keySet()) {
            String text = e.resolved.get(key);
            if (text != null && !e.failures.containsKey(key)) {
                ok.put(key, text);
            }
        }
        return new Result(ok, e.failures);
    }

    /** Writes text so that resolving it gives it back unchanged. */
    static String escape(String text) {
        return text.replace("${", "$${");
    }

    /** Whether text holds an expression. */
    static boolean hasExpression(String text) {
        return text.contains("${");
    }

    private String resolve(String key) {
        String done = resolved.get(key);
        if (done != null) {
            return done;
        }
        String text = raw.get(key);
        if (text == null) {
            throw new ExpressionFailure(
                    "refers to " + key + ", which no source sets; set it or give a default as ${" + key + ":default}");
        }
        if (!stack.add(key)) {
            List<String> cycle = new ArrayList<>();
            boolean in = false;
            for (String k : stack) {
                in |= k.equals(key);
                if (in) {
                    cycle.add(k);
                }
            }
            cycle.add(key);
            throw new ExpressionFailure("expressions form a cycle: " + String.join(" -> ", cycle)
                    + "; break it by giving one of these keys a plain value");
        }
        String out = hasExpression(text) ? substitute(text, key) : text;
        stack.remove(key);
        resolved.put(key, out);
        return out;
    }

    private String substitute(String text, String owner) {
        StringBuilder out = new StringBuilder(text.length());
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '$' && text.startsWith("$${", i)) {
                out.append("${");
                i += 3;
            } else if (c == '$' && text.startsWith("${", i)) {
                int end = closingBrace(text, i + 2, owner);
                out.append(evaluate(text.substring(i + 2, end), owner));
                i = end + 1;
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    private static int closingBrace(String text, int from, String owner) {
        int depth = 1;
        for (int i = from; i < text.length(); i++) {
            if (text.startsWith("${", i)) {
                depth++;
                i++;
            } else if (text.charAt(i) == '}' && --depth == 0) {
                return i;
            }
        }
        throw new ExpressionFailure("has an expression that is not closed; write ${key} or ${key:default}, or $${ for"
                + " a literal ${ (in " + owner + ")");
    }

    private String evaluate(String body, String owner) {
        int colon = body.indexOf(':');
        String ref = (colon < 0 ? body : body.substring(0, colon)).trim();
        @Nullable String fallback = colon < 0 ? null : body.substring(colon + 1);
        if (ref.isEmpty()) {
            throw new ExpressionFailure("has an expression with no key; write ${key} or ${key:default}");
        }
        if (raw.containsKey(ref)) {
            return resolve(ref);
        }
        if (fallback != null) {
            return hasExpression(fallback) ? substitute(fallback, owner) : fallback;
        }
        return resolve(ref); // reports the missing key
    }

    /** A failed resolution; its message becomes the key's violation. */
    private static final class ExpressionFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;

        ExpressionFailure(String message) {
            super(message, null, false, false);
        }
    }
}

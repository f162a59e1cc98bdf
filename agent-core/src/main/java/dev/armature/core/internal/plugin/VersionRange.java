package dev.armature.core.internal.plugin;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Internal: a version range in Maven syntax — {@code [0.1,0.2)}, {@code [0.1,)}, {@code (,1.0]},
 * {@code [0.1]}, several joined by commas — or a bare version, which means exactly that version.
 * Versions are dot-separated non-negative integers compared numerically, missing parts counting as
 * zero ({@code 0.1} equals {@code 0.1.0}).
 */
final class VersionRange {
    private final String text;
    private final List<Interval> intervals;

    private VersionRange(String text, List<Interval> intervals) {
        this.text = text;
        this.intervals = List.copyOf(intervals);
    }

    /** Thrown for a range or version that does not follow the syntax. */
    static final class SyntaxException extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        SyntaxException(String message) {
            super(message);
        }
    }

    private record Interval(
            @Nullable List<Integer> lower,
            boolean lowerInclusive,
            @Nullable List<Integer> upper,
            boolean upperInclusive) {
        boolean contains(List<Integer> v) {
            if (lower != null) {
                int c = compare(v, lower);
                if (c < 0 || (c == 0 && !lowerInclusive)) {
                    return false;
                }
            }
            if (upper != null) {
                int c = compare(v, upper);
                return c < 0 || (c == 0 && upperInclusive);
            }
            return true;
        }
    }

    static VersionRange parse(String text) {
        requireNonNull(text, "text");
        String t = text.strip();
        if (t.isEmpty()) {
            throw new SyntaxException("a version range must not be empty");
        }
        if (t.charAt(0) != '[' && t.charAt(0) != '(') {
            List<Integer> exact = version(t);
            return new VersionRange(text, List.of(new Interval(exact, true, exact, true)));
        }
        List<Interval> intervals = new ArrayList<>();
        int i = 0;
        while (i < t.length()) {
            char open = t.charAt(i);
            if (open != '[' && open != '(') {
                throw new SyntaxException("expected '[' or '(' at position " + i + " of '" + text + "'");
            }
            int close = indexOfClose(t, i + 1);
            if (close < 0) {
                throw new SyntaxException("unclosed range starting at position " + i + " of '" + text + "'");
            }
            intervals.add(interval(t.substring(i + 1, close), open == '[', t.charAt(close) == ']', text));
            i = close + 1;
            if (i < t.length()) {
                if (t.charAt(i) != ',') {
                    throw new SyntaxException("expected ',' between ranges at position " + i + " of '" + text + "'");
                }
                i++;
                if (i == t.length()) {
                    throw new SyntaxException("a range must follow the last ',' in '" + text + "'");
                }
            }
        }
        return new VersionRange(text, intervals);
    }

    private static int indexOfClose(String t, int from) {
        for (int i = from; i < t.length(); i++) {
            char c = t.charAt(i);
            if (c == ']' || c == ')') {
                return i;
            }
            if (c == '[' || c == '(') {
                return -1;
            }
        }
        return -1;
    }

    private static Interval interval(String body, boolean lowerInclusive, boolean upperInclusive, String text) {
        int comma = body.indexOf(',');
        if (comma < 0) {
            if (!lowerInclusive || !upperInclusive) {
                throw new SyntaxException("a single version must be written [v], not '" + body + "' in '" + text + "'");
            }
            List<Integer> exact = version(body.strip());
            return new Interval(exact, true, exact, true);
        }
        if (body.indexOf(',', comma + 1) >= 0) {
            throw new SyntaxException("a range has at most two bounds, in '" + text + "'");
        }
        String lo = body.substring(0, comma).strip();
        String hi = body.substring(comma + 1).strip();
        @Nullable List<Integer> lower = lo.isEmpty() ? null : version(lo);
        @Nullable List<Integer> upper = hi.isEmpty() ? null : version(hi);
        if (lower == null && lowerInclusive) {
            throw new SyntaxException("an open lower bound takes '(', in '" + text + "'");
        }
        if (upper == null && upperInclusive) {
            throw new SyntaxException("an open upper bound takes ')', in '" + text + "'");
        }
        if (lower != null && upper != null) {
            int c = compare(lower, upper);
            if (c > 0 || (c == 0 && !(lowerInclusive && upperInclusive))) {
                throw new SyntaxException("the range (" + body + ") in '" + text + "' contains no version");
            }
        }
        return new Interval(lower, lowerInclusive, upper, upperInclusive);
    }

    static List<Integer> version(String text) {
        if (text.isEmpty() || text.startsWith(".") || text.endsWith(".") || text.contains("..")) {
            throw new SyntaxException("'" + text + "' is not a version: use numbers joined by dots, such as 0.1");
        }
        List<Integer> parts = new ArrayList<>();
        for (String part : text.split("\\.", -1)) {
            if (part.isEmpty() || part.length() > 9 || !part.chars().allMatch(c -> c >= '0' && c <= '9')) {
                throw new SyntaxException("'" + text + "' is not a version: use numbers joined by dots, such as 0.1");
            }
            parts.add(Integer.parseInt(part));
        }
        return List.copyOf(parts);
    }

    static int compare(List<Integer> a, List<Integer> b) {
        for (int i = 0; i < Math.max(a.size(), b.size()); i++) {
            int x = i < a.size() ? a.get(i) : 0;
            int y = i < b.size() ? b.get(i) : 0;
            if (x != y) {
                return Integer.compare(x, y);
            }
        }
        return 0;
    }

    boolean contains(String version) {
        List<Integer> v = version(version);
        return intervals.stream().anyMatch(i -> i.contains(v));
    }

    @Override
    public String toString() {
        return text;
    }
}

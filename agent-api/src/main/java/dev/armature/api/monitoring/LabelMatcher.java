package dev.armature.api.monitoring;

import static java.util.Objects.requireNonNull;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * One condition on a label, as Alertmanager writes it: {@code name=value}, {@code name!=value},
 * {@code name=~regex} or {@code name!~regex}. Routes, inhibition rules and {@link Silence}s select
 * alerts with lists of matchers, all of which must hold. A label the alert lacks reads as the empty
 * string, so {@code team!=db} holds for an alert without a {@code team} label. Regular expressions are
 * anchored: {@code team=~db|infra} matches {@code db} but not {@code dbx}. Immutable and thread-safe.
 *
 * <pre>{@code
 * LabelMatcher critical = LabelMatcher.parse("severity=critical");
 * LabelMatcher dbTeams = LabelMatcher.of("team", LabelMatcher.Operator.REGEX, "db|storage");
 * }</pre>
 *
 * @param name the label's name, not blank
 * @param operator how the value is compared
 * @param value the value, or for the regex operators the regular expression
 * @since 0.1
 */
public record LabelMatcher(String name, Operator operator, String value) {
    /** The compiled expressions of regex matchers, by their text, up to {@value #MAX_PATTERNS}. */
    private static final Map<String, Pattern> PATTERNS = new ConcurrentHashMap<>();

    /** Beyond this many (matchers made at run time, such as silences), expressions are compiled per use. */
    private static final int MAX_PATTERNS = 1_024;

    /**
     * How a matcher compares a label's value.
     *
     * @since 0.1
     */
    public enum Operator {
        /** {@code =}: the value equals. */
        EQUAL("="),
        /** {@code !=}: the value differs. */
        NOT_EQUAL("!="),
        /** {@code =~}: the whole value matches the regular expression. */
        REGEX("=~"),
        /** {@code !~}: the whole value does not match the regular expression. */
        NOT_REGEX("!~");

        private final String symbol;

        Operator(String symbol) {
            this.symbol = symbol;
        }

        /**
         * Returns how the operator is written: {@code =}, {@code !=}, {@code =~} or {@code !~}.
         *
         * @return the symbol
         */
        public String symbol() {
            return symbol;
        }
    }

    /**
     * Checks every part; a regular expression must compile.
     *
     * @param name the label's name
     * @param operator the operator
     * @param value the value or regular expression
     * @throws IllegalArgumentException if the name is blank or the regular expression does not compile
     */
    public LabelMatcher {
        requireNonNull(name, "name");
        requireNonNull(operator, "operator");
        requireNonNull(value, "value");
        if (name.isBlank()) {
            throw new IllegalArgumentException("a label matcher needs a label name, was blank");
        }
        if (operator == Operator.REGEX || operator == Operator.NOT_REGEX) {
            compile(name, value);
        }
    }

    /**
     * Returns a matcher.
     *
     * @param name the label's name
     * @param operator the operator
     * @param value the value or regular expression
     * @return the matcher
     * @throws IllegalArgumentException if the name is blank or the regular expression does not compile
     */
    public static LabelMatcher of(String name, Operator operator, String value) {
        return new LabelMatcher(name, operator, value);
    }

    /**
     * Returns a matcher for an equal value.
     *
     * @param name the label's name
     * @param value the value
     * @return the matcher {@code name=value}
     */
    public static LabelMatcher equal(String name, String value) {
        return new LabelMatcher(name, Operator.EQUAL, value);
    }

    /**
     * Reads a matcher written as {@code name=value}, {@code name!=value}, {@code name=~regex} or
     * {@code name!~regex}. Spaces around the name and the value are dropped, and a value in double
     * quotes loses them ({@code severity="critical"}).
     *
     * @param text the matcher's text
     * @return the matcher
     * @throws IllegalArgumentException if the text has no operator, no name, or a regular expression
     *     that does not compile; the message quotes the text
     */
    public static LabelMatcher parse(String text) {
        requireNonNull(text, "text");
        int eq = text.indexOf('=');
        int bang = text.indexOf('!');
        int at;
        Operator op;
        if (bang >= 0 && (eq < 0 || bang < eq) && bang + 1 < text.length()) {
            char next = text.charAt(bang + 1);
            if (next != '=' && next != '~') {
                throw new IllegalArgumentException(
                        "label matcher '" + text + "' has '!' without '=' or '~'; write name!=value or name!~regex");
            }
            at = bang;
            op = next == '=' ? Operator.NOT_EQUAL : Operator.NOT_REGEX;
        } else if (eq >= 0) {
            at = eq;
            op = eq + 1 < text.length() && text.charAt(eq + 1) == '~' ? Operator.REGEX : Operator.EQUAL;
        } else {
            throw new IllegalArgumentException("label matcher '" + text
                    + "' has no operator; write name=value, name!=value, name=~regex or name!~regex");
        }
        String name = text.substring(0, at).strip();
        String value = text.substring(at + op.symbol().length()).strip();
        if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
            value = value.substring(1, value.length() - 1);
        }
        if (name.isEmpty()) {
            throw new IllegalArgumentException("label matcher '" + text + "' has no label name before " + op.symbol());
        }
        return new LabelMatcher(name, op, value);
    }

    /**
     * Returns whether this matcher holds for a set of labels; a missing label reads as {@code ""}.
     *
     * @param labels the labels
     * @return whether it holds
     */
    public boolean matches(Map<String, String> labels) {
        String actual = labels.getOrDefault(name, "");
        return switch (operator) {
            case EQUAL -> actual.equals(value);
            case NOT_EQUAL -> !actual.equals(value);
            case REGEX -> compile(name, value).matcher(actual).matches();
            case NOT_REGEX -> !compile(name, value).matcher(actual).matches();
        };
    }

    private static Pattern compile(String name, String regex) {
        Pattern known = PATTERNS.get(regex);
        if (known != null) {
            return known; // matchers are checked for every alert the router sees: compile each once
        }
        try {
            Pattern compiled = Pattern.compile(regex);
            if (PATTERNS.size() < MAX_PATTERNS) {
                PATTERNS.putIfAbsent(regex, compiled);
            }
            return compiled;
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException(
                    "label matcher on '" + name + "' has a regular expression that does not compile: "
                            + e.getDescription() + " in '" + regex + "'",
                    e);
        }
    }

    /**
     * Returns the matcher as it is written, such as {@code severity=critical}; the value is quoted
     * when {@link #parse} would otherwise read it differently (a leading {@code ~} or {@code =},
     * surrounding spaces or quotes).
     *
     * @return the text {@link #parse} reads back as this matcher
     */
    @Override
    public String toString() {
        boolean quote = value.startsWith("~")
                || value.startsWith("=")
                || !value.equals(value.strip())
                || (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\""));
        return name + operator.symbol() + (quote ? "\"" + value + "\"" : value);
    }
}

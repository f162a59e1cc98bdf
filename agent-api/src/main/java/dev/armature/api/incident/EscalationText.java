package dev.armature.api.incident;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads and writes the parts of an escalation step's text: durations in the forms the configuration
 * accepts, counts and channel lists. agent-api cannot use agent-core's configuration parser, so the
 * duration forms are repeated here; they must stay the same as {@code ConfigType.DURATION}'s.
 */
final class EscalationText {
    /** The configuration's short form: a whole number and a unit, as core's config reads it. */
    private static final Pattern SHORT = Pattern.compile("(\\d+)(ns|us|ms|s|m|h|d)");

    /** A notification channel's name, as {@code NotificationChannel#name()} requires it. */
    private static final Pattern CHANNEL = Pattern.compile("[a-z0-9][a-z0-9-]*");

    private static final Pattern SPACES = Pattern.compile("\\s+");

    /** A comma with spaces around it, which the text form allows between channels. */
    private static final Pattern COMMA = Pattern.compile("\\s*,\\s*");

    private static final String FORMS = "write one of: wait 5m | notify pager,chat"
            + " | notify-next-each-time alice-pager,bob-pager | notify-if 3 in 10m pager | repeat 2"
            + " | auto-resolve-after-quiet 30m";

    private static final String DURATION_FORMS = "write a duration such as 30s, 5m, 1h, 1d or PT5M";

    private EscalationText() {}

    /** Reads a step's text; every failure is an {@link EscalationPolicyException} without its line. */
    static EscalationStep parseStep(String text) {
        String line = COMMA.matcher(text.strip()).replaceAll(",");
        if (line.isEmpty()) {
            throw problem("the step is empty; " + FORMS);
        }
        String[] words = SPACES.split(line, -1);
        String keyword = words[0].toLowerCase(Locale.ROOT);
        return switch (keyword) {
            case EscalationStep.Wait.KEYWORD -> {
                arity(words, 2, "wait 5m");
                yield new EscalationStep.Wait(positiveDuration(words[1], "a wait", "wait 5m"));
            }
            case EscalationStep.Notify.KEYWORD -> new EscalationStep.Notify(
                    targets(channelsOf(words, 1, "notify pager,chat"), "notify pager,chat"));
            case EscalationStep.NotifyNextEachTime.KEYWORD -> {
                String example = "notify-next-each-time alice-pager,bob-pager";
                yield new EscalationStep.NotifyNextEachTime(targets(channelsOf(words, 1, example), example));
            }
            case EscalationStep.NotifyIfNInWindow.KEYWORD -> notifyIf(words);
            case EscalationStep.Repeat.KEYWORD -> {
                arity(words, 2, "repeat 2");
                yield new EscalationStep.Repeat(count(words[1], "the number of repeats", "repeat 2"));
            }
            case EscalationStep.AutoResolveAfterQuiet.KEYWORD -> {
                String example = "auto-resolve-after-quiet 30m";
                arity(words, 2, example);
                yield new EscalationStep.AutoResolveAfterQuiet(positiveDuration(words[1], "the quiet time", example));
            }
            default -> throw problem("'" + words[0] + "' is not an escalation step; " + FORMS);
        };
    }

    private static EscalationStep notifyIf(String[] words) {
        String example = "notify-if 3 in 10m pager";
        if (words.length < 4 || !words[2].equalsIgnoreCase("in")) {
            throw problem("a notify-if step reads 'notify-if <n> in <window> <channels>'; write " + example);
        }
        int n = count(words[1], "the number of signals", example);
        Duration window = positiveDuration(words[3], "the window", example);
        return new EscalationStep.NotifyIfNInWindow(n, window, targets(channelsOf(words, 4, example), example));
    }

    /** The one word of channels at {@code at}, the last word of the step. */
    private static String channelsOf(String[] words, int at, String example) {
        if (words.length <= at) {
            throw problem("the step names no notification channel; write " + example);
        }
        if (words.length > at + 1) {
            throw problem("channels are separated by commas, not spaces; write " + example);
        }
        return words[at];
    }

    private static void arity(String[] words, int expected, String example) {
        if (words.length != expected) {
            throw problem("a " + words[0].toLowerCase(Locale.ROOT) + " step takes " + (expected - 1) + " argument, not "
                    + (words.length - 1) + "; write " + example);
        }
    }

    private static EscalationPolicyException problem(String what) {
        return new EscalationPolicyException(null, null, what);
    }

    /** Reads a duration, or returns empty with no exception when the text is not one. */
    static Optional<Duration> duration(String text) {
        Matcher m = SHORT.matcher(text);
        try {
            if (m.matches()) {
                long n = Long.parseLong(m.group(1));
                return Optional.of(
                        switch (m.group(2)) {
                            case "ns" -> Duration.ofNanos(n);
                            case "us" -> Duration.ofNanos(Math.multiplyExact(n, 1000L));
                            case "ms" -> Duration.ofMillis(n);
                            case "s" -> Duration.ofSeconds(n);
                            case "m" -> Duration.ofMinutes(n);
                            case "h" -> Duration.ofHours(n);
                            default -> Duration.ofDays(n);
                        });
            }
            if (text.startsWith("P") || text.startsWith("p") || text.startsWith("-P")) {
                return Optional.of(Duration.parse(text));
            }
        } catch (NumberFormatException | ArithmeticException | DateTimeParseException e) {
            // too long for a Duration, or not ISO-8601: the caller reports the accepted forms
        }
        return Optional.empty();
    }

    /** Reads a positive duration or throws naming what it is. */
    static Duration positiveDuration(String text, String what, String example) {
        Duration d = duration(text)
                .orElseThrow(() -> new EscalationPolicyException(
                        null, null, "'" + text + "' is not a duration for " + what + "; " + DURATION_FORMS));
        requirePositive(d, what, example);
        return d;
    }

    static void requirePositive(Duration d, String what, String example) {
        if (d.isZero() || d.isNegative()) {
            throw new EscalationPolicyException(
                    null, null, what + " must be longer than zero, was " + format(d) + "; write " + example);
        }
    }

    /** Writes a duration in the shortest form {@link #duration} reads back exactly. */
    static String format(Duration d) {
        if (d.isNegative()) {
            return d.toString();
        }
        if (d.toNanosPart() == 0) {
            long s = d.toSeconds();
            if (s % 86_400 == 0 && s != 0) {
                return s / 86_400 + "d";
            }
            if (s % 3_600 == 0 && s != 0) {
                return s / 3_600 + "h";
            }
            if (s % 60 == 0 && s != 0) {
                return s / 60 + "m";
            }
            return s + "s";
        }
        long nanos;
        try {
            nanos = d.toNanos();
        } catch (ArithmeticException e) {
            return d.toString(); // beyond ~292 years with a fraction: ISO-8601 keeps it exact
        }
        if (nanos % 1_000_000 == 0) {
            return nanos / 1_000_000 + "ms";
        }
        if (nanos % 1_000 == 0) {
            return nanos / 1_000 + "us";
        }
        return nanos + "ns";
    }

    /** Reads a count of at least one. */
    static int count(String text, String what, String example) {
        int n;
        try {
            n = Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new EscalationPolicyException(
                    null, null, "'" + text + "' is not a whole number for " + what + "; write " + example);
        }
        requireAtLeastOne(n, what, example);
        return n;
    }

    static void requireAtLeastOne(int n, String what, String example) {
        if (n < 1) {
            throw new EscalationPolicyException(
                    null, null, what + " must be at least 1, was " + n + "; write " + example);
        }
    }

    /** Reads channel names separated by commas, with or without spaces after them. */
    static List<String> targets(String text, String example) {
        List<String> out = new ArrayList<>();
        for (String part : text.split(",", -1)) {
            out.add(part.strip());
        }
        return checkTargets(out, example);
    }

    /** Checks a list of channel names and returns an immutable copy. */
    static List<String> checkTargets(List<String> targets, String example) {
        if (targets.isEmpty()) {
            throw new EscalationPolicyException(null, null, "the step names no notification channel; write " + example);
        }
        Set<String> seen = new HashSet<>();
        for (String t : targets) {
            if (!CHANNEL.matcher(t).matches()) {
                throw new EscalationPolicyException(
                        null,
                        null,
                        "'" + t + "' is not a notification channel's name (lower case letters, digits and '-',"
                                + " separated by commas); write " + example);
            }
            if (!seen.add(t)) {
                throw new EscalationPolicyException(
                        null,
                        null,
                        "the channel '" + t + "' is named twice; name each channel once and write " + example);
            }
        }
        return List.copyOf(targets);
    }
}

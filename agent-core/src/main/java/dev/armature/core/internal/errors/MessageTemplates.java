package dev.armature.core.internal.errors;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Internal: turns an exception message into a template by replacing the parts that differ from one
 * occurrence of an error to the next — identifiers, addresses, times, durations, numbers — with
 * placeholders such as {@code <uuid>} and {@code <num>}. One precompiled pattern with an
 * alternative per kind, tried in the order listed, so that a UUID is not read as numbers and a
 * time not as an IPv6 address.
 */
final class MessageTemplates {
    /** Longer messages are cut before templating: the head says what happened, and cost stays bounded. */
    static final int MAX_MESSAGE_CHARS = 1024;

    private static final String HEX = "[0-9A-Fa-f]";
    private static final String IPV6 = "(?:(?:" + HEX + "{1,4}:){7}" + HEX + "{1,4}" + "|(?:" + HEX + "{1,4}:){0,6}(?:"
            + HEX + "{1,4})?::(?:" + HEX + "{1,4}:){0,6}" + HEX + "{0,4})";

    /** The placeholders, in the order of the pattern's groups. */
    private static final String[] PLACEHOLDERS = {
        "<email>",
        "<uuid>",
        "<time>",
        "<time>",
        "<ip>",
        "<ip>",
        "<ip>",
        "<hex>",
        "<hex>",
        "<duration>",
        "<duration>",
        "<num>"
    };

    private static final Pattern PARTS = Pattern.compile(String.join(
            "|",
            // e-mail address
            "([A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\\.[A-Za-z0-9-]+)*\\.[A-Za-z]{2,})",
            // UUID
            "(?<![0-9A-Za-z])(" + HEX + "{8}-" + HEX + "{4}-" + HEX + "{4}-" + HEX + "{4}-" + HEX
                    + "{12})(?![0-9A-Za-z])",
            // ISO date, with an optional time and zone
            "(?<![0-9A-Za-z])(\\d{4}-\\d{2}-\\d{2}(?:[T ]\\d{2}:\\d{2}(?::\\d{2}(?:[.,]\\d{1,9})?)?"
                    + "(?:Z|[+-]\\d{2}:?\\d{2})?)?)(?![0-9A-Za-z])",
            // time of day
            "(?<![0-9A-Za-z:])(\\d{1,2}:\\d{2}(?::\\d{2}(?:[.,]\\d{1,9})?)?)(?![0-9A-Za-z:])",
            // bracketed IPv6, with an optional port
            "(\\[" + IPV6 + "\\](?::\\d{1,5})?)",
            // IPv4, with an optional port
            "(?<![0-9A-Za-z.])((?:\\d{1,3}\\.){3}\\d{1,3}(?::\\d{1,5})?)(?![0-9A-Za-z.])",
            // bare IPv6
            "(?<![0-9A-Za-z:.])(" + IPV6 + ")(?![0-9A-Za-z:])",
            // 0x hex
            "(?<![0-9A-Za-z])(0[xX]" + HEX + "+)(?![0-9A-Za-z])",
            // a long run of hex digits, with at least one letter and one digit (ids, hashes)
            "(?<![0-9A-Za-z])((?=" + HEX + "*[A-Fa-f])(?=" + HEX + "*\\d)" + HEX + "{8,})(?![0-9A-Za-z])",
            // ISO-8601 duration
            "(?<![0-9A-Za-z])(P(?:\\d+[YMWD])*T(?:\\d+(?:\\.\\d+)?[HMS])+|P(?:\\d+[YMWD])+)(?![0-9A-Za-z])",
            // a number with a unit of time
            "(?<![0-9A-Za-z.])(\\d+(?:\\.\\d+)?(?:ns|us|µs|ms|s|m|min|h|d))(?![0-9A-Za-z])",
            // any other number, with decimals or thousands separators, not inside a word
            "(?<![0-9A-Za-z_])(\\d+(?:[.,]\\d+)*)(?![0-9A-Za-z_])"));

    private MessageTemplates() {}

    /**
     * Returns the message with its variable parts replaced by placeholders.
     *
     * @param message the raw message
     * @return the template; the empty string for an empty message
     */
    static String template(String message) {
        String text = message.length() > MAX_MESSAGE_CHARS ? message.substring(0, MAX_MESSAGE_CHARS) : message;
        Matcher m = PARTS.matcher(text);
        if (!m.find()) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        int last = 0;
        do {
            out.append(text, last, m.start()).append(placeholder(m));
            last = m.end();
        } while (m.find());
        return out.append(text, last, text.length()).toString();
    }

    private static String placeholder(Matcher m) {
        for (int g = 1; g <= PLACEHOLDERS.length; g++) {
            if (m.start(g) >= 0) {
                return PLACEHOLDERS[g - 1];
            }
        }
        throw new IllegalStateException("a match without a group in " + PARTS.pattern());
    }
}

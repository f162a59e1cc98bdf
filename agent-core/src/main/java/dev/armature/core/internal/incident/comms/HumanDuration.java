package dev.armature.core.internal.incident.comms;

import java.time.Duration;

/**
 * Internal: writes a duration for people, largest unit first and zero units left out: {@code 2d 3h},
 * {@code 1h 5m 12s}, {@code 43m 12s}, {@code 0s}. Whole seconds; a fraction is dropped.
 */
public final class HumanDuration {
    private HumanDuration() {}

    /**
     * Returns the duration as text.
     *
     * @param d the duration; a negative one is written with a leading {@code -}
     * @return the text
     */
    public static String format(Duration d) {
        if (d.isNegative()) {
            return "-" + format(d.negated());
        }
        long seconds = d.toSeconds();
        if (seconds == 0) {
            return "0s";
        }
        StringBuilder out = new StringBuilder();
        append(out, seconds / 86_400, "d");
        append(out, seconds % 86_400 / 3600, "h");
        append(out, seconds % 3600 / 60, "m");
        append(out, seconds % 60, "s");
        return out.toString();
    }

    private static void append(StringBuilder out, long amount, String unit) {
        if (amount > 0) {
            if (out.length() > 0) {
                out.append(' ');
            }
            out.append(amount).append(unit);
        }
    }
}

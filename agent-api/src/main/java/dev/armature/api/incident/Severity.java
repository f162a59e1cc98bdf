package dev.armature.api.incident;

import java.util.Locale;

/**
 * How bad an incident is for the users of the system, from {@link #SEV1} (critical: the system is
 * down or losing data) to {@link #SEV5} (cosmetic). Kept apart from {@link Priority}, which says how
 * soon to work on it.
 *
 * @since 0.1
 */
public enum Severity {
    /** Critical: the system is down, or data is being lost. */
    SEV1,
    /** Major: a core function fails for many users. */
    SEV2,
    /** Moderate: a function is degraded or fails for some users. */
    SEV3,
    /** Minor: an inconvenience with a workaround. */
    SEV4,
    /** Cosmetic, or no user impact yet. */
    SEV5;

    /**
     * Reads a severity written as {@code SEV1}…{@code SEV5}, in any case.
     *
     * @param text the text
     * @return the severity
     * @throws IllegalArgumentException if the text names none
     */
    public static Severity parse(String text) {
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "'" + text + "' is not a severity; write one of SEV1, SEV2, SEV3, SEV4, SEV5", e);
        }
    }
}

package dev.armature.api.incident;

import java.util.Locale;

/**
 * How soon an incident is to be worked on, from {@link #P1} (now) to {@link #P5} (when there is
 * time). Kept apart from {@link Severity}: a severe incident with a working mitigation can wait.
 *
 * @since 0.1
 */
public enum Priority {
    /** Now, before anything else. */
    P1,
    /** Within the hour. */
    P2,
    /** Today. */
    P3,
    /** This week. */
    P4,
    /** When there is time. */
    P5;

    /**
     * Reads a priority written as {@code P1}…{@code P5}, in any case.
     *
     * @param text the text
     * @return the priority
     * @throws IllegalArgumentException if the text names none
     */
    public static Priority parse(String text) {
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + text + "' is not a priority; write one of P1, P2, P3, P4, P5", e);
        }
    }
}

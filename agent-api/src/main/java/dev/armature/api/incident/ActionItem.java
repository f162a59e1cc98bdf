package dev.armature.api.incident;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;

/**
 * Something to do after an incident so that it does not happen again, tracked until closed.
 *
 * @param id the item's id within its incident ({@code A1}, {@code A2}, …)
 * @param text what is to be done
 * @param owner who does it
 * @param due by when
 * @param closedAt when it was closed; empty while it is open
 * @since 0.1
 */
public record ActionItem(String id, String text, String owner, LocalDate due, Optional<Instant> closedAt) {
    /**
     * Checks every part.
     *
     * @param id the id
     * @param text what; not blank
     * @param owner who; not blank
     * @param due by when
     * @param closedAt when closed
     */
    public ActionItem {
        requireNonNull(id, "id");
        requireNonNull(text, "text");
        requireNonNull(owner, "owner");
        requireNonNull(due, "due");
        requireNonNull(closedAt, "closedAt");
        if (text.isBlank() || owner.isBlank()) {
            throw new IllegalArgumentException("an action item needs a text and an owner");
        }
    }

    /**
     * Tells whether the item is still to be done.
     *
     * @return {@code true} while it is not closed
     */
    public boolean isOpen() {
        return closedAt.isEmpty();
    }
}

package dev.armature.api.monitoring;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A silence: while it is active, the router sends no firing notification for the alerts its
 * matchers select. A silence mutes by labels, not by alert, so it keeps muting an alert that
 * resolves and fires again (a flapping source). An alert whose firing was notified before the
 * silence began still gets its resolved notification. Silences are kept in the state store and
 * survive restarts; an expired one is forgotten.
 *
 * @param id the silence's id, given by {@link Silences#add}
 * @param matchers the conditions on an alert's labels, all of which must hold; at least one. The
 *     labels include {@code alertname} (the rule's name) and {@code severity} (lower case) unless the
 *     alert's own labels set them
 * @param createdBy who created it
 * @param comment why
 * @param startsAt when it begins to mute
 * @param endsAt when it expires, after {@code startsAt}
 * @since 0.1
 */
public record Silence(
        String id, List<LabelMatcher> matchers, String createdBy, String comment, Instant startsAt, Instant endsAt) {
    /**
     * Checks every part and copies the matchers.
     *
     * @param id the id
     * @param matchers the matchers
     * @param createdBy the creator
     * @param comment the comment
     * @param startsAt the start
     * @param endsAt the expiry
     * @throws IllegalArgumentException if there is no matcher or it does not end after it starts
     */
    public Silence {
        requireNonNull(id, "id");
        matchers = List.copyOf(matchers);
        requireNonNull(createdBy, "createdBy");
        requireNonNull(comment, "comment");
        requireNonNull(startsAt, "startsAt");
        requireNonNull(endsAt, "endsAt");
        if (matchers.isEmpty()) {
            throw new IllegalArgumentException(
                    "silence " + id + " needs at least one matcher: one would mute everything");
        }
        if (!endsAt.isAfter(startsAt)) {
            throw new IllegalArgumentException(
                    "silence " + id + " must end after it starts: starts " + startsAt + ", ends " + endsAt);
        }
    }

    /**
     * Returns whether it mutes at an instant: from {@code startsAt} inclusive to {@code endsAt} exclusive.
     *
     * @param now the instant
     * @return whether it is active then
     */
    public boolean activeAt(Instant now) {
        return !now.isBefore(startsAt) && now.isBefore(endsAt);
    }

    /**
     * Returns whether its matchers all hold for a set of labels.
     *
     * @param labels the labels
     * @return whether it selects them
     */
    public boolean matches(Map<String, String> labels) {
        return matchers.stream().allMatch(m -> m.matches(labels));
    }
}

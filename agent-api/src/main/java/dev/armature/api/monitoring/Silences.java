package dev.armature.api.monitoring;

import dev.armature.api.ProvidedBy;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The silences of the system's notification router, which hosts manage in code (an operator's
 * command, a maintenance window). Provided by agent-monitoring: {@code system.service(Silences.class)}.
 * Thread-safe.
 *
 * <pre>{@code
 * Silences silences = system.service(Silences.class);
 * Silence maintenance = silences.add(
 *         List.of(LabelMatcher.parse("component=db")), now, now.plus(Duration.ofHours(2)),
 *         "alice", "database upgrade");
 * // ... later, if it ends early:
 * silences.expire(maintenance.id());
 * }</pre>
 *
 * @since 0.1
 */
@ProvidedBy("dev.armature:agent-monitoring")
public interface Silences {
    /**
     * Adds a silence and saves it in the state store; it applies from the router's next flush.
     *
     * @param matchers the conditions on an alert's labels, at least one
     * @param startsAt when it begins to mute
     * @param endsAt when it expires
     * @param createdBy who creates it
     * @param comment why
     * @return the silence, with its new id
     * @throws IllegalArgumentException if there is no matcher, or it does not end after it starts
     * @throws IllegalStateException if the router is not running
     */
    Silence add(List<LabelMatcher> matchers, Instant startsAt, Instant endsAt, String createdBy, String comment);

    /**
     * Ends a silence now; the alerts it muted are notified at the router's next flush.
     *
     * @param id the silence's id
     * @return whether a silence of that id was active or pending
     * @throws IllegalStateException if the router is not running
     */
    boolean expire(String id);

    /**
     * Returns a silence that has not expired yet.
     *
     * @param id the silence's id
     * @return the silence, or empty if there is none of that id or it has expired
     */
    Optional<Silence> get(String id);

    /**
     * Returns the silences that have not expired, active or pending, by start time.
     *
     * @return the silences
     */
    List<Silence> list();
}

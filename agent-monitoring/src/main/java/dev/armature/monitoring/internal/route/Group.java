package dev.armature.monitoring.internal.route;

import dev.armature.api.time.Cancellable;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * Internal: one group of a route — the alerts that share the route's {@code groupBy} values — with
 * what each of its channels was told. Guarded by the router's lock.
 */
final class Group {
    final String key;
    final String route;
    final Map<String, String> groupLabels;
    /** The group's alerts by fingerprint, firing or resolved but still owed to a channel. */
    final Map<String, AlertRecord> alerts = new TreeMap<>();

    final Map<String, ChannelState> channels = new LinkedHashMap<>();
    /** When the next flush is due; the first is the group wait after the first alert. */
    Instant nextFlushAt;
    /** When the group was last flushed; empty before its first flush. */
    Optional<Instant> lastFlushAt = Optional.empty();

    @Nullable
    Cancellable timer;

    /** Counts the schedulings of the next flush; a task of an older one does nothing. */
    long generation;

    Group(String key, String route, Map<String, String> groupLabels, List<String> channels, Instant nextFlushAt) {
        this.key = key;
        this.route = route;
        this.groupLabels = Map.copyOf(groupLabels);
        channels.forEach(c -> this.channels.put(c, new ChannelState()));
        this.nextFlushAt = nextFlushAt;
    }

    /** What one channel was told of the group. */
    static final class ChannelState {
        /** The alerts the last notification told of as firing: a change from these is news. */
        Set<String> firingSent = new HashSet<>();
        /**
         * The alerts whose firing was sent, by fingerprint, with the firing's time: each is owed a
         * resolved notification until one is delivered.
         */
        final Map<String, Instant> owed = new HashMap<>();
        /** The alerts whose firing was delivered (acknowledged by the channel). */
        final Set<String> delivered = new HashSet<>();
        /** Resolved alerts in a notification not delivered yet: not sent again meanwhile. */
        final Set<String> resolvingInFlight = new HashSet<>();
        /** When the last notification was sent. */
        Optional<Instant> lastSentAt = Optional.empty();
    }

    /** Whether any channel still owes a resolved notification for an alert. */
    boolean owed(String fingerprint) {
        return channels.values().stream().anyMatch(c -> c.owed.containsKey(fingerprint));
    }
}

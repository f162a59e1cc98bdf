package dev.armature.core.internal.incident.report;

import dev.armature.api.incident.Incident;
import dev.armature.api.incident.IncidentState;
import dev.armature.api.incident.TimelineEntry;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Internal: what the report reads from an incident's timeline. It relies on these details of the
 * entries (see {@code docs/incidents.md}):
 *
 * <ul>
 *   <li>{@code OPENED} and {@code SOURCE}: {@code failing} = {@code true} or {@code false}, whether
 *       the incident's source fails from then on; an OPENED entry without it counts as failing.
 *   <li>{@code STATE_CHANGED}: {@code to} = the state's name, and {@code forced} = {@code true} for a
 *       resolve forced while the source still failed.
 *   <li>{@code RECOVERY}: {@code resolution} = the recovery's end ({@code RECOVERED}, {@code HEALED}…)
 *       on the entry that ends it.
 *   <li>{@code RUNBOOK}: {@code outcome} = {@code PASSED} (or {@code SUCCEEDED}) for a step that
 *       passed, and {@code runbook} = its name.
 * </ul>
 */
final class TimelineFacts {
    static final String FAILING = "failing";
    static final String TO = "to";
    static final String FORCED = "forced";
    static final String RESOLUTION = "resolution";
    static final String OUTCOME = "outcome";
    static final String RUNBOOK = "runbook";

    private TimelineFacts() {}

    /** The time from the opening to the first entry that moved the incident to {@code state} or beyond. */
    static Optional<Duration> timeTo(Incident incident, IncidentState state) {
        for (TimelineEntry e : incident.timeline()) {
            IncidentState to = stateOf(e);
            if (to != null && to.compareTo(state) >= 0) {
                return Optional.of(between(incident.openedAt(), e.at()));
            }
        }
        return Optional.empty();
    }

    /** The state a STATE_CHANGED entry moved to, or null for other entries and unreadable ones. */
    static @Nullable IncidentState stateOf(TimelineEntry e) {
        if (e.kind() != TimelineEntry.Kind.STATE_CHANGED) {
            return null;
        }
        String to = e.details().get(TO);
        if (to == null) {
            return null;
        }
        for (IncidentState s : IncidentState.values()) {
            if (s.name().equalsIgnoreCase(to.trim())) {
                return s;
            }
        }
        return null;
    }

    /**
     * The time the source failed while the incident was open: from each OPENED or SOURCE entry that
     * says it fails to the next that says it does not, or to {@code end}.
     */
    static Duration sourceFailing(Incident incident, Instant end) {
        Duration total = Duration.ZERO;
        @Nullable Instant since = null;
        for (TimelineEntry e : incident.timeline()) {
            Boolean failing = failing(e);
            if (failing == null || e.at().isAfter(end)) {
                continue;
            }
            if (failing && since == null) {
                since = e.at();
            } else if (!failing && since != null) {
                total = total.plus(between(since, e.at()));
                since = null;
            }
        }
        if (since != null) {
            total = total.plus(between(since, end));
        }
        return total;
    }

    private static @Nullable Boolean failing(TimelineEntry e) {
        if (e.kind() != TimelineEntry.Kind.OPENED && e.kind() != TimelineEntry.Kind.SOURCE) {
            return null;
        }
        String value = e.details().get(FAILING);
        if (value == null) {
            return e.kind() == TimelineEntry.Kind.OPENED ? Boolean.TRUE : null;
        }
        return Boolean.parseBoolean(value.trim());
    }

    static boolean detailIs(TimelineEntry e, String key, String... values) {
        String v = e.details().get(key);
        if (v == null) {
            return false;
        }
        String upper = v.trim().toUpperCase(Locale.ROOT);
        for (String candidate : values) {
            if (upper.equals(candidate)) {
                return true;
            }
        }
        return false;
    }

    static Duration between(Instant from, Instant to) {
        Duration d = Duration.between(from, to);
        return d.isNegative() ? Duration.ZERO : d;
    }
}

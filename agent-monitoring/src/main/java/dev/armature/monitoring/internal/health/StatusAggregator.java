package dev.armature.monitoring.internal.health;

import static java.util.Objects.requireNonNull;

import dev.armature.api.health.Criticality;
import dev.armature.api.health.HealthStatus;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Internal: weighs statuses into one. The order runs from best to worst ({@code UP, DEGRADED,
 * OUT_OF_SERVICE, DOWN} by default); the worst known status wins, UNKNOWN counts only when nothing
 * is known, and nothing at all is UP. A non-critical status counts at most as DEGRADED.
 */
public final class StatusAggregator {
    /** The default order, best first. */
    static final List<HealthStatus> DEFAULT_ORDER =
            List.of(HealthStatus.UP, HealthStatus.DEGRADED, HealthStatus.OUT_OF_SERVICE, HealthStatus.DOWN);

    private final Map<HealthStatus, Integer> rank = new EnumMap<>(HealthStatus.class);

    StatusAggregator(List<HealthStatus> order) {
        requireNonNull(order, "order");
        if (order.size() != 4
                || order.contains(HealthStatus.UNKNOWN)
                || order.stream().distinct().count() != 4) {
            throw new IllegalArgumentException(
                    "a status order lists UP, DEGRADED, OUT_OF_SERVICE and DOWN once each, was " + order);
        }
        for (int i = 0; i < order.size(); i++) {
            rank.put(order.get(i), i);
        }
    }

    /** Returns the aggregator of the default order. */
    public static StatusAggregator defaults() {
        return new StatusAggregator(DEFAULT_ORDER);
    }

    /** Parses {@code UP,DEGRADED,...}, as the config key holds it. */
    public static StatusAggregator parse(String order) {
        return new StatusAggregator(java.util.Arrays.stream(order.split(",", -1))
                .map(String::strip)
                .map(HealthStatus::valueOf)
                .toList());
    }

    /** The status a check counts as in an aggregate: a non-critical one at most DEGRADED. */
    public HealthStatus weigh(HealthStatus status, Criticality criticality) {
        if (criticality == Criticality.NON_CRITICAL
                && status != HealthStatus.UNKNOWN
                && rank(status) > rank(HealthStatus.DEGRADED)) {
            return HealthStatus.DEGRADED;
        }
        return status;
    }

    /** The worse of two statuses, UNKNOWN losing to anything known. */
    public HealthStatus worse(HealthStatus a, HealthStatus b) {
        if (a == HealthStatus.UNKNOWN) {
            return b;
        }
        if (b == HealthStatus.UNKNOWN) {
            return a;
        }
        return rank(b) > rank(a) ? b : a;
    }

    /** Aggregates weighed statuses; UP when there are none. */
    public HealthStatus aggregate(Iterable<HealthStatus> weighed) {
        HealthStatus result = HealthStatus.UNKNOWN;
        boolean any = false;
        for (HealthStatus s : weighed) {
            any = true;
            result = worse(result, s);
        }
        return any ? result : HealthStatus.UP;
    }

    private int rank(HealthStatus status) {
        Integer r = rank.get(status);
        return r == null ? -1 : r;
    }
}

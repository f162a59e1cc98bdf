package dev.armature.api.health;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A snapshot of the system's health as the health checker last worked it out: cheap to read,
 * never waiting for a check.
 *
 * <p>The overall status is the worst of the checks' statuses in the order {@code UP < DEGRADED <
 * OUT_OF_SERVICE < DOWN}, where a {@link Criticality#NON_CRITICAL} check counts at most as
 * DEGRADED and {@code UNKNOWN} counts only when no check is known; with no check at all it is UP. A
 * group's status is worked out the same way from its checks.
 *
 * @param status the overall status
 * @param at when the snapshot was taken, on the system's clock
 * @param checks every check, by name; sorted
 * @param groups every group's status, by group name ({@code component:<id>}, {@code tag:<tag>});
 *     sorted
 * @param recommendations what the recommendation rules advise about the checks, most severe first,
 *     then by id
 * @since 0.1
 */
public record HealthReport(
        HealthStatus status,
        Instant at,
        Map<String, CheckReport> checks,
        Map<String, HealthStatus> groups,
        List<Recommendation> recommendations) {
    /**
     * Checks every part and copies the maps into name order.
     *
     * @param status the overall status
     * @param at when
     * @param checks the checks
     * @param groups the groups' statuses
     * @param recommendations the recommendations
     */
    public HealthReport {
        requireNonNull(status, "status");
        requireNonNull(at, "at");
        checks = Collections.unmodifiableMap(new TreeMap<>(checks));
        groups = Collections.unmodifiableMap(new TreeMap<>(groups));
        recommendations = List.copyOf(recommendations);
    }

    /**
     * Creates a report without recommendations.
     *
     * @param status the overall status
     * @param at when
     * @param checks the checks
     * @param groups the groups' statuses
     */
    public HealthReport(
            HealthStatus status, Instant at, Map<String, CheckReport> checks, Map<String, HealthStatus> groups) {
        this(status, at, checks, groups, List.of());
    }

    /**
     * Returns one check's report.
     *
     * @param name the check's name
     * @return its report, or empty when no check has that name
     */
    public Optional<CheckReport> check(String name) {
        return Optional.ofNullable(checks.get(requireNonNull(name, "name")));
    }
}

package dev.armature.api.health;

import dev.armature.api.ProvidedBy;
import java.util.List;
import java.util.Optional;

/**
 * The system's health checker: every contributed check run in the background on its own interval,
 * weighed and kept as a snapshot. Provided by agent-monitoring: {@code
 * system.service(Health.class)}. Thread-safe; no method waits for a check.
 *
 * <pre>{@code
 * HealthReport report = system.service(Health.class).report();
 * if (report.status() == HealthStatus.DOWN) {
 *     report.checks().values().stream()
 *             .filter(c -> c.status() == HealthStatus.DOWN)
 *             .forEach(c -> log.warn("{} is down: {}", c.name(), c.lastResult()));
 * }
 * }</pre>
 *
 * @since 0.1
 */
@ProvidedBy("dev.armature:agent-monitoring")
public interface Health {
    /**
     * Returns the latest snapshot of every check and the overall status. Never blocks: it reads
     * what the checks' background runs left, with staleness brought up to date.
     *
     * @return the snapshot; with every check UNKNOWN before the checker has started
     */
    HealthReport report();

    /**
     * Returns the snapshot of one group's checks, whose overall status is the group's.
     *
     * @param group a group's name: {@code component:<id>} or {@code tag:<tag>}
     * @return the group's snapshot, or empty when no check belongs to the group
     */
    Optional<HealthReport> report(String group);

    /**
     * Returns one check's history.
     *
     * @param check the check's name
     * @return its history, or empty when no check has that name
     */
    Optional<CheckHistory> history(String check);

    /**
     * Returns what the recommendation rules advise now: the latest report's recommendations.
     *
     * @return the recommendations, most severe first
     */
    default List<Recommendation> recommendations() {
        return report().recommendations();
    }
}

package dev.armature.api;

import static java.util.Objects.requireNonNull;

import dev.armature.api.health.HealthStatus;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A consistent view of a whole system at one moment.
 *
 * @param takenAt when the snapshot was taken
 * @param state the system's lifecycle state
 * @param health UP when every component runs, DEGRADED when an optional one has failed or one is
 *     restarting, DOWN when a required one has failed for good, UNKNOWN before the start
 * @param readiness whether the system takes work: UP while running, OUT_OF_SERVICE from the drain
 *     phase of shutdown on
 * @param components every component, in dependency order
 * @since 0.1
 */
public record SystemSnapshot(
        Instant takenAt,
        SystemState state,
        HealthStatus health,
        HealthStatus readiness,
        List<ComponentSnapshot> components) {
    /**
     * Checks that every part is present and copies the list.
     *
     * @param takenAt when it was taken
     * @param state the system state
     * @param health the system health
     * @param readiness the system readiness
     * @param components the components
     */
    public SystemSnapshot {
        requireNonNull(takenAt, "takenAt");
        requireNonNull(state, "state");
        requireNonNull(health, "health");
        requireNonNull(readiness, "readiness");
        components = List.copyOf(components);
    }

    /**
     * Returns the named component's snapshot.
     *
     * @param name the component's name
     * @return its snapshot, or empty if the system has no such component
     */
    public Optional<ComponentSnapshot> component(String name) {
        requireNonNull(name, "name");
        return components.stream().filter(c -> c.name().equals(name)).findFirst();
    }
}

package dev.armature.api;

import static java.util.Objects.requireNonNull;

import dev.armature.api.health.HealthStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * One component's state at the moment of a {@link AgentSystem#snapshot()}.
 *
 * @param name the component's name
 * @param state its lifecycle state
 * @param since when it entered that state
 * @param generation 1 on the first start, one more on each restart; 0 before the first start
 * @param restartCount how many times the supervisor has restarted it
 * @param health the worst result of its health checks, {@code UNKNOWN} before any has run
 * @param lastFailure its most recent failure, if any
 * @param lastStartDuration how long its most recent start took, if it has started
 * @param lastStopDuration how long its most recent stop took, if it has stopped
 * @since 0.1
 */
public record ComponentSnapshot(
        String name,
        ComponentState state,
        Instant since,
        long generation,
        int restartCount,
        HealthStatus health,
        Optional<FailureInfo> lastFailure,
        Optional<Duration> lastStartDuration,
        Optional<Duration> lastStopDuration) {
    /**
     * Checks that every part is present.
     *
     * @param name the name
     * @param state the state
     * @param since when it entered the state
     * @param generation the generation
     * @param restartCount the restart count
     * @param health the health
     * @param lastFailure the last failure, if any
     * @param lastStartDuration the last start's duration, if any
     * @param lastStopDuration the last stop's duration, if any
     */
    public ComponentSnapshot {
        requireNonNull(name, "name");
        requireNonNull(state, "state");
        requireNonNull(since, "since");
        requireNonNull(health, "health");
        requireNonNull(lastFailure, "lastFailure");
        requireNonNull(lastStartDuration, "lastStartDuration");
        requireNonNull(lastStopDuration, "lastStopDuration");
    }
}

package dev.armature.api.health;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Optional;

/**
 * One check as it stands in a {@link HealthReport}.
 *
 * @param spec how the check runs
 * @param status its status after hysteresis: {@link HealthStatus#UNKNOWN} until its first result,
 *     then the status of that result, then changed only by {@link CheckSpec#failureThreshold()}
 *     consecutive DOWN results or {@link CheckSpec#successThreshold()} consecutive UP results (a
 *     DEGRADED or OUT_OF_SERVICE result counts at once)
 * @param lastResult its latest result, if it has run
 * @param since when it entered {@code status}, if it has run
 * @param consecutiveFailures how many DOWN results in a row it has had, including the latest
 * @param stale whether its latest result is older than twice its current interval (or it has never
 *     run for twice its interval since the checker started)
 * @param flapping whether its results changed status often among its latest ones (see the health
 *     guide for the numbers)
 * @since 0.1
 */
public record CheckReport(
        CheckSpec spec,
        HealthStatus status,
        Optional<CheckResult> lastResult,
        Optional<Instant> since,
        int consecutiveFailures,
        boolean stale,
        boolean flapping) {
    /**
     * Checks every part.
     *
     * @param spec the spec
     * @param status the status
     * @param lastResult the last result, if any
     * @param since since when, if known
     * @param consecutiveFailures the failures in a row; not negative
     * @param stale whether stale
     * @param flapping whether flapping
     */
    public CheckReport {
        requireNonNull(spec, "spec");
        requireNonNull(status, "status");
        requireNonNull(lastResult, "lastResult");
        requireNonNull(since, "since");
        if (consecutiveFailures < 0) {
            throw new IllegalArgumentException("consecutiveFailures must not be negative, was " + consecutiveFailures);
        }
    }

    /**
     * Returns the check's name.
     *
     * @return the name
     */
    public String name() {
        return spec.name();
    }

    /**
     * Returns a copy marked stale or not.
     *
     * @param isStale whether the copy is stale
     * @return this report if it already says so, otherwise a copy
     */
    public CheckReport withStale(boolean isStale) {
        return isStale == stale
                ? this
                : new CheckReport(spec, status, lastResult, since, consecutiveFailures, isStale, flapping);
    }
}

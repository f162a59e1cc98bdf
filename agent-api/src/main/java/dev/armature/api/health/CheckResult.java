package dev.armature.api.health;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One run of a check as the health checker recorded it.
 *
 * @param status the status the run found, before hysteresis: DOWN when the check threw, returned
 *     nothing or timed out
 * @param duration how long the run took, or the timeout when it timed out
 * @param error why the run was not UP: the check's message, or the type and message of what it
 *     threw; never a secret the check did not put there itself
 * @param details the check's details, secret-looking values masked as {@code ******}; sorted by name
 * @param timedOut whether the run was given up after the check's timeout
 * @param at when the run finished or was given up, on the system's clock
 * @param indicators the check's indicators; sorted by name
 * @param prediction the earliest breach of an indicator predicted within the horizon, if any; a
 *     run that found UP is then recorded as DEGRADED
 * @since 0.1
 */
public record CheckResult(
        HealthStatus status,
        Duration duration,
        Optional<String> error,
        Map<String, String> details,
        boolean timedOut,
        Instant at,
        Map<String, Indicator> indicators,
        Optional<Prediction> prediction) {
    /**
     * Creates a result without indicators or prediction.
     *
     * @param status the status
     * @param duration the duration; not negative
     * @param error the error, if any
     * @param details the details
     * @param timedOut whether it timed out
     * @param at when
     */
    public CheckResult(
            HealthStatus status,
            Duration duration,
            Optional<String> error,
            Map<String, String> details,
            boolean timedOut,
            Instant at) {
        this(status, duration, error, details, timedOut, at, Map.of(), Optional.empty());
    }

    /**
     * Checks every part and copies the maps into name order.
     *
     * @param status the status
     * @param duration the duration; not negative
     * @param error the error, if any
     * @param details the details
     * @param timedOut whether it timed out
     * @param at when
     * @param indicators the indicators
     * @param prediction the prediction, if any
     * @throws IllegalArgumentException if the duration is negative, or a timed-out result is not
     *     DOWN
     */
    public CheckResult {
        requireNonNull(status, "status");
        requireNonNull(duration, "duration");
        if (duration.isNegative()) {
            throw new IllegalArgumentException("a check result's duration must not be negative, was " + duration);
        }
        requireNonNull(error, "error");
        details = Collections.unmodifiableMap(new TreeMap<>(details));
        if (timedOut && status != HealthStatus.DOWN) {
            throw new IllegalArgumentException("a timed-out check result must be DOWN, was " + status);
        }
        requireNonNull(at, "at");
        indicators = Collections.unmodifiableMap(new TreeMap<>(indicators));
        requireNonNull(prediction, "prediction");
    }
}

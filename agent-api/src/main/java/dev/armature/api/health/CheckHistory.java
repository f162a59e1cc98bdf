package dev.armature.api.health;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * The latest results of one check, the changes of its status, and what they add up to.
 *
 * @param check the check's name
 * @param results its latest results, oldest first; at most the history size ({@code
 *     armature.health.history-size}, 100 by default)
 * @param transitions the latest changes of its status (after hysteresis), oldest first; at most the
 *     history size
 * @param availability the share of the time covered by {@code results}, in percent, during which
 *     the check was UP or DEGRADED; empty before its first result
 * @param mttr the mean time to repair: the mean length of the DOWN periods that have ended, from the
 *     transition into DOWN to the transition out of it; empty when none has ended
 * @param mtbf the mean time between failures: the mean length of the periods out of DOWN that ended
 *     in a transition into DOWN; empty when none has
 * @since 0.1
 */
public record CheckHistory(
        String check,
        List<CheckResult> results,
        List<Transition> transitions,
        OptionalDouble availability,
        Optional<Duration> mttr,
        Optional<Duration> mtbf) {
    /**
     * Checks every part and copies the lists.
     *
     * @param check the check's name
     * @param results the results
     * @param transitions the transitions
     * @param availability the availability, if known
     * @param mttr the MTTR, if known
     * @param mtbf the MTBF, if known
     */
    public CheckHistory {
        requireNonNull(check, "check");
        results = List.copyOf(results);
        transitions = List.copyOf(transitions);
        requireNonNull(availability, "availability");
        requireNonNull(mttr, "mttr");
        requireNonNull(mtbf, "mtbf");
    }

    /**
     * One change of a check's status after hysteresis.
     *
     * @param from the status before
     * @param to the status after
     * @param at when the result that caused it was recorded
     * @since 0.1
     */
    public record Transition(HealthStatus from, HealthStatus to, Instant at) {
        /**
         * Checks every part.
         *
         * @param from the status before
         * @param to the status after
         * @param at when
         */
        public Transition {
            requireNonNull(from, "from");
            requireNonNull(to, "to");
            requireNonNull(at, "at");
        }
    }
}

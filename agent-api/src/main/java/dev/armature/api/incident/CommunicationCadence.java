package dev.armature.api.incident;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * How often an open incident's responders are reminded to communicate, per severity. By default
 * every {@link #SEV1_DEFAULT 30 minutes} for SEV1, every {@link #SEV2_DEFAULT 60 minutes} for SEV2, and
 * never for SEV3 to SEV5.
 *
 * @param intervals the time between communications per severity; a severity not in the map gets no
 *     reminders
 * @since 0.1
 */
public record CommunicationCadence(Map<Severity, Duration> intervals) {
    /** The default interval for SEV1: 30 minutes. */
    public static final Duration SEV1_DEFAULT = Duration.ofMinutes(30);

    /** The default interval for SEV2: 60 minutes. */
    public static final Duration SEV2_DEFAULT = Duration.ofMinutes(60);

    /**
     * Checks and copies the intervals.
     *
     * @param intervals the intervals; each positive
     * @throws IllegalArgumentException if an interval is zero or negative
     */
    public CommunicationCadence {
        Map<Severity, Duration> copy = new EnumMap<>(Severity.class);
        intervals.forEach((severity, interval) -> {
            requireNonNull(severity, "severity");
            requireNonNull(interval, "interval");
            if (interval.isZero() || interval.isNegative()) {
                throw new IllegalArgumentException("the communication interval of " + severity + " is " + interval
                        + "; give a positive duration, or leave the severity out for no reminders");
            }
            copy.put(severity, interval);
        });
        intervals = Map.copyOf(copy);
    }

    /**
     * Returns the default cadence: SEV1 every 30 minutes, SEV2 every 60 minutes, no reminders below.
     *
     * @return the cadence
     */
    public static CommunicationCadence ofDefaults() {
        return new CommunicationCadence(Map.of(Severity.SEV1, SEV1_DEFAULT, Severity.SEV2, SEV2_DEFAULT));
    }

    /**
     * Returns the time between communications at a severity.
     *
     * @param severity the severity
     * @return the interval, or empty when the severity gets no reminders
     */
    public Optional<Duration> interval(Severity severity) {
        return Optional.ofNullable(intervals.get(severity));
    }

    /**
     * Returns when the next communication is due: one interval after the last communication, or after
     * the opening when there was none yet. A pure function; it does not look at the clock.
     *
     * @param severity the incident's severity now
     * @param since when the last communication was sent, or when the incident was opened
     * @return when the reminder is due, or empty when the severity gets no reminders
     */
    public Optional<Instant> nextDue(Severity severity, Instant since) {
        requireNonNull(since, "since");
        return interval(severity).map(since::plus);
    }
}

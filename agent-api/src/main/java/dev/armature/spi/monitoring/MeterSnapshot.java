package dev.armature.spi.monitoring;

import static java.util.Objects.requireNonNull;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.TreeMap;

/**
 * One meter of a {@link MetricsSnapshot}: its identity and the numbers it held when the snapshot
 * was taken. Times (a timer's total and max) are in the meter's {@link #baseUnit()}.
 *
 * @param name the meter's name, such as {@code armature.events.published}
 * @param type what kind of meter it is
 * @param tags the meter's tags, ordered by key
 * @param baseUnit the unit of its numbers, such as {@code seconds} or {@code bytes}; empty when
 *     the meter has none
 * @param measurements its numbers, in the order the meter gives them
 * @since 0.1
 */
public record MeterSnapshot(
        String name, Type type, Map<String, String> tags, String baseUnit, List<Measurement> measurements) {
    /**
     * Checks the parts and copies the tags (ordered by key) and measurements.
     *
     * @param name the name; not blank
     * @param type the type
     * @param tags the tags
     * @param baseUnit the unit, or empty
     * @param measurements the measurements
     * @throws NullPointerException if a part is {@code null}
     * @throws IllegalArgumentException if the name is blank
     */
    public MeterSnapshot {
        requireNonNull(name, "name");
        requireNonNull(type, "type");
        requireNonNull(baseUnit, "baseUnit");
        if (name.isBlank()) {
            throw new IllegalArgumentException("a meter's name must not be blank");
        }
        tags = Collections.unmodifiableMap(new TreeMap<>(requireNonNull(tags, "tags")));
        measurements = List.copyOf(requireNonNull(measurements, "measurements"));
    }

    /**
     * Returns the value of one statistic.
     *
     * @param statistic the statistic, such as {@link Statistic#COUNT}
     * @return its value, or empty when the meter has no such statistic
     */
    public OptionalDouble value(Statistic statistic) {
        requireNonNull(statistic, "statistic");
        for (Measurement m : measurements) {
            if (m.statistic() == statistic) {
                return OptionalDouble.of(m.value());
            }
        }
        return OptionalDouble.empty();
    }

    /**
     * The kinds of meter, as Micrometer has them.
     *
     * @since 0.1
     */
    public enum Type {
        /** A count that only goes up. */
        COUNTER,
        /** A value sampled when read. */
        GAUGE,
        /** The count, total time and maximum of timed events. */
        TIMER,
        /** The count, total and maximum of recorded amounts. */
        DISTRIBUTION_SUMMARY,
        /** Tasks in progress and how long they have run. */
        LONG_TASK_TIMER,
        /** Any other meter. */
        OTHER
    }

    /**
     * What a measurement measures, as Micrometer's statistics have it.
     *
     * @since 0.1
     */
    public enum Statistic {
        /** The sum of the amounts recorded. */
        TOTAL,
        /** The sum of the times recorded, in the meter's base unit. */
        TOTAL_TIME,
        /** The number of events. */
        COUNT,
        /** The largest amount or time recently recorded. */
        MAX,
        /** A gauge's instantaneous value. */
        VALUE,
        /** Tasks in progress, of a long task timer. */
        ACTIVE_TASKS,
        /** The time the tasks in progress have run together, of a long task timer. */
        DURATION,
        /** A statistic with no other name. */
        UNKNOWN
    }

    /**
     * One number of a meter.
     *
     * @param statistic what it measures
     * @param value the number; {@code NaN} when the meter could not say (a gauge whose object is
     *     gone)
     * @since 0.1
     */
    public record Measurement(Statistic statistic, double value) {
        /**
         * Checks the statistic.
         *
         * @param statistic what it measures
         * @param value the number
         * @throws NullPointerException if the statistic is {@code null}
         */
        public Measurement {
            requireNonNull(statistic, "statistic");
        }
    }
}

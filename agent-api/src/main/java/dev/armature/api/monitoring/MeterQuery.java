package dev.armature.api.monitoring;

import static java.util.Objects.requireNonNull;

import java.util.Map;

/**
 * Which meters of the system's registry an alert rule reads, and which of their numbers: every meter
 * with this name whose tags include all of {@code tags} (it may have more). When several meters
 * match, their numbers are summed, except {@link Statistic#MAX} (the largest) and {@link
 * Statistic#MEAN} (total over count, across them all). No matching meter, or a number that is not
 * finite, is <em>no data</em>, which each rule's {@link NoDataPolicy} interprets.
 *
 * <pre>{@code
 * MeterQuery heap = MeterQuery.of("jvm.memory.used", Map.of("area", "heap"));
 * MeterQuery p99 = MeterQuery.of("armature.guard.calls").statistic(MeterQuery.Statistic.MEAN);
 * }</pre>
 *
 * @param name the meter's name, such as {@code jvm.memory.used}
 * @param tags the tags a meter must have, with these values
 * @param statistic which number of the meter to read
 * @since 0.1
 */
public record MeterQuery(String name, Map<String, String> tags, Statistic statistic) {
    /**
     * Which number of a meter a query reads.
     *
     * @since 0.1
     */
    public enum Statistic {
        /**
         * The meter's natural number, the default: a gauge's value, a counter's total count, a timer's
         * or distribution summary's mean (a timer's in seconds), a long task timer's active tasks.
         */
        VALUE,
        /** How many: a counter's total, a timer's or summary's number of recordings. */
        COUNT,
        /** The sum: a timer's total time in seconds, a summary's total amount, a counter's total. */
        TOTAL,
        /** The mean of a timer (seconds) or summary: total over count. */
        MEAN,
        /** The largest recent recording of a timer (seconds) or summary; a gauge's value. */
        MAX
    }

    /**
     * Checks every part and copies the tags.
     *
     * @param name the meter's name
     * @param tags the required tags
     * @param statistic the number to read
     * @throws IllegalArgumentException if the name or a tag key is blank
     */
    public MeterQuery {
        requireNonNull(name, "name");
        if (name.isBlank()) {
            throw new IllegalArgumentException("a meter query needs a meter name, was blank");
        }
        tags = Map.copyOf(tags);
        for (String key : tags.keySet()) {
            if (key.isBlank()) {
                throw new IllegalArgumentException("meter query " + name + " has a blank tag key");
            }
        }
        requireNonNull(statistic, "statistic");
    }

    /**
     * Returns a query of every meter with a name, reading its {@link Statistic#VALUE}.
     *
     * @param name the meter's name
     * @return the query
     */
    public static MeterQuery of(String name) {
        return new MeterQuery(name, Map.of(), Statistic.VALUE);
    }

    /**
     * Returns a query of the meters with a name and these tags, reading their {@link
     * Statistic#VALUE}.
     *
     * @param name the meter's name
     * @param tags the tags a meter must have
     * @return the query
     */
    public static MeterQuery of(String name, Map<String, String> tags) {
        return new MeterQuery(name, tags, Statistic.VALUE);
    }

    /**
     * Returns this query reading another number.
     *
     * @param statistic the number to read
     * @return the new query
     */
    public MeterQuery statistic(Statistic statistic) {
        return new MeterQuery(name, tags, statistic);
    }

    @Override
    public String toString() {
        return name
                + (tags.isEmpty() ? "" : new java.util.TreeMap<>(tags).toString())
                + (statistic == Statistic.VALUE ? "" : "." + statistic.name().toLowerCase(java.util.Locale.ROOT));
    }
}

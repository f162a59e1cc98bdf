package dev.armature.spi.monitoring;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The system's meters at one instant, as a {@link MetricsExporter} receives them: immutable, so
 * that one snapshot can be handed to every exporter and read on any thread.
 *
 * @param timestamp when the snapshot was taken, on the system's time source
 * @param meters the meters, ordered by name and then by tags
 * @since 0.1
 */
public record MetricsSnapshot(Instant timestamp, List<MeterSnapshot> meters) {
    /**
     * Checks the parts and copies the list.
     *
     * @param timestamp when the snapshot was taken
     * @param meters the meters
     * @throws NullPointerException if a part, or a meter, is {@code null}
     */
    public MetricsSnapshot {
        requireNonNull(timestamp, "timestamp");
        meters = List.copyOf(requireNonNull(meters, "meters"));
    }

    /**
     * Returns the first meter of a name, in the order of {@link #meters()}.
     *
     * @param name the meter's name, such as {@code armature.events.published}
     * @return the meter, or empty when the snapshot holds none of that name
     */
    public Optional<MeterSnapshot> meter(String name) {
        requireNonNull(name, "name");
        return meters.stream().filter(m -> m.name().equals(name)).findFirst();
    }
}

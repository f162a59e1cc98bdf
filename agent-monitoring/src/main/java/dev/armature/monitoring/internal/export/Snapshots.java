package dev.armature.monitoring.internal.export;

import dev.armature.spi.monitoring.MeterSnapshot;
import dev.armature.spi.monitoring.MetricsSnapshot;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.LongTaskTimer;
import io.micrometer.core.instrument.Measurement;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Timer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/** Internal: copies a Micrometer registry's meters into the API's immutable {@link MetricsSnapshot}. */
final class Snapshots {
    private static final Comparator<MeterSnapshot> ORDER = Comparator.comparing(MeterSnapshot::name)
            .thenComparing(m -> m.tags().toString());

    private Snapshots() {}

    /**
     * Returns the registry's meters now, ordered by name and tags.
     *
     * @param registry the registry
     * @param timestamp the snapshot's time, from the system's time source
     */
    static MetricsSnapshot take(MeterRegistry registry, Instant timestamp) {
        List<MeterSnapshot> meters = new ArrayList<>();
        for (Meter meter : registry.getMeters()) {
            meters.add(of(meter));
        }
        meters.sort(ORDER);
        return new MetricsSnapshot(timestamp, meters);
    }

    /** Returns one meter's snapshot. */
    static MeterSnapshot of(Meter meter) {
        Meter.Id id = meter.getId();
        Map<String, String> tags = new LinkedHashMap<>();
        for (Tag tag : id.getTagsAsIterable()) {
            tags.put(tag.getKey(), tag.getValue());
        }
        List<MeterSnapshot.Measurement> measurements = new ArrayList<>();
        for (Measurement m : meter.measure()) {
            measurements.add(new MeterSnapshot.Measurement(statistic(m.getStatistic()), m.getValue()));
        }
        return new MeterSnapshot(id.getName(), type(id.getType()), tags, baseUnit(meter), measurements);
    }

    private static String baseUnit(Meter meter) {
        // A timer's id carries no unit: its numbers are in the registry's base time unit.
        @Nullable TimeUnit time = null;
        if (meter instanceof Timer t) {
            time = t.baseTimeUnit();
        } else if (meter instanceof FunctionTimer t) {
            time = t.baseTimeUnit();
        } else if (meter instanceof LongTaskTimer t) {
            time = t.baseTimeUnit();
        }
        if (time != null) {
            return time.name().toLowerCase(Locale.ROOT);
        }
        @Nullable String unit = meter.getId().getBaseUnit();
        return unit == null ? "" : unit;
    }

    private static MeterSnapshot.Type type(Meter.Type type) {
        return switch (type) {
            case COUNTER -> MeterSnapshot.Type.COUNTER;
            case GAUGE -> MeterSnapshot.Type.GAUGE;
            case TIMER -> MeterSnapshot.Type.TIMER;
            case DISTRIBUTION_SUMMARY -> MeterSnapshot.Type.DISTRIBUTION_SUMMARY;
            case LONG_TASK_TIMER -> MeterSnapshot.Type.LONG_TASK_TIMER;
            case OTHER -> MeterSnapshot.Type.OTHER;
        };
    }

    private static MeterSnapshot.Statistic statistic(io.micrometer.core.instrument.Statistic statistic) {
        return switch (statistic) {
            case TOTAL -> MeterSnapshot.Statistic.TOTAL;
            case TOTAL_TIME -> MeterSnapshot.Statistic.TOTAL_TIME;
            case COUNT -> MeterSnapshot.Statistic.COUNT;
            case MAX -> MeterSnapshot.Statistic.MAX;
            case VALUE -> MeterSnapshot.Statistic.VALUE;
            case ACTIVE_TASKS -> MeterSnapshot.Statistic.ACTIVE_TASKS;
            case DURATION -> MeterSnapshot.Statistic.DURATION;
            case UNKNOWN -> MeterSnapshot.Statistic.UNKNOWN;
        };
    }
}

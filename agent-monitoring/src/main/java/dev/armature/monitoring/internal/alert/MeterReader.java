package dev.armature.monitoring.internal.alert;

import static java.util.Objects.requireNonNull;

import dev.armature.api.monitoring.MeterQuery;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.LongTaskTimer;
import io.micrometer.core.instrument.Measurement;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * Internal: reads {@link MeterQuery}s from a Micrometer registry for one evaluation tick, as
 * {@link MeterQuery}'s Javadoc describes: the matching meters' numbers summed (the largest for MAX,
 * total over count for MEAN), {@code NaN} for no data. Times are in seconds. The registry's meters
 * are indexed by name once, at the first read, and each query is read once: every rule of a tick
 * sees the same number for the same query, and a tick of many rules over few meters costs one pass
 * over the registry instead of one search per rule. Not thread-safe: one tick, one thread.
 */
final class MeterReader {
    private final MeterRegistry registry;
    private @Nullable Map<String, List<Meter>> byName;
    private final Map<MeterQuery, Double> read = new HashMap<>();

    private MeterReader(MeterRegistry registry) {
        this.registry = registry;
    }

    /** Returns a reader of the registry as it is from now on, for one tick. */
    static MeterReader of(MeterRegistry registry) {
        return new MeterReader(requireNonNull(registry, "registry"));
    }

    /** One meter's numbers; {@code distribution} for timers and summaries, whose natural value is the mean. */
    private record Numbers(double value, double count, double total, double max, boolean distribution) {}

    /** Returns the query's number, or {@code NaN} when no meter matches or the number is not finite. */
    double read(MeterQuery query) {
        Double known = read.get(query);
        if (known != null) {
            return known;
        }
        double value = compute(query);
        read.put(query, value);
        return value;
    }

    private List<Meter> named(String name) {
        Map<String, List<Meter>> index = byName;
        if (index == null) {
            index = new HashMap<>();
            for (Meter meter : registry.getMeters()) {
                index.computeIfAbsent(meter.getId().getName(), n -> new ArrayList<>())
                        .add(meter);
            }
            byName = index;
        }
        return index.getOrDefault(name, List.of());
    }

    private static boolean matches(Meter meter, Map<String, String> tags) {
        Meter.Id id = meter.getId();
        for (Map.Entry<String, String> t : tags.entrySet()) {
            if (!t.getValue().equals(id.getTag(t.getKey()))) {
                return false;
            }
        }
        return true;
    }

    private double compute(MeterQuery query) {
        boolean any = false;
        double value = 0;
        double count = 0;
        double total = 0;
        double max = Double.NEGATIVE_INFINITY;
        boolean distribution = false;
        for (Meter meter : named(query.name())) {
            if (!matches(meter, query.tags())) {
                continue;
            }
            any = true;
            Numbers n = numbers(meter);
            value += n.value();
            count += n.count();
            total += n.total();
            max = Math.max(max, n.max());
            distribution |= n.distribution();
        }
        if (!any) {
            return Double.NaN;
        }
        double result =
                switch (query.statistic()) {
                    case VALUE -> distribution ? (count == 0 ? Double.NaN : total / count) : value;
                    case COUNT -> count;
                    case TOTAL -> total;
                    case MEAN -> count == 0 ? Double.NaN : total / count;
                    case MAX -> max;
                };
        return Double.isFinite(result) ? result : Double.NaN;
    }

    private static Numbers numbers(Meter meter) {
        if (meter instanceof Gauge g) {
            double v = g.value();
            return new Numbers(v, v, v, v, false);
        } else if (meter instanceof Counter c) {
            double v = c.count();
            return new Numbers(v, v, v, v, false);
        } else if (meter instanceof FunctionCounter c) {
            double v = c.count();
            return new Numbers(v, v, v, v, false);
        } else if (meter instanceof Timer t) {
            return new Numbers(
                    t.mean(TimeUnit.SECONDS), t.count(), t.totalTime(TimeUnit.SECONDS), t.max(TimeUnit.SECONDS), true);
        } else if (meter instanceof FunctionTimer t) {
            return new Numbers(t.mean(TimeUnit.SECONDS), t.count(), t.totalTime(TimeUnit.SECONDS), Double.NaN, true);
        } else if (meter instanceof DistributionSummary s) {
            return new Numbers(s.mean(), s.count(), s.totalAmount(), s.max(), true);
        } else if (meter instanceof LongTaskTimer t) {
            double active = t.activeTasks();
            return new Numbers(active, active, t.duration(TimeUnit.SECONDS), t.max(TimeUnit.SECONDS), false);
        }
        // Any other meter: its first measurement stands for every number.
        for (Measurement m : meter.measure()) {
            double v = m.getValue();
            return new Numbers(v, v, v, v, false);
        }
        return new Numbers(Double.NaN, Double.NaN, Double.NaN, Double.NaN, false);
    }
}

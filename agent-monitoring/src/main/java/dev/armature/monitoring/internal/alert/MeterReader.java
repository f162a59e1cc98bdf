package dev.armature.monitoring.internal.alert;

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
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Timer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Internal: reads a {@link MeterQuery} from a Micrometer registry, as its Javadoc describes: the
 * matching meters' numbers summed (the largest for MAX, total over count for MEAN), {@code NaN} for
 * no data. Times are in seconds. Stateless and thread-safe.
 */
final class MeterReader {
    private MeterReader() {}

    /** One meter's numbers; {@code distribution} for timers and summaries, whose natural value is the mean. */
    private record Numbers(double value, double count, double total, double max, boolean distribution) {}

    /** Returns the query's number now, or {@code NaN} when no meter matches or the number is not finite. */
    static double read(MeterRegistry registry, MeterQuery query) {
        List<Tag> tags = new ArrayList<>();
        for (Map.Entry<String, String> t : query.tags().entrySet()) {
            tags.add(Tag.of(t.getKey(), t.getValue()));
        }
        Collection<Meter> meters = registry.find(query.name()).tags(tags).meters();
        if (meters.isEmpty()) {
            return Double.NaN;
        }
        double value = 0;
        double count = 0;
        double total = 0;
        double max = Double.NEGATIVE_INFINITY;
        boolean distribution = false;
        for (Meter meter : meters) {
            Numbers n = numbers(meter);
            value += n.value();
            count += n.count();
            total += n.total();
            max = Math.max(max, n.max());
            distribution |= n.distribution();
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

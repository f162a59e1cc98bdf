package dev.armature.monitoring.internal.export;

import static java.util.Objects.requireNonNull;

import dev.armature.api.time.TimeSource;
import io.micrometer.core.instrument.Measurement;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Internal: removes dynamic meters that have not changed for a time to live. Recording pays
 * nothing for it: each {@link #sweep} reads every meter's measurements and compares them with
 * those of the sweep before; a meter whose numbers stayed the same since they last changed, for the
 * TTL or longer, is removed from the registry.
 *
 * <p>The rule: a meter whose name starts with one of the kept prefixes is never swept (by default
 * the SDK's own {@code armature.*} meters, whose gauges hold strong references and whose owners
 * cache them, and the binders' {@code resilience4j.}, {@code jvm.}, {@code process.} and {@code
 * system.} meters, which would never be registered again). A gauge is swept only while its value
 * is NaN — the object it read is gone — since a steady gauge is still in use; every other meter is
 * swept when its measurements are unchanged. A meter first seen counts as changed then.
 * Thread-safe.
 */
final class MeterSweeper {
    private final MeterRegistry registry;
    private final TimeSource time;
    private final List<String> keep;
    private volatile Duration ttl;
    private final Map<Meter.Id, Seen> seen = new HashMap<>();

    /** A meter's numbers at the last sweep and when they last changed; the array is never shared. */
    private static final class Seen {
        final double[] values;
        final long changedAtNanos;

        Seen(double[] values, long changedAtNanos) {
            this.values = values;
            this.changedAtNanos = changedAtNanos;
        }
    }

    MeterSweeper(MeterRegistry registry, TimeSource time, Duration ttl, List<String> keep) {
        this.registry = requireNonNull(registry, "registry");
        this.time = requireNonNull(time, "time");
        this.ttl = requireNonNull(ttl, "ttl");
        this.keep = List.copyOf(keep);
    }

    /** Sets the time to live for the sweeps to come. */
    void ttl(Duration ttl) {
        this.ttl = requireNonNull(ttl, "ttl");
    }

    /**
     * Removes the meters unchanged for the TTL.
     *
     * @return the meters removed
     */
    synchronized List<Meter.Id> sweep() {
        long now = time.nanoTime();
        long ttlNanos = ttl.toNanos();
        List<Meter.Id> removed = new ArrayList<>();
        Set<Meter.Id> present = new HashSet<>();
        for (Meter meter : registry.getMeters()) {
            Meter.Id id = meter.getId();
            if (kept(id.getName())) {
                continue;
            }
            present.add(id);
            double[] values = values(meter);
            Seen last = seen.get(id);
            if (last == null || !Arrays.equals(last.values, values) || !idle(id, values)) {
                seen.put(id, new Seen(values, now));
            } else if (now - last.changedAtNanos >= ttlNanos) {
                registry.remove(meter);
                seen.remove(id);
                present.remove(id);
                removed.add(id);
            }
        }
        // Meters removed by their owners are forgotten, so that one registered again starts afresh.
        seen.keySet().retainAll(present);
        return List.copyOf(removed);
    }

    private boolean kept(String name) {
        for (String prefix : keep) {
            if (name.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    /** Whether unchanged numbers mean the meter is unused: for a gauge, only a NaN does. */
    private static boolean idle(Meter.Id id, double[] values) {
        if (id.getType() != Meter.Type.GAUGE) {
            return true;
        }
        for (double v : values) {
            if (!Double.isNaN(v)) {
                return false;
            }
        }
        return true;
    }

    private static double[] values(Meter meter) {
        List<Double> values = new ArrayList<>();
        for (Measurement m : meter.measure()) {
            values.add(m.getValue());
        }
        double[] out = new double[values.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = values.get(i);
        }
        return out;
    }
}

package dev.armature.monitoring.internal.prometheus;

import io.micrometer.core.instrument.Clock;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.TimeGauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;

/**
 * Internal: shows every meter of a registry in a Prometheus registry of its own, as twins that read
 * the original when scraped. Recording goes on in the original alone, so it costs nothing more, and
 * the twins show everything recorded since each meter was made, however late the mirror started.
 *
 * <p>Why not add a Prometheus registry to a composite: a composite gives a late child fresh meters
 * (counts since then) and reads each meter from whichever child comes first in an identity map, so
 * a count read through the system's registry could go back to that of the late child. A mirror
 * changes nothing in the registry it reads, and works over any registry the host gave.
 *
 * <p>Counters, gauges and function counters keep their names, tags, base unit and description;
 * timers become a summary ({@code _seconds_count}, {@code _seconds_sum}) and a gauge {@code
 * _seconds_max}, as Micrometer's Prometheus registry writes a timer; a histogram's buckets are not
 * mirrored. Any other meter is shown by its measurements. Thread-safe.
 */
final class RegistryMirror implements AutoCloseable {
    private final PrometheusMeterRegistry target;
    private final Map<Meter.Id, List<Meter>> twins = new ConcurrentHashMap<>();
    /** What the source's listeners reach; cleared on close, since a registry cannot drop a listener. */
    private final AtomicReference<@Nullable RegistryMirror> link;

    private RegistryMirror(PrometheusMeterRegistry target) {
        this.target = target;
        this.link = new AtomicReference<>(this);
    }

    /**
     * Starts mirroring a registry: its meters now, and each one added or removed later.
     *
     * @param source the registry to show
     * @param clock the system's clock
     * @param descriptions whether the {@code # HELP} lines carry the meters' descriptions
     * @return the mirror, which {@link #close()} stops
     */
    static RegistryMirror of(MeterRegistry source, Clock clock, boolean descriptions) {
        PrometheusConfig config = new PrometheusConfig() {
            @Override
            public @Nullable String get(String key) {
                return null; // every other setting at Micrometer's default
            }

            @Override
            public boolean descriptions() {
                return descriptions;
            }
        };
        RegistryMirror mirror =
                new RegistryMirror(new PrometheusMeterRegistry(config, new PrometheusRegistry(), clock));
        AtomicReference<@Nullable RegistryMirror> link = mirror.link;
        // Listeners first, then the meters already there: a meter made in between is offered twice,
        // which add() takes once.
        source.config()
                .onMeterAdded(m -> {
                    RegistryMirror live = link.get();
                    if (live != null) {
                        live.add(m);
                    }
                })
                .onMeterRemoved(m -> {
                    RegistryMirror live = link.get();
                    if (live != null) {
                        live.remove(m);
                    }
                });
        for (Meter m : source.getMeters()) {
            mirror.add(m);
        }
        return mirror;
    }

    /** Returns the Prometheus registry that holds the twins. */
    PrometheusMeterRegistry registry() {
        return target;
    }

    private void add(Meter meter) {
        if (link.get() == null) {
            return;
        }
        twins.computeIfAbsent(meter.getId(), id -> twin(meter));
    }

    private void remove(Meter meter) {
        List<Meter> gone = twins.remove(meter.getId());
        if (gone != null) {
            gone.forEach(target::remove);
        }
    }

    private List<Meter> twin(Meter meter) {
        Meter.Id id = meter.getId();
        String name = id.getName();
        List<Meter> made = new ArrayList<>(2);
        if (meter instanceof Counter c) {
            made.add(FunctionCounter.builder(name, c, Counter::count)
                    .tags(id.getTagsAsIterable())
                    .description(id.getDescription())
                    .baseUnit(id.getBaseUnit())
                    .register(target));
        } else if (meter instanceof FunctionCounter c) {
            made.add(FunctionCounter.builder(name, c, FunctionCounter::count)
                    .tags(id.getTagsAsIterable())
                    .description(id.getDescription())
                    .baseUnit(id.getBaseUnit())
                    .register(target));
        } else if (meter instanceof TimeGauge g) {
            made.add(TimeGauge.builder(name, g, TimeUnit.SECONDS, x -> x.value(TimeUnit.SECONDS))
                    .tags(id.getTagsAsIterable())
                    .description(id.getDescription())
                    .strongReference(true)
                    .register(target));
        } else if (meter instanceof Gauge g) {
            made.add(Gauge.builder(name, g, Gauge::value)
                    .tags(id.getTagsAsIterable())
                    .description(id.getDescription())
                    .baseUnit(id.getBaseUnit())
                    .strongReference(true)
                    .register(target));
        } else if (meter instanceof Timer t) {
            made.add(FunctionTimer.builder(name, t, Timer::count, x -> x.totalTime(TimeUnit.SECONDS), TimeUnit.SECONDS)
                    .tags(id.getTagsAsIterable())
                    .description(id.getDescription())
                    .register(target));
            // The name Micrometer's Prometheus registry gives a timer's max.
            made.add(Gauge.builder(name + ".seconds.max", t, x -> x.max(TimeUnit.SECONDS))
                    .tags(id.getTagsAsIterable())
                    .description(id.getDescription())
                    .strongReference(true)
                    .register(target));
        } else if (meter instanceof FunctionTimer t) {
            made.add(FunctionTimer.builder(
                            name, t, x -> (long) x.count(), x -> x.totalTime(TimeUnit.SECONDS), TimeUnit.SECONDS)
                    .tags(id.getTagsAsIterable())
                    .description(id.getDescription())
                    .register(target));
        } else {
            made.add(Meter.builder(name, id.getType(), meter.measure())
                    .tags(id.getTagsAsIterable())
                    .description(id.getDescription())
                    .baseUnit(id.getBaseUnit())
                    .register(target));
        }
        return List.copyOf(made);
    }

    /** Stops following the source and closes the Prometheus registry; the source is left as it was. */
    @Override
    public void close() {
        link.set(null);
        twins.clear();
        target.clear(); // the twins hold the source's meters: let them go with the system
        target.close();
    }
}

package dev.armature.monitoring.internal.prometheus;

import dev.armature.api.Component;
import dev.armature.api.ComponentContext;
import dev.armature.api.ComponentDescriptor;
import dev.armature.api.config.Config;
import dev.armature.api.monitoring.MetricsExposition;
import dev.armature.api.monitoring.MetricsUnavailableException;
import dev.armature.core.metrics.TimeSourceClock;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Internal: the Prometheus exposition as a component and the {@link MetricsExposition} service.
 * Each start looks at the system's registry: a {@link PrometheusMeterRegistry} of the host's, given
 * directly or inside a {@link CompositeMeterRegistry}, is scraped as it is; any other registry (the
 * system's own, or a host's of another kind) is shown through a {@link RegistryMirror}, which stop
 * closes. Before start, after stop and with {@code armature.metrics.prometheus.enabled} false,
 * {@link #scrape()} throws {@link MetricsUnavailableException}. Thread-safe.
 */
public final class PrometheusExposition implements Component, MetricsExposition {
    /** The component's name. */
    public static final String NAME = "armature.metrics.prometheus";

    /** What scrape reads, and the mirror to close when it is one of Armature's own. */
    private record Source(PrometheusMeterRegistry registry, @Nullable RegistryMirror mirror) {}

    private volatile @Nullable Source source;
    private volatile boolean disabled;

    /** Creates the exposition; it shows nothing until started. */
    public PrometheusExposition() {}

    @Override
    public ComponentDescriptor descriptor() {
        // Essential: the meters are most wanted while the system is in safe mode.
        return ComponentDescriptor.builder(NAME).essential(true).build();
    }

    @Override
    public void start(ComponentContext context) {
        close(); // a restart begins afresh
        Config config = context.config();
        if (!config.get(PrometheusSchema.ENABLED, Boolean.class)) {
            disabled = true;
            return;
        }
        disabled = false;
        MeterRegistry registry = context.service(MeterRegistry.class);
        source = hostsPrometheus(registry).map(host -> new Source(host, null)).orElseGet(() -> {
            RegistryMirror mirror = RegistryMirror.of(
                    registry,
                    new TimeSourceClock(context.timeSource()),
                    config.get(PrometheusSchema.DESCRIPTIONS, Boolean.class));
            return new Source(mirror.registry(), mirror);
        });
    }

    /** Returns the host's Prometheus registry: the system's registry itself, or one inside it. */
    static Optional<PrometheusMeterRegistry> hostsPrometheus(MeterRegistry registry) {
        if (registry instanceof PrometheusMeterRegistry p) {
            return Optional.of(p);
        }
        if (registry instanceof CompositeMeterRegistry c) {
            for (MeterRegistry child : c.getRegistries()) {
                Optional<PrometheusMeterRegistry> found = hostsPrometheus(child);
                if (found.isPresent()) {
                    return found;
                }
            }
        }
        return Optional.empty();
    }

    @Override
    public void stop() {
        close();
    }

    private void close() {
        Source s = source;
        source = null;
        if (s != null && s.mirror() != null) {
            s.mirror().close(); // the host's own registry is the host's to close
        }
    }

    @Override
    public String scrape() {
        Source s = source;
        if (s == null) {
            if (disabled) {
                throw new MetricsUnavailableException(
                        MetricsUnavailableException.Reason.DISABLED,
                        "The Prometheus exposition is switched off by " + PrometheusSchema.ENABLED
                                + "=false; set it to true (or remove it) to serve the system's meters.");
            }
            throw new MetricsUnavailableException(
                    MetricsUnavailableException.Reason.NOT_RUNNING,
                    "The Prometheus exposition (component " + NAME + ") is not running: scrape after"
                            + " system.start() and before close().");
        }
        return s.registry().scrape();
    }
}

package dev.armature.monitoring.internal.export;

import dev.armature.api.Component;
import dev.armature.api.ComponentContext;
import dev.armature.api.ComponentDescriptor;
import dev.armature.api.config.Config;
import dev.armature.api.event.Subscription;
import dev.armature.api.time.Cancellable;
import dev.armature.api.time.Scheduler;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Internal: the component {@value #NAME}, which runs a {@link MeterSweeper} on the system's
 * scheduler every half {@code armature.metrics.ttl}, so that a meter goes between one and one and a
 * half TTLs after its last change. Off while the key is absent; a change of the key applies at
 * once. Thread-safe.
 */
public final class MeterTtl implements Component {
    /** The component's name. */
    public static final String NAME = "armature.metrics.ttl";

    private static final Logger log = LoggerFactory.getLogger(MeterTtl.class);

    private @Nullable Scheduler scheduler;
    private @Nullable MeterSweeper sweeper;
    private @Nullable Cancellable sweeps;
    private @Nullable Subscription changes;
    private @Nullable MeterRegistry registry;
    private @Nullable ComponentContext context;

    /** Creates the component. */
    public MeterTtl() {}

    @Override
    public ComponentDescriptor descriptor() {
        return ComponentDescriptor.of(NAME);
    }

    @Override
    public synchronized void start(ComponentContext ctx) {
        context = ctx;
        scheduler = ctx.scheduler();
        registry = ctx.service(MeterRegistry.class);
        Config config = ctx.config();
        apply(ExportersSchema.ttl(config));
        changes = config.onChange(ExportersSchema.TTL, c -> apply(ExportersSchema.ttl(config)));
    }

    private synchronized void apply(Optional<Duration> ttl) {
        Cancellable previous = sweeps;
        if (previous != null) {
            previous.cancel();
            sweeps = null;
        }
        ComponentContext ctx = context;
        Scheduler s = scheduler;
        MeterRegistry r = registry;
        if (ttl.isEmpty() || ctx == null || s == null || r == null) {
            sweeper = null;
            return;
        }
        MeterSweeper current = sweeper;
        if (current == null) {
            current = new MeterSweeper(r, ctx.timeSource(), ttl.get(), ExportersSchema.ttlKeep(ctx.config()));
            sweeper = current;
        } else {
            current.ttl(ttl.get());
        }
        MeterSweeper running = current;
        Duration period = ttl.get().dividedBy(2);
        sweeps = s.scheduleAtFixedRate(period, period, () -> {
            var removed = running.sweep();
            if (!removed.isEmpty()) {
                log.atDebug().addKeyValue("meters", removed.size()).log("removed meters unchanged for the TTL");
            }
        });
    }

    @Override
    public synchronized void stop() {
        Subscription c = changes;
        if (c != null) {
            c.close();
            changes = null;
        }
        context = null;
        apply(Optional.empty());
    }
}

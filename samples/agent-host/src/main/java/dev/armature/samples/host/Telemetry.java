package dev.armature.samples.host;

import dev.armature.api.Component;
import dev.armature.api.ComponentContext;
import dev.armature.api.ComponentDescriptor;
import dev.armature.api.event.Subscription;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts the agent's turns from the event bus and logs a summary on stop. Optional: the host runs
 * without it, reported DEGRADED, if it cannot start. It knows the session manager only through the
 * events it publishes.
 */
final class Telemetry implements Component {
    static final String NAME = "telemetry";
    private static final Logger log = LoggerFactory.getLogger(Telemetry.class);

    private final AtomicLong turns = new AtomicLong();
    private final AtomicLong filesSeen = new AtomicLong();
    private volatile @Nullable Subscription subscription;

    @Override
    public ComponentDescriptor descriptor() {
        return ComponentDescriptor.builder(NAME).optional(true).essential(false).build();
    }

    @Override
    public void start(ComponentContext context) {
        subscription = context.events().subscribe(AgentTurnCompleted.class, e -> {
            turns.incrementAndGet();
            filesSeen.addAndGet(e.payload().filesSeen());
        });
    }

    @Override
    public void stop() {
        Subscription s = subscription;
        subscription = null;
        if (s != null) {
            s.close();
        }
        log.atInfo()
                .addKeyValue("turns", turns.get())
                .addKeyValue("filesSeen", filesSeen.get())
                .log("telemetry summary");
    }

    long turns() {
        return turns.get();
    }
}

package dev.armature.core.functional;

import dev.armature.api.Component;
import dev.armature.api.ComponentContext;
import dev.armature.api.ComponentDescriptor;
import dev.armature.api.health.HealthCheck;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;

/** A component for tests whose start and stop run host-supplied actions and record what happened. */
public final class TestComponent implements Component {
    /** An action run by start or stop. */
    @FunctionalInterface
    public interface Action {
        void run(@Nullable ComponentContext context) throws Exception;
    }

    private final ComponentDescriptor descriptor;
    private final Queue<String> journal;
    private volatile Action onStart = c -> {};
    private volatile Action onStop = c -> {};
    private volatile List<HealthCheck> checks = List.of();
    private final AtomicInteger starts = new AtomicInteger();
    private final AtomicInteger stops = new AtomicInteger();
    private final AtomicReference<@Nullable ComponentContext> context = new AtomicReference<>();

    public TestComponent(ComponentDescriptor descriptor, Queue<String> journal) {
        this.descriptor = descriptor;
        this.journal = journal;
    }

    public TestComponent(ComponentDescriptor descriptor) {
        this(descriptor, new ConcurrentLinkedQueue<>());
    }

    public TestComponent onStart(Action action) {
        this.onStart = action;
        return this;
    }

    public TestComponent onStop(Action action) {
        this.onStop = action;
        return this;
    }

    public TestComponent healthChecks(List<HealthCheck> checks) {
        this.checks = checks;
        return this;
    }

    @Override
    public ComponentDescriptor descriptor() {
        return descriptor;
    }

    @Override
    public void start(ComponentContext ctx) throws Exception {
        context.set(ctx);
        starts.incrementAndGet();
        journal.add("start:" + descriptor.name());
        onStart.run(ctx);
        journal.add("started:" + descriptor.name());
    }

    @Override
    public void stop() throws Exception {
        stops.incrementAndGet();
        journal.add("stop:" + descriptor.name());
        onStop.run(context.get());
        journal.add("stopped:" + descriptor.name());
    }

    @Override
    public List<HealthCheck> healthChecks() {
        return checks;
    }

    public int starts() {
        return starts.get();
    }

    public int stops() {
        return stops.get();
    }

    /** The context of the latest start; fails if it has not started. */
    public ComponentContext context() {
        ComponentContext c = context.get();
        if (c == null) {
            throw new IllegalStateException(descriptor.name() + " has not started");
        }
        return c;
    }
}

package dev.armature.core.functional;

import static java.util.concurrent.TimeUnit.SECONDS;

import dev.armature.api.AgentSystem;
import dev.armature.api.ComponentEvent;
import dev.armature.api.ComponentState;
import dev.armature.api.event.SubscribeOptions;
import dev.armature.api.event.Subscription;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Records every {@link ComponentEvent.StateChanged} of a system and lets a test wait, without
 * sleeping, until a component reaches a state.
 */
final class LifecycleWatch implements AutoCloseable {
    /** A safety net against hangs, never a wait that a passing test relies on. */
    static final long SAFETY_SECONDS = 10;

    private final Map<String, CompletableFuture<ComponentEvent.StateChanged>> reached = new ConcurrentHashMap<>();
    private final Queue<ComponentEvent.StateChanged> seen = new ConcurrentLinkedQueue<>();
    private final Subscription subscription;

    LifecycleWatch(AgentSystem system) {
        subscription = system.events()
                .subscribe(ComponentEvent.StateChanged.class, SubscribeOptions.withReplay(), e -> {
                    seen.add(e.payload());
                    reached(e.payload().component(), e.payload().to()).complete(e.payload());
                });
    }

    /** Completes with the first event that moved the component to the state. */
    CompletableFuture<ComponentEvent.StateChanged> reached(String component, ComponentState state) {
        return reached.computeIfAbsent(component + "/" + state, k -> new CompletableFuture<>());
    }

    /** Waits until the component has reached the state and returns the event that moved it there. */
    ComponentEvent.StateChanged await(String component, ComponentState state) throws Exception {
        return reached(component, state).get(SAFETY_SECONDS, SECONDS);
    }

    /** Every state change seen so far, in publication order. */
    List<ComponentEvent.StateChanged> seen() {
        return List.copyOf(seen);
    }

    @Override
    public void close() {
        subscription.close();
    }
}

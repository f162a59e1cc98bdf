package dev.armature.core.functional;

import dev.armature.api.AgentSystem;
import dev.armature.api.ComponentEvent;
import dev.armature.api.ComponentState;
import dev.armature.api.event.Event;
import dev.armature.api.event.EventEnvelope;
import dev.armature.api.event.Subscription;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * Records a system's events (its component events, or every event with {@link #all}) and lets a
 * test wait for one, with a bounded wait that is only
 * a safety net: the events arrive in publication order, so waiting for one means everything
 * published before it has been seen too.
 */
final class EventProbe implements AutoCloseable {
    /** How long a test waits for an event before it fails; never reached when the code works. */
    static final Duration SAFETY_NET = Duration.ofSeconds(10);

    private final BlockingQueue<EventEnvelope<? extends Event>> incoming = new LinkedBlockingQueue<>();
    private final List<EventEnvelope<? extends Event>> seen = new ArrayList<>();
    private final Subscription subscription;

    private <T extends Event> EventProbe(AgentSystem system, Class<T> type) {
        this.subscription = system.events().<T>subscribe(type, incoming::add);
    }

    /** Subscribes to every component event of the system from now on. */
    static EventProbe on(AgentSystem system) {
        return new EventProbe(system, ComponentEvent.class);
    }

    /** Subscribes to every event of the system from now on. */
    static EventProbe all(AgentSystem system) {
        return new EventProbe(system, Event.class);
    }

    /** Waits for the next event that matches, returning it; events before it are kept in {@link #payloads()}. */
    <E extends Event> EventEnvelope<E> await(Class<E> type, Predicate<? super E> matching) throws InterruptedException {
        while (true) {
            @Nullable EventEnvelope<? extends Event> next = incoming.poll(SAFETY_NET.toMillis(), TimeUnit.MILLISECONDS);
            if (next == null) {
                throw new AssertionError(
                        "no " + type.getSimpleName() + " within " + SAFETY_NET + "; seen so far: " + payloads());
            }
            seen.add(next);
            if (type.isInstance(next.payload()) && matching.test(type.cast(next.payload()))) {
                @SuppressWarnings("unchecked") // the payload's type was checked just above
                EventEnvelope<E> match = (EventEnvelope<E>) next;
                return match;
            }
        }
    }

    /**
     * Returns the first event seen so far that matches, or else waits for the next one that does:
     * for events whose order against the last one awaited is not fixed.
     */
    <E extends Event> E awaitEver(Class<E> type, Predicate<? super E> matching) throws InterruptedException {
        for (E e : seen(type)) {
            if (matching.test(e)) {
                return e;
            }
        }
        return await(type, matching).payload();
    }

    /** Like {@link #awaitState}, but an event already seen counts too. */
    ComponentEvent.StateChanged awaitStateEver(String component, ComponentState state) throws InterruptedException {
        return awaitEver(ComponentEvent.StateChanged.class, e -> e.component().equals(component) && e.to() == state);
    }

    /** Waits until the component reaches the state, returning the event that says so. */
    ComponentEvent.StateChanged awaitState(String component, ComponentState state) throws InterruptedException {
        return await(ComponentEvent.StateChanged.class, e -> e.component().equals(component) && e.to() == state)
                .payload();
    }

    /** Returns the payloads of every event awaited or passed over so far, in publication order. */
    List<Event> payloads() {
        List<Event> out = new ArrayList<>();
        for (EventEnvelope<? extends Event> e : seen) {
            out.add(e.payload());
        }
        return out;
    }

    /** Returns the payloads of one type seen so far, in publication order. */
    <E extends Event> List<E> seen(Class<E> type) {
        return payloads().stream().filter(type::isInstance).map(type::cast).toList();
    }

    /** Takes in every event already delivered, without waiting. */
    List<Event> drainDelivered() {
        List<EventEnvelope<? extends Event>> more = new ArrayList<>();
        incoming.drainTo(more);
        seen.addAll(more);
        return payloads();
    }

    @Override
    public void close() {
        subscription.close();
    }
}

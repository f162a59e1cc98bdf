package dev.armature.api.event;

import java.util.Optional;

/**
 * Publishes events to subscribers, in one envelope format, in one order.
 *
 * <p>Each subscriber sees events in publication order, on the bus's threads, through a bounded
 * queue of its own: a slow subscriber drops (and counts) events rather than slowing the publisher
 * or other subscribers. Thread-safe.
 *
 * <pre>{@code
 * Subscription s = system.events().subscribe(ComponentEvent.class, SubscribeOptions.withReplay(),
 *         e -> log.info("{}", e.payload()));
 * ...
 * s.close(); // stops delivery
 * }</pre>
 *
 * @since 0.1
 */
public interface EventBus {
    /**
     * Publishes an event.
     *
     * @param <E> the payload type
     * @param source who publishes it, for example a component's name
     * @param event the payload
     * @return the envelope it was published in
     */
    default <E extends Event> EventEnvelope<E> publish(String source, E event) {
        return publish(source, Optional.empty(), event);
    }

    /**
     * Publishes an event tied to others by a correlation id.
     *
     * @param <E> the payload type
     * @param source who publishes it
     * @param correlationId the correlation id, if any
     * @param event the payload
     * @return the envelope it was published in
     */
    <E extends Event> EventEnvelope<E> publish(String source, Optional<String> correlationId, E event);

    /**
     * Subscribes to events whose payload is an instance of {@code type}.
     *
     * @param <E> the payload type
     * @param type the payload type, for example {@code Event.class} for every event
     * @param options replay and queue capacity
     * @param listener the listener
     * @return the subscription, which cancels delivery when closed
     */
    <E extends Event> Subscription subscribe(Class<E> type, SubscribeOptions options, EventListener<E> listener);

    /**
     * Subscribes with the {@linkplain SubscribeOptions#defaults() default options}.
     *
     * @param <E> the payload type
     * @param type the payload type
     * @param listener the listener
     * @return the subscription
     */
    default <E extends Event> Subscription subscribe(Class<E> type, EventListener<E> listener) {
        return subscribe(type, SubscribeOptions.defaults(), listener);
    }
}

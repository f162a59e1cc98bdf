package dev.armature.api.event;

/**
 * Receives events of one type from an {@link EventBus}.
 *
 * <p>A listener is called on one of the bus's threads, never concurrently with itself, in
 * publication order. An exception it throws is caught, logged and counted; it never reaches the
 * publisher and does not cancel the subscription. A listener may call {@code AgentSystem.stop()}.
 *
 * @param <E> the payload type it receives
 * @since 0.1
 */
@FunctionalInterface
public interface EventListener<E extends Event> {
    /**
     * Handles one event.
     *
     * @param event the event with its envelope
     * @throws Exception if handling failed; the bus logs and counts it
     */
    void onEvent(EventEnvelope<E> event) throws Exception;
}

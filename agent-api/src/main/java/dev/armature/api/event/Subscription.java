package dev.armature.api.event;

/**
 * A listener's registration on an {@link EventBus}. Thread-safe.
 *
 * @since 0.1
 */
public interface Subscription extends AutoCloseable {
    /**
     * Returns how many events were dropped because this subscriber's queue was full.
     *
     * @return the count of dropped events
     */
    long dropped();

    /**
     * Returns how many times the listener threw.
     *
     * @return the count of listener failures
     */
    long failures();

    /**
     * Stops delivery; events already queued are discarded. Idempotent.
     */
    @Override
    void close();
}

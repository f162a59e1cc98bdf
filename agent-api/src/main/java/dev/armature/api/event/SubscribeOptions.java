package dev.armature.api.event;

/**
 * How a subscription receives events.
 *
 * @param replayState whether the subscriber first receives the latest event of every state key
 *     (see {@link Event#stateKey()}) that matches its type, atomically with the subscription: no
 *     event is missed between the replay and live delivery, and none is delivered twice
 * @param queueCapacity how many events may wait for this subscriber; when the queue is full, new
 *     events for it are dropped and counted
 * @since 0.1
 */
public record SubscribeOptions(boolean replayState, int queueCapacity) {
    /** The default queue capacity per subscriber. */
    public static final int DEFAULT_QUEUE_CAPACITY = 1024;

    /**
     * Checks the queue capacity.
     *
     * @param replayState whether to replay current state first
     * @param queueCapacity the queue's capacity, at least 1
     */
    public SubscribeOptions {
        if (queueCapacity < 1) {
            throw new IllegalArgumentException("queueCapacity must be at least 1, was " + queueCapacity);
        }
    }

    /**
     * Returns the defaults: no replay, a queue of {@value #DEFAULT_QUEUE_CAPACITY}.
     *
     * @return the default options
     */
    public static SubscribeOptions defaults() {
        return new SubscribeOptions(false, DEFAULT_QUEUE_CAPACITY);
    }

    /**
     * Returns options that replay current state first, with the default queue capacity.
     *
     * @return options with replay
     */
    public static SubscribeOptions withReplay() {
        return new SubscribeOptions(true, DEFAULT_QUEUE_CAPACITY);
    }
}

package dev.armature.core.internal.event;

import static java.util.Objects.requireNonNull;

import dev.armature.api.LogFields;
import dev.armature.api.event.Event;
import dev.armature.api.event.EventBus;
import dev.armature.api.event.EventEnvelope;
import dev.armature.api.event.EventListener;
import dev.armature.api.event.SubscribeOptions;
import dev.armature.api.event.Subscription;
import dev.armature.api.time.TimeSource;
import dev.armature.core.internal.concurrent.LogContext;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.random.RandomGenerator;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Internal: the {@link EventBus} of one system.
 *
 * <p>Publication is serialised by one lock that assigns the sequence number, keeps the latest event
 * of each state key and hands the envelope to every matching subscriber's bounded queue; listeners
 * never run under that lock. Each subscriber drains its queue on the delivery executor, one task at
 * a time, which keeps its events in publication order. Subscribing with replay takes the same lock,
 * so the replayed state and the live events meet without a gap or a duplicate.
 *
 * <p>A listener runs under the SLF4J {@code MDC} of the thread that published the event, with the
 * envelope's correlation id as {@link LogFields#CORRELATION_ID} unless that context has one, so
 * that its log lines belong to the work that caused the event. Replayed events carry no context
 * but their correlation id.
 */
public final class DefaultEventBus implements EventBus {
    private static final Logger log = LoggerFactory.getLogger(DefaultEventBus.class);
    private static final int DRAIN_BATCH = 64;

    private final Object lock = new Object();
    private final TimeSource time;
    private final RandomGenerator ids;
    private final Executor delivery;
    private final Map<String, EventEnvelope<?>> latestByStateKey = new LinkedHashMap<>();
    private final List<Subscriber<?>> subscribers = new ArrayList<>();
    private final AtomicLong listenerFailures = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong delivered = new AtomicLong();
    private long sequence;
    private boolean closed;

    /**
     * Creates a bus.
     *
     * @param time the source of timestamps
     * @param ids the random stream that event ids are drawn from
     * @param delivery the executor that runs listeners
     */
    public DefaultEventBus(TimeSource time, RandomGenerator ids, Executor delivery) {
        this.time = requireNonNull(time, "time");
        this.ids = requireNonNull(ids, "ids");
        this.delivery = requireNonNull(delivery, "delivery");
    }

    @Override
    public <E extends Event> EventEnvelope<E> publish(String source, Optional<String> correlationId, E event) {
        requireNonNull(source, "source");
        requireNonNull(correlationId, "correlationId");
        requireNonNull(event, "event");
        @Nullable Map<String, String> context = LogContext.capture();
        synchronized (lock) {
            EventEnvelope<E> envelope = new EventEnvelope<>(
                    new UUID(ids.nextLong(), ids.nextLong()),
                    ++sequence,
                    time.now(),
                    source,
                    correlationId,
                    event.type(),
                    event);
            event.stateKey().ifPresent(key -> {
                // remove first so that iteration order stays publication order
                latestByStateKey.remove(key);
                latestByStateKey.put(key, envelope);
            });
            if (!closed) {
                for (Subscriber<?> s : subscribers) {
                    s.offer(envelope, context);
                }
            }
            return envelope;
        }
    }

    @Override
    public <E extends Event> Subscription subscribe(
            Class<E> type, SubscribeOptions options, EventListener<E> listener) {
        requireNonNull(type, "type");
        requireNonNull(options, "options");
        requireNonNull(listener, "listener");
        Subscriber<E> subscriber = new Subscriber<>(type, options.queueCapacity(), listener);
        synchronized (lock) {
            if (options.replayState()) {
                for (EventEnvelope<?> e : latestByStateKey.values()) {
                    subscriber.offerReplay(e);
                }
            }
            if (!closed) {
                subscribers.add(subscriber);
            }
            subscriber.scheduleIfNeeded();
        }
        return subscriber;
    }

    /**
     * Returns how many events have been published.
     *
     * @return the count
     */
    public long published() {
        synchronized (lock) {
            return sequence;
        }
    }

    /**
     * Returns how many events have been handed to listeners, over all subscribers.
     *
     * @return the count
     */
    public long delivered() {
        return delivered.get();
    }

    /**
     * Returns how many listener calls threw, over all subscribers.
     *
     * @return the count
     */
    public long listenerFailures() {
        return listenerFailures.get();
    }

    /**
     * Returns how many events were dropped because a subscriber's queue was full, over all
     * subscribers.
     *
     * @return the count
     */
    public long dropped() {
        return dropped.get();
    }

    /**
     * Stops delivering new events; events already queued are still delivered while the delivery
     * executor runs.
     */
    public void close() {
        synchronized (lock) {
            closed = true;
            subscribers.clear();
        }
    }

    /** An event in a subscriber's queue, with the publisher's MDC, or null when that was empty. */
    private record Queued<E extends Event>(EventEnvelope<E> envelope, @Nullable Map<String, String> context) {}

    private final class Subscriber<E extends Event> implements Subscription {
        private final Class<E> type;
        private final int capacity;
        private final EventListener<E> listener;
        private final ArrayDeque<Queued<E>> queue = new ArrayDeque<>();
        private final AtomicLong droppedHere = new AtomicLong();
        private final AtomicLong failuresHere = new AtomicLong();
        private boolean scheduled;
        private volatile boolean cancelled;

        Subscriber(Class<E> type, int capacity, EventListener<E> listener) {
            this.type = type;
            this.capacity = capacity;
            this.listener = listener;
        }

        /** Called under the bus lock. */
        void offer(EventEnvelope<?> envelope, @Nullable Map<String, String> context) {
            if (!type.isInstance(envelope.payload())) {
                return;
            }
            synchronized (this) {
                if (queue.size() >= capacity) {
                    droppedHere.incrementAndGet();
                    dropped.incrementAndGet();
                    return;
                }
                queue.add(new Queued<>(cast(envelope), context));
            }
            scheduleIfNeeded();
        }

        /** Replayed state always fits: it is what a new subscriber asked for. */
        void offerReplay(EventEnvelope<?> envelope) {
            if (type.isInstance(envelope.payload())) {
                synchronized (this) {
                    queue.add(new Queued<>(cast(envelope), null));
                }
            }
        }

        // Sound: the payload was checked with type.isInstance and an envelope is immutable, so an
        // envelope of a subtype can be read as one of E.
        @SuppressWarnings("unchecked")
        private EventEnvelope<E> cast(EventEnvelope<?> envelope) {
            return (EventEnvelope<E>) envelope;
        }

        void scheduleIfNeeded() {
            synchronized (this) {
                if (scheduled || queue.isEmpty() || cancelled) {
                    return;
                }
                scheduled = true;
            }
            try {
                delivery.execute(this::drain);
            } catch (RejectedExecutionException e) {
                // The system is shutting down its threads: what is left in the queue is discarded.
                synchronized (this) {
                    int lost = queue.size();
                    queue.clear();
                    scheduled = false;
                    droppedHere.addAndGet(lost);
                    dropped.addAndGet(lost);
                }
                log.atDebug().addKeyValue("listener", listener).log("event delivery rejected after shutdown");
            }
        }

        private void drain() {
            for (int i = 0; i < DRAIN_BATCH; i++) {
                @Nullable Queued<E> next;
                synchronized (this) {
                    next = queue.poll();
                    if (next == null || cancelled) {
                        scheduled = false;
                        return;
                    }
                }
                deliver(next);
            }
            synchronized (this) {
                scheduled = false;
            }
            // Give other subscribers a turn on the executor before continuing.
            scheduleIfNeeded();
        }

        private void deliver(Queued<E> queued) {
            EventEnvelope<E> envelope = queued.envelope();
            @Nullable Map<String, String> context = queued.context();
            if (envelope.correlationId().isPresent()
                    && (context == null || !context.containsKey(LogFields.CORRELATION_ID))) {
                Map<String, String> withId = context == null ? new HashMap<>(4) : new HashMap<>(context);
                withId.put(LogFields.CORRELATION_ID, envelope.correlationId().get());
                context = withId;
            }
            if (context == null) {
                deliverHere(envelope);
                return;
            }
            @Nullable Map<String, String> previous = LogContext.install(context);
            try {
                deliverHere(envelope);
            } finally {
                LogContext.restore(previous);
            }
        }

        private void deliverHere(EventEnvelope<E> envelope) {
            delivered.incrementAndGet();
            try {
                listener.onEvent(envelope);
            } catch (Exception | LinkageError | AssertionError e) {
                failuresHere.incrementAndGet();
                listenerFailures.incrementAndGet();
                log.atWarn()
                        .addKeyValue("listener", listener)
                        .addKeyValue("eventType", envelope.type())
                        .addKeyValue("sequence", envelope.sequence())
                        .setCause(e)
                        .log("an event listener threw; the event is skipped for it and delivery goes on");
            }
        }

        @Override
        public long dropped() {
            return droppedHere.get();
        }

        @Override
        public long failures() {
            return failuresHere.get();
        }

        @Override
        public void close() {
            cancelled = true;
            synchronized (lock) {
                subscribers.remove(this);
            }
            synchronized (this) {
                queue.clear();
            }
        }
    }
}

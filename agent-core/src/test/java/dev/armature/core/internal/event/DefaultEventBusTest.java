package dev.armature.core.internal.event;

import static org.assertj.core.api.Assertions.assertThat;

import dev.armature.api.event.Event;
import dev.armature.api.event.EventEnvelope;
import dev.armature.api.event.EventType;
import dev.armature.api.event.SubscribeOptions;
import dev.armature.api.event.Subscription;
import dev.armature.api.time.RandomSource;
import dev.armature.core.time.ManualTime;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class DefaultEventBusTest {
    private static final long SAFETY_NET_SECONDS = 10;

    /** A moment: no state key. */
    record Ping(int n) implements Event {
        static final EventType TYPE = EventType.v1("test.ping");

        @Override
        public EventType type() {
            return TYPE;
        }
    }

    /** The current level of something named by the key. */
    record Level(String key, long version) implements Event {
        static final EventType TYPE = EventType.v1("test.level");

        @Override
        public EventType type() {
            return TYPE;
        }

        @Override
        public Optional<String> stateKey() {
            return Optional.of(key);
        }
    }

    /** Marks the end of a run. */
    record Done() implements Event {
        static final EventType TYPE = EventType.v1("test.done");

        @Override
        public EventType type() {
            return TYPE;
        }
    }

    private final ManualTime time = ManualTime.create();
    private final Queue<Runnable> deliveries = new ArrayDeque<>();
    private final ExecutorService pool = Executors.newFixedThreadPool(4);

    /** A bus whose deliveries run only when the test calls {@link #deliver()}. */
    private DefaultEventBus manualBus() {
        return new DefaultEventBus(time, RandomSource.seeded(1).stream("ids"), deliveries::add);
    }

    private DefaultEventBus pooledBus() {
        return new DefaultEventBus(time, RandomSource.seeded(1).stream("ids"), pool);
    }

    private void deliver() {
        for (@Nullable Runnable r = deliveries.poll(); r != null; r = deliveries.poll()) {
            r.run();
        }
    }

    @AfterEach
    void shutDownPool() throws InterruptedException {
        pool.shutdownNow();
        assertThat(pool.awaitTermination(SAFETY_NET_SECONDS, TimeUnit.SECONDS)).isTrue();
    }

    private static List<Object> payloads(List<? extends EventEnvelope<?>> envelopes) {
        return envelopes.stream().map(e -> (Object) e.payload()).toList();
    }

    private final List<Object> seenByMethod = new java.util.ArrayList<>();

    private void onAnyEnvelope(EventEnvelope<? extends Event> e) {
        seenByMethod.add(e.payload());
    }

    @Test
    void a_listener_can_be_a_method_reference_taking_a_wider_envelope() {
        DefaultEventBus bus = manualBus();
        Subscription subscription = bus.subscribe(Ping.class, this::onAnyEnvelope);
        bus.publish("test", new Ping(1));
        deliver();
        subscription.close();
        assertThat(seenByMethod).containsExactly(new Ping(1));
    }

    @Test
    void envelopes_carry_a_gapless_sequence_the_time_and_the_type() {
        DefaultEventBus bus = manualBus();
        time.advance(Duration.ofSeconds(3));

        EventEnvelope<Ping> first = bus.publish("test", new Ping(1));
        EventEnvelope<Ping> second = bus.publish("test", Optional.of("corr"), new Ping(2));

        assertThat(first.sequence()).isEqualTo(1);
        assertThat(second.sequence()).isEqualTo(2);
        assertThat(first.timestamp()).isEqualTo(ManualTime.DEFAULT_START.plusSeconds(3));
        assertThat(first.type()).isEqualTo(Ping.TYPE);
        assertThat(second.correlationId()).contains("corr");
        assertThat(first.id()).isNotEqualTo(second.id());
    }

    @Test
    void each_subscriber_receives_every_event_in_publication_order_from_concurrent_publishers() throws Exception {
        DefaultEventBus bus = pooledBus();
        int publishers = 4;
        int perPublisher = 500;
        List<List<EventEnvelope<? extends Ping>>> received = new ArrayList<>();
        List<CountDownLatch> allIn = new ArrayList<>();
        List<Subscription> subscriptions = new ArrayList<>();
        for (int s = 0; s < 3; s++) {
            List<EventEnvelope<? extends Ping>> got = Collections.synchronizedList(new ArrayList<>());
            CountDownLatch latch = new CountDownLatch(publishers * perPublisher);
            received.add(got);
            allIn.add(latch);
            subscriptions.add(bus.subscribe(Ping.class, new SubscribeOptions(false, publishers * perPublisher), e -> {
                got.add(e);
                latch.countDown();
            }));
        }
        List<Thread> threads = new ArrayList<>();
        for (int p = 0; p < publishers; p++) {
            int base = p * perPublisher;
            threads.add(new Thread(() -> {
                for (int i = 0; i < perPublisher; i++) {
                    var unused = bus.publish("publisher", new Ping(base + i));
                }
            }));
        }
        threads.forEach(Thread::start);
        for (Thread t : threads) {
            t.join(TimeUnit.SECONDS.toMillis(SAFETY_NET_SECONDS));
        }

        for (int s = 0; s < received.size(); s++) {
            assertThat(allIn.get(s).await(SAFETY_NET_SECONDS, TimeUnit.SECONDS)).isTrue();
            assertThat(subscriptions.get(s).dropped()).isZero();
            List<EventEnvelope<? extends Ping>> got = List.copyOf(received.get(s));
            assertThat(got).extracting(EventEnvelope::sequence).isSorted().doesNotHaveDuplicates();
            assertThat(got)
                    .extracting(e -> e.payload().n())
                    .containsExactlyInAnyOrderElementsOf(IntStream.range(0, publishers * perPublisher)
                            .boxed()
                            .toList());
            // Events of one publisher keep that publisher's order.
            for (int p = 0; p < publishers; p++) {
                int lo = p * perPublisher;
                assertThat(got)
                        .extracting(e -> e.payload().n())
                        .filteredOn(n -> n >= lo && n < lo + perPublisher)
                        .isSorted();
            }
        }
    }

    @Test
    void a_subscriber_whose_queue_is_full_drops_and_counts_without_holding_up_others() {
        DefaultEventBus bus = manualBus();
        List<Object> slow = new ArrayList<>();
        List<Object> roomy = new ArrayList<>();
        Subscription small = bus.subscribe(Ping.class, new SubscribeOptions(false, 2), e -> slow.add(e.payload()));
        Subscription large = bus.subscribe(Ping.class, new SubscribeOptions(false, 100), e -> roomy.add(e.payload()));

        for (int i = 1; i <= 5; i++) {
            var unused = bus.publish("test", new Ping(i));
        }

        assertThat(small.dropped()).isEqualTo(3);
        assertThat(large.dropped()).isZero();
        assertThat(bus.dropped()).isEqualTo(3);
        deliver();
        assertThat(slow).containsExactly(new Ping(1), new Ping(2));
        assertThat(roomy).containsExactly(new Ping(1), new Ping(2), new Ping(3), new Ping(4), new Ping(5));

        var unused = bus.publish("test", new Ping(6));
        deliver();
        assertThat(slow).containsExactly(new Ping(1), new Ping(2), new Ping(6));
        assertThat(small.dropped()).isEqualTo(3);
    }

    @Test
    void a_listener_that_throws_is_counted_and_the_others_still_receive_the_event() {
        DefaultEventBus bus = manualBus();
        List<Object> calm = new ArrayList<>();
        Subscription throwing = bus.subscribe(Ping.class, e -> {
            throw new IllegalStateException("listener broke on " + e.payload());
        });
        Subscription listening = bus.subscribe(Ping.class, e -> calm.add(e.payload()));

        var unused1 = bus.publish("test", new Ping(1));
        var unused2 = bus.publish("test", new Ping(2));
        deliver();

        assertThat(throwing.failures()).isEqualTo(2);
        assertThat(listening.failures()).isZero();
        assertThat(bus.listenerFailures()).isEqualTo(2);
        assertThat(calm).containsExactly(new Ping(1), new Ping(2));

        // The subscription survives its listener's failures.
        var unused3 = bus.publish("test", new Ping(3));
        deliver();
        assertThat(throwing.failures()).isEqualTo(3);
        assertThat(calm).containsExactly(new Ping(1), new Ping(2), new Ping(3));
    }

    @Test
    void a_listener_receives_only_the_type_it_subscribed_to() {
        DefaultEventBus bus = manualBus();
        List<Object> levels = new ArrayList<>();
        List<Object> everything = new ArrayList<>();
        var unused1 = bus.subscribe(Level.class, e -> levels.add(e.payload()));
        var unused2 = bus.subscribe(Event.class, e -> everything.add(e.payload()));

        var unused3 = bus.publish("test", new Ping(1));
        var unused4 = bus.publish("test", new Level("a", 1));
        deliver();

        assertThat(levels).containsExactly(new Level("a", 1));
        assertThat(everything).containsExactly(new Ping(1), new Level("a", 1));
    }

    @Test
    void subscribing_with_replay_first_delivers_the_latest_event_of_every_state_key_then_live_ones() {
        DefaultEventBus bus = manualBus();
        var unused1 = bus.publish("test", new Level("a", 1));
        var unused2 = bus.publish("test", new Level("b", 1));
        var unused3 = bus.publish("test", new Ping(1));
        var unused4 = bus.publish("test", new Level("a", 2));
        List<EventEnvelope<? extends Event>> replayed = new ArrayList<>();
        List<Object> plain = new ArrayList<>();

        var unused5 = bus.subscribe(Event.class, SubscribeOptions.withReplay(), replayed::add);
        var unused6 = bus.subscribe(Event.class, e -> plain.add(e.payload()));
        var unused7 = bus.publish("test", new Level("b", 2));
        deliver();

        assertThat(payloads(replayed)).containsExactly(new Level("b", 1), new Level("a", 2), new Level("b", 2));
        assertThat(replayed).extracting(EventEnvelope::sequence).containsExactly(2L, 4L, 5L);
        assertThat(plain).containsExactly(new Level("b", 2));
    }

    @Test
    void replay_only_delivers_state_of_the_subscribed_type() {
        DefaultEventBus bus = manualBus();
        var unused1 = bus.publish("test", new Level("a", 1));
        List<Object> pings = new ArrayList<>();

        var unused2 = bus.subscribe(Ping.class, SubscribeOptions.withReplay(), e -> pings.add(e.payload()));
        deliver();

        assertThat(pings).isEmpty();
    }

    @Test
    void a_closed_subscription_receives_nothing_more_and_its_queued_events_are_discarded() {
        DefaultEventBus bus = manualBus();
        List<Object> got = new ArrayList<>();
        Subscription s = bus.subscribe(Ping.class, e -> got.add(e.payload()));
        var unused1 = bus.publish("test", new Ping(1));

        s.close();
        s.close();
        var unused2 = bus.publish("test", new Ping(2));
        deliver();

        assertThat(got).isEmpty();
    }

    /** Records what one subscriber receives. */
    private static final class Recorder {
        final List<EventEnvelope<? extends Event>> got = Collections.synchronizedList(new ArrayList<>());
        final CountDownLatch done = new CountDownLatch(1);

        void on(EventEnvelope<? extends Event> e) {
            got.add(e);
            if (e.payload() instanceof Done) {
                done.countDown();
            }
        }
    }

    @Test
    void replay_under_concurrent_state_changes_has_no_gap_and_no_duplicate() throws Exception {
        DefaultEventBus bus = pooledBus();
        int publishers = 4;
        int keysPerPublisher = 5;
        int versions = 300;
        int subscriberCount = 8;
        int stateEvents = publishers * keysPerPublisher * versions;
        Map<Long, EventEnvelope<?>> published = new ConcurrentHashMap<>();
        List<CountDownLatch> subscribeNow = new ArrayList<>();
        for (int s = 0; s < subscriberCount; s++) {
            subscribeNow.add(new CountDownLatch(1));
        }
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        for (int p = 0; p < publishers; p++) {
            int publisher = p;
            threads.add(new Thread(() -> {
                awaitQuietly(go);
                for (int v = 1; v <= versions; v++) {
                    // Publisher 0 lets each subscriber in at its own point of the run.
                    if (publisher == 0 && (v - 1) % (versions / subscriberCount) == 0) {
                        int s = (v - 1) / (versions / subscriberCount);
                        if (s < subscriberCount) {
                            subscribeNow.get(s).countDown();
                        }
                    }
                    for (int k = 0; k < keysPerPublisher; k++) {
                        EventEnvelope<Level> e = bus.publish("p" + publisher, new Level("p" + publisher + "/k" + k, v));
                        published.put(e.sequence(), e);
                    }
                }
            }));
        }
        List<Recorder> recorders = new ArrayList<>();
        List<Subscription> subscriptions = Collections.synchronizedList(new ArrayList<>());
        for (int s = 0; s < subscriberCount; s++) {
            Recorder recorder = new Recorder();
            recorders.add(recorder);
            CountDownLatch myTurn = subscribeNow.get(s);
            threads.add(new Thread(() -> {
                awaitQuietly(myTurn);
                subscriptions.add(
                        bus.subscribe(Event.class, new SubscribeOptions(true, stateEvents + 10), recorder::on));
            }));
        }
        threads.forEach(Thread::start);
        go.countDown();
        for (Thread t : threads) {
            t.join(TimeUnit.SECONDS.toMillis(SAFETY_NET_SECONDS));
            assertThat(t.isAlive()).isFalse();
        }
        long doneSequence = bus.publish("test", new Done()).sequence();
        assertThat(doneSequence).isEqualTo(stateEvents + 1);

        assertThat(subscriptions).hasSize(subscriberCount).allSatisfy(s -> assertThat(s.dropped())
                .isZero());
        for (Recorder recorder : recorders) {
            assertThat(recorder.done.await(SAFETY_NET_SECONDS, TimeUnit.SECONDS))
                    .isTrue();
            checkNoGapNoDuplicate(List.copyOf(recorder.got), published, doneSequence, versions);
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            if (!latch.await(SAFETY_NET_SECONDS, TimeUnit.SECONDS)) {
                throw new IllegalStateException("latch not released");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * Checks what one replaying subscriber received: a replay (the latest event of every key as of
     * its subscription point S) followed by every event published after S, exactly once, in order.
     */
    private static void checkNoGapNoDuplicate(
            List<EventEnvelope<? extends Event>> got,
            Map<Long, EventEnvelope<?>> published,
            long doneSequence,
            int finalVersion) {
        assertThat(got).isNotEmpty();
        assertThat(got.get(got.size() - 1).sequence()).isEqualTo(doneSequence);
        List<Long> sequences = got.stream().map(EventEnvelope::sequence).toList();
        assertThat(sequences).isSorted().doesNotHaveDuplicates();

        // Per key: strictly increasing versions that end at the latest.
        Map<String, List<Long>> versionsByKey = new HashMap<>();
        for (EventEnvelope<? extends Event> e : got) {
            if (e.payload() instanceof Level l) {
                versionsByKey.computeIfAbsent(l.key(), k -> new ArrayList<>()).add(l.version());
            }
        }
        assertThat(versionsByKey).hasSize(20);
        versionsByKey.forEach((key, versions) -> {
            assertThat(versions).as(key).isSorted().doesNotHaveDuplicates();
            assertThat(versions.get(versions.size() - 1)).as(key).isEqualTo((long) finalVersion);
        });

        // The live part is a contiguous run of sequence numbers that ends with the Done event; the
        // replay before it has at most one event per key.
        int runStart = got.size() - 1;
        while (runStart > 0 && sequences.get(runStart - 1) == sequences.get(runStart) - 1) {
            runStart--;
        }
        List<Integer> candidates = new ArrayList<>();
        if (runStart == 0 && sequences.get(0) == 1) {
            candidates.add(0);
        }
        for (int split = Math.max(1, runStart); split <= Math.min(got.size() - 1, 20); split++) {
            candidates.add(split);
        }
        List<Long> matching = new ArrayList<>();
        for (int split : candidates) {
            long point = split == 0 ? 0 : sequences.get(split - 1);
            if (sequences.subList(0, split).equals(latestOfEachKeyUpTo(point, published))) {
                matching.add(point);
            }
        }
        assertThat(matching)
                .as(
                        "a subscription point S such that the first events are the state as of S and the rest"
                                + " are everything after S; received %s",
                        sequences.subList(0, Math.min(40, sequences.size())))
                .isNotEmpty();
    }

    private static List<Long> latestOfEachKeyUpTo(long point, Map<Long, EventEnvelope<?>> published) {
        Map<String, Long> latest = new HashMap<>();
        for (long seq = 1; seq <= point; seq++) {
            EventEnvelope<?> e = published.get(seq);
            assertThat(e).as("published event %d", seq).isNotNull();
            if (e != null && e.payload() instanceof Level l) {
                latest.put(l.key(), seq);
            }
        }
        return List.copyOf(new TreeSet<>(latest.values()));
    }
}

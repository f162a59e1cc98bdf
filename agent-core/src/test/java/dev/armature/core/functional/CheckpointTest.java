package dev.armature.core.functional;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.armature.api.AgentSystem;
import dev.armature.api.Backoff;
import dev.armature.api.Checkpoint;
import dev.armature.api.Checkpointable;
import dev.armature.api.ComponentContext;
import dev.armature.api.ComponentDescriptor;
import dev.armature.api.ComponentEvent;
import dev.armature.api.ComponentState;
import dev.armature.api.RestartPolicy;
import dev.armature.api.StartupException;
import dev.armature.api.event.Subscription;
import dev.armature.api.state.StateStore;
import dev.armature.core.state.EmbeddedStorage;
import dev.armature.core.time.ManualTime;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointTest {
    private static final String NAMESPACE = "armature.checkpoints";

    /** A counter whose value survives restarts through checkpoints. */
    static final class Counter implements Checkpointable {
        final AtomicLong value = new AtomicLong();
        final List<Checkpoint> restored = new CopyOnWriteArrayList<>();
        final BlockingQueue<Long> taken = new LinkedBlockingQueue<>();
        volatile @Nullable ComponentContext context;

        @Override
        public ComponentDescriptor descriptor() {
            return ComponentDescriptor.builder("counter")
                    .restartPolicy(RestartPolicy.DEFAULT.withBackoff(Backoff.fixed(Duration.ofSeconds(1))))
                    .build();
        }

        @Override
        public void start(ComponentContext context) {
            this.context = context;
        }

        @Override
        public void stop() {}

        @Override
        public byte[] checkpoint() {
            long v = value.get();
            taken.add(v);
            return Long.toString(v).getBytes(UTF_8);
        }

        @Override
        public void restore(Checkpoint checkpoint) {
            restored.add(checkpoint);
            value.set(Long.parseLong(new String(checkpoint.state(), UTF_8)));
        }

        @Override
        public String checkpointVersion() {
            return "counter-1";
        }
    }

    private static AgentSystem system(Path dir, Counter counter, ManualTime time) {
        return AgentSystem.builder()
                .timeSource(time)
                .dataDirectory(dir)
                .checkpointInterval(Duration.ofSeconds(10))
                .component(counter)
                .build();
    }

    @Test
    void the_state_checkpointed_on_stop_is_restored_by_the_next_system() {
        Path dir = tempDir.resolve("data");
        Counter first = new Counter();
        try (AgentSystem system = system(dir, first, ManualTime.create())) {
            system.start();
            first.value.set(42);
        }
        Counter second = new Counter();
        try (AgentSystem system = system(dir, second, ManualTime.create())) {
            system.start();
            assertThat(second.value.get()).isEqualTo(42);
            assertThat(second.restored).singleElement().satisfies(c -> {
                assertThat(c.sequence()).isEqualTo(1);
                assertThat(c.version()).isEqualTo("counter-1");
                assertThat(c.takenAt()).isEqualTo(ManualTime.DEFAULT_START);
            });
        }
    }

    @TempDir
    Path tempDir;

    @Test
    void checkpoints_are_taken_on_schedule_and_the_last_three_are_kept() throws Exception {
        Path dir = tempDir.resolve("data");
        ManualTime time = ManualTime.create();
        Counter counter = new Counter();
        try (AgentSystem system = system(dir, counter, time)) {
            BlockingQueue<ComponentEvent.CheckpointSaved> saved = new LinkedBlockingQueue<>();
            Subscription s =
                    system.events().subscribe(ComponentEvent.CheckpointSaved.class, e -> saved.add(e.payload()));
            system.start();
            for (long i = 1; i <= 5; i++) {
                counter.value.set(i * 10);
                time.advance(Duration.ofSeconds(10));
                // Saved, not only taken: the next advance must not find this write still running.
                assertThat(saved.poll(10, TimeUnit.SECONDS))
                        .isNotNull()
                        .extracting(e -> e.sequence())
                        .isEqualTo(i);
                assertThat(counter.taken.poll(10, TimeUnit.SECONDS)).isEqualTo(i * 10);
            }
            s.close();
            StateStore store = system.service(StateStore.class);
            assertThat(store.keys(NAMESPACE)).containsExactly("counter#0", "counter#1", "counter#2");
        }
        Counter next = new Counter();
        try (AgentSystem system = system(dir, next, ManualTime.create())) {
            system.start();
            // five scheduled and one on stop: the sixth is the newest
            assertThat(next.restored).singleElement().satisfies(c -> assertThat(c.sequence())
                    .isEqualTo(6));
            assertThat(next.value.get()).isEqualTo(50);
        }
    }

    @Test
    void a_damaged_checkpoint_is_skipped_with_an_event_and_the_one_before_is_used() throws Exception {
        Path dir = tempDir.resolve("data");
        Counter first = new Counter();
        ManualTime time = ManualTime.create();
        try (AgentSystem system = system(dir, first, time)) {
            system.start();
            first.value.set(7);
            awaitSaved(system, time); // checkpoint #1 holds 7
            first.value.set(8); // checkpoint #2, on stop, holds 8
        }
        try (EmbeddedStorage storage = EmbeddedStorage.open(dir)) {
            byte[] damaged = storage.stateStore()
                    .get(NAMESPACE, "counter#2")
                    .orElseThrow()
                    .value();
            damaged[damaged.length / 2] ^= 0x5A;
            storage.stateStore().put(NAMESPACE, "counter#2", damaged);
        }

        Counter second = new Counter();
        try (AgentSystem system = system(dir, second, ManualTime.create())) {
            BlockingQueue<ComponentEvent> events = new LinkedBlockingQueue<>();
            Subscription s = system.events().subscribe(ComponentEvent.class, e -> events.add(e.payload()));
            system.start();
            assertThat(second.value.get()).isEqualTo(7);
            ComponentEvent skipped;
            do {
                skipped = events.poll(10, TimeUnit.SECONDS);
            } while (skipped != null && !(skipped instanceof ComponentEvent.CheckpointSkipped));
            assertThat(skipped).isInstanceOfSatisfying(ComponentEvent.CheckpointSkipped.class, e -> {
                assertThat(e.slot()).isEqualTo(2);
                assertThat(e.reason()).contains("checksum");
            });
            s.close();
        }
    }

    @Test
    void a_restart_resumes_from_the_last_checkpoint() throws Exception {
        Path dir = tempDir.resolve("data");
        ManualTime time = ManualTime.create();
        Counter counter = new Counter();
        try (AgentSystem system = system(dir, counter, time);
                LifecycleWatch watch = new LifecycleWatch(system)) {
            system.start();
            counter.value.set(5);
            awaitSaved(system, time);
            counter.value.set(99); // lost with the failure: not checkpointed
            var context = java.util.Objects.requireNonNull(counter.context);
            context.reportFailure(new IOException("crash"));
            time.advance(Duration.ofSeconds(1));
            awaitGeneration2(system);
            assertThat(counter.value.get()).isEqualTo(5);
            assertThat(watch.seen()).isNotEmpty();
        }
    }

    /** Advances to the next scheduled checkpoint and waits until it is stored. */
    private static void awaitSaved(AgentSystem system, ManualTime time) throws InterruptedException {
        BlockingQueue<ComponentEvent.CheckpointSaved> saved = new LinkedBlockingQueue<>();
        Subscription s = system.events().subscribe(ComponentEvent.CheckpointSaved.class, e -> saved.add(e.payload()));
        try {
            time.advance(Duration.ofSeconds(10));
            assertThat(saved.poll(10, TimeUnit.SECONDS))
                    .as("a checkpoint saved")
                    .isNotNull();
        } finally {
            s.close();
        }
    }

    private static void awaitGeneration2(AgentSystem system) throws InterruptedException {
        BlockingQueue<ComponentEvent.StateChanged> q = new LinkedBlockingQueue<>();
        Subscription s = system.events()
                .subscribe(
                        ComponentEvent.StateChanged.class,
                        dev.armature.api.event.SubscribeOptions.withReplay(),
                        e -> q.add(e.payload()));
        try {
            ComponentEvent.StateChanged e;
            do {
                e = q.poll(10, TimeUnit.SECONDS);
            } while (e != null && !(e.to() == ComponentState.RUNNING && e.generation() == 2));
            assertThat(e).as("generation 2 running").isNotNull();
        } finally {
            s.close();
        }
    }

    @Test
    void a_system_without_checkpointable_components_never_creates_its_data_directory() {
        Path dir = tempDir.resolve("unused");
        try (AgentSystem system = AgentSystem.builder()
                .dataDirectory(dir)
                .component(new TestComponent(ComponentDescriptor.of("plain")))
                .build()) {
            system.start();
        }
        assertThat(Files.exists(dir)).isFalse();
    }

    @Test
    void a_data_directory_owned_by_another_system_fails_the_start_with_a_clear_cause() {
        Path dir = tempDir.resolve("data");
        try (EmbeddedStorage owner = EmbeddedStorage.open(dir);
                AgentSystem system = system(dir, new Counter(), ManualTime.create())) {
            assertThat(owner.directory()).exists();
            assertThatThrownBy(system::start).isInstanceOfSatisfying(StartupException.class, e -> assertThat(
                            e.failures().get(0).failure().type())
                    .endsWith("DataDirectoryLockedException"));
        }
    }
}

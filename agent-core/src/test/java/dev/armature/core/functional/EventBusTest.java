package dev.armature.core.functional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.armature.api.AgentSystem;
import dev.armature.api.Backoff;
import dev.armature.api.ComponentDescriptor;
import dev.armature.api.ComponentEvent;
import dev.armature.api.ComponentState;
import dev.armature.api.RestartPolicy;
import dev.armature.api.event.EventEnvelope;
import dev.armature.api.event.SubscribeOptions;
import dev.armature.api.event.Subscription;
import dev.armature.api.time.RandomSource;
import dev.armature.core.internal.incident.IncidentsPlugin;
import dev.armature.core.time.ManualTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/** The event bus as a system's users see it: component state replayed, then live, in order. */
class EventBusTest {
    private static EventEnvelope<? extends ComponentEvent.StateChanged> next(
            BlockingQueue<EventEnvelope<? extends ComponentEvent.StateChanged>> queue) throws InterruptedException {
        @Nullable
        EventEnvelope<? extends ComponentEvent.StateChanged> e =
                queue.poll(EventProbe.SAFETY_NET.toMillis(), TimeUnit.MILLISECONDS);
        if (e == null) {
            throw new AssertionError("no event within " + EventProbe.SAFETY_NET);
        }
        return e;
    }

    @Test
    void a_late_subscriber_with_replay_first_receives_the_latest_state_of_every_component_then_live_changes()
            throws Exception {
        ManualTime time = ManualTime.create();
        TestComponent a = new TestComponent(ComponentDescriptor.builder("a")
                .restartPolicy(RestartPolicy.DEFAULT.withBackoff(Backoff.fixed(Duration.ofSeconds(1))))
                .build());
        TestComponent b = new TestComponent(ComponentDescriptor.of("b", "a"));
        try (AgentSystem system = AgentSystem.builder()
                .disablePlugin(IncidentsPlugin.ID) // the test counts its own components only
                .timeSource(time)
                .randomSource(RandomSource.seeded(1))
                .component(a)
                .component(b)
                .build()) {
            system.start();
            EventProbe probe = EventProbe.on(system);
            a.context().reportFailure(new IllegalStateException("flaky"));
            probe.awaitState("a", ComponentState.RESTARTING);
            time.advance(Duration.ofSeconds(1));
            probe.await(
                    ComponentEvent.StateChanged.class, e -> e.to() == ComponentState.RUNNING && e.generation() == 2);
            probe.close();

            BlockingQueue<EventEnvelope<? extends ComponentEvent.StateChanged>> queue = new LinkedBlockingQueue<>();
            BlockingQueue<EventEnvelope<? extends ComponentEvent.StateChanged>> failingQueue =
                    new LinkedBlockingQueue<>();
            try (Subscription replaying = system.events()
                            .<ComponentEvent.StateChanged>subscribe(
                                    ComponentEvent.StateChanged.class, SubscribeOptions.withReplay(), queue::add);
                    Subscription throwing = system.events()
                            .subscribe(ComponentEvent.StateChanged.class, SubscribeOptions.withReplay(), e -> {
                                failingQueue.add(e);
                                throw new IllegalStateException("listener bug");
                            })) {
                // The replay: one event per component, its latest.
                var first = next(queue);
                var second = next(queue);
                assertThat(List.of(first.payload(), second.payload()))
                        .extracting(ComponentEvent.StateChanged::component, ComponentEvent.StateChanged::to)
                        .containsExactlyInAnyOrder(
                                tuple("a", ComponentState.RUNNING), tuple("b", ComponentState.RUNNING));
                assertThat(first.payload().component().equals("a") ? first.payload() : second.payload())
                        .extracting(ComponentEvent.StateChanged::generation)
                        .isEqualTo(2L);

                // Live: the stop, in publication order, without repeating the replayed events.
                system.stop(); // returns once the bus has delivered what was published before it closed
                List<EventEnvelope<? extends ComponentEvent.StateChanged>> live = new ArrayList<>();
                for (int i = 0; i < 4; i++) {
                    live.add(next(queue));
                }
                assertThat(live)
                        .extracting(
                                e -> e.payload().component() + ":" + e.payload().to())
                        .containsExactly("b:STOPPING", "b:STOPPED", "a:STOPPING", "a:STOPPED");
                List<Long> sequences = new ArrayList<>(List.of(first.sequence(), second.sequence()));
                live.forEach(e -> sequences.add(e.sequence()));
                assertThat(sequences).isSorted().doesNotHaveDuplicates();
                assertThat(queue).isEmpty();

                // The throwing listener saw the same six events, each counted as a failure.
                assertThat(failingQueue).hasSize(6);
                assertThat(throwing.failures()).isEqualTo(6);
                assertThat(replaying.failures()).isZero();
                assertThat(replaying.dropped()).isZero();
            }
        }
    }
}

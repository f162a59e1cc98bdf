package dev.armature.core.functional;

import static org.assertj.core.api.Assertions.assertThat;

import dev.armature.api.AgentSystem;
import dev.armature.api.Backoff;
import dev.armature.api.ComponentDescriptor;
import dev.armature.api.ComponentEvent;
import dev.armature.api.ComponentSnapshot;
import dev.armature.api.ComponentState;
import dev.armature.api.RestartIntensity;
import dev.armature.api.RestartPolicy;
import dev.armature.api.event.EventEnvelope;
import dev.armature.api.time.RandomSource;
import dev.armature.core.time.ManualTime;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Backoff delays and restart intensity at exact virtual times: {@code worker} restarts with 1 s
 * doubling to 60 s, no jitter, reset after 5 minutes, and the default intensity (3 in 60 s); {@code
 * client} needs it.
 */
class BackoffAndIntensityTest {
    private static final Backoff DOUBLING =
            new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(60), 2.0, 0.0, Duration.ofMinutes(5));
    private static final Duration MILLI = Duration.ofMillis(1);

    private static final class Supervised implements AutoCloseable {
        final ManualTime time = ManualTime.create();
        final BlockingQueue<Long> workerStops = new LinkedBlockingQueue<>();
        final TestComponent worker = new TestComponent(ComponentDescriptor.builder("worker")
                        .restartPolicy(RestartPolicy.DEFAULT.withBackoff(DOUBLING))
                        .build())
                .onStop(c -> workerStops.add(c == null ? 0 : c.generation()));
        final TestComponent client = new TestComponent(ComponentDescriptor.of("client", "worker"));
        final AgentSystem system;
        final EventProbe probe;

        Supervised() {
            system = AgentSystem.builder()
                    .timeSource(time)
                    .randomSource(RandomSource.seeded(1))
                    .component(worker)
                    .component(client)
                    .build();
            probe = EventProbe.on(system);
            system.start();
        }

        ComponentSnapshot snapshot(String name) {
            return system.snapshot().components().stream()
                    .filter(c -> c.name().equals(name))
                    .findFirst()
                    .orElseThrow();
        }

        Instant at(Duration sinceStart) {
            return ManualTime.DEFAULT_START.plus(sinceStart);
        }

        /** Fails the running worker and returns the restart it schedules. */
        EventEnvelope<ComponentEvent.RestartScheduled> fail(String why) throws InterruptedException {
            long generation = worker.context().generation();
            worker.context().reportFailure(new IllegalStateException(why));
            EventEnvelope<ComponentEvent.RestartScheduled> scheduled =
                    probe.await(ComponentEvent.RestartScheduled.class, e -> true);
            Long stopped = workerStops.poll(EventProbe.SAFETY_NET.toMillis(), TimeUnit.MILLISECONDS);
            assertThat(stopped).isEqualTo(generation);
            return scheduled;
        }

        /** Advances through the delay, checking the worker starts at its end and not a millisecond before. */
        void restartAfter(Duration delay) throws InterruptedException {
            int starts = worker.starts();
            time.advance(delay.minus(MILLI));
            assertThat(snapshot("worker").state()).isEqualTo(ComponentState.RESTARTING);
            assertThat(worker.starts()).isEqualTo(starts);
            time.advance(MILLI);
            probe.await(
                    ComponentEvent.StateChanged.class,
                    e -> e.component().equals("worker") && e.to() == ComponentState.RUNNING);
            assertThat(worker.starts()).isEqualTo(starts + 1);
        }

        @Override
        public void close() {
            probe.close();
            system.close();
        }
    }

    @Test
    void consecutive_failures_back_off_one_two_then_four_seconds_and_the_fourth_within_a_minute_escalates()
            throws Exception {
        assertThat(RestartIntensity.DEFAULT).isEqualTo(new RestartIntensity(3, Duration.ofSeconds(60)));
        try (Supervised s = new Supervised()) {
            EventEnvelope<ComponentEvent.RestartScheduled> first = s.fail("one");
            assertThat(first.payload().attempt()).isEqualTo(1);
            assertThat(first.payload().delay()).isEqualTo(Duration.ofSeconds(1));
            assertThat(first.timestamp()).isEqualTo(s.at(Duration.ZERO));
            s.restartAfter(Duration.ofSeconds(1));

            EventEnvelope<ComponentEvent.RestartScheduled> second = s.fail("two");
            assertThat(second.payload().attempt()).isEqualTo(2);
            assertThat(second.payload().delay()).isEqualTo(Duration.ofSeconds(2));
            assertThat(second.timestamp()).isEqualTo(s.at(Duration.ofSeconds(1)));
            s.restartAfter(Duration.ofSeconds(2));

            EventEnvelope<ComponentEvent.RestartScheduled> third = s.fail("three");
            assertThat(third.payload().attempt()).isEqualTo(3);
            assertThat(third.payload().delay()).isEqualTo(Duration.ofSeconds(4));
            assertThat(third.timestamp()).isEqualTo(s.at(Duration.ofSeconds(3)));
            s.restartAfter(Duration.ofSeconds(4));
            assertThat(s.worker.context().generation()).isEqualTo(4);

            s.worker.context().reportFailure(new IllegalStateException("four"));

            EventEnvelope<ComponentEvent.Escalated> escalated =
                    s.probe.await(ComponentEvent.Escalated.class, e -> true);
            assertThat(escalated.timestamp()).isEqualTo(s.at(Duration.ofSeconds(7)));
            assertThat(escalated.payload().component()).isEqualTo("worker");
            assertThat(escalated.payload().restarts()).isEqualTo(4);
            assertThat(escalated.payload().window()).isEqualTo(Duration.ofSeconds(60));
            assertThat(escalated.payload().cause())
                    .hasValueSatisfying(c -> assertThat(c.message()).isEqualTo("four"));
            ComponentEvent.StateChanged clientStopped = s.probe.awaitState("client", ComponentState.STOPPED);
            assertThat(clientStopped.cause())
                    .hasValueSatisfying(c -> assertThat(c.message()).contains("worker"));
            s.probe.awaitState("worker", ComponentState.FAILED);
            assertThat(s.snapshot("worker").state()).isEqualTo(ComponentState.FAILED);
            assertThat(s.snapshot("client").state()).isEqualTo(ComponentState.STOPPED);
            assertThat(s.client.stops()).isEqualTo(1);
            assertThat(s.probe.seen(ComponentEvent.RestartScheduled.class)).hasSize(3);

            s.time.advance(Duration.ofMinutes(10));
            assertThat(s.worker.starts()).isEqualTo(4);
            assertThat(s.client.starts()).isEqualTo(1);
        }
    }

    @Test
    void failures_spread_beyond_the_window_do_not_escalate() throws Exception {
        try (Supervised s = new Supervised()) {
            for (int i = 0; i < 6; i++) {
                EventEnvelope<ComponentEvent.RestartScheduled> scheduled = s.fail("failure " + i);
                s.restartAfter(scheduled.payload().delay());
                s.time.advance(Duration.ofSeconds(61));
            }
            s.probe.drainDelivered();
            assertThat(s.probe.seen(ComponentEvent.Escalated.class)).isEmpty();
            assertThat(s.snapshot("worker").state()).isEqualTo(ComponentState.RUNNING);
            assertThat(s.snapshot("client").state()).isEqualTo(ComponentState.RUNNING);
        }
    }

    @Test
    void a_component_that_runs_stably_for_reset_after_backs_off_from_min_again() throws Exception {
        try (Supervised s = new Supervised()) {
            s.restartAfter(s.fail("one").payload().delay());
            s.restartAfter(s.fail("two").payload().delay());

            // One millisecond short of resetAfter: the sequence goes on.
            s.time.advance(DOUBLING.resetAfter().minus(MILLI));
            ComponentEvent.RestartScheduled notReset = s.fail("three").payload();
            assertThat(notReset.attempt()).isEqualTo(3);
            assertThat(notReset.delay()).isEqualTo(Duration.ofSeconds(4));
            s.restartAfter(notReset.delay());

            s.time.advance(DOUBLING.resetAfter());
            ComponentEvent.RestartScheduled reset = s.fail("four").payload();
            assertThat(reset.attempt()).isEqualTo(1);
            assertThat(reset.delay()).isEqualTo(DOUBLING.min());
            s.restartAfter(reset.delay());
        }
    }
}

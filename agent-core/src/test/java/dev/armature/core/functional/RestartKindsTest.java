package dev.armature.core.functional;

import static org.assertj.core.api.Assertions.assertThat;

import dev.armature.api.AgentSystem;
import dev.armature.api.Backoff;
import dev.armature.api.ComponentContext;
import dev.armature.api.ComponentDescriptor;
import dev.armature.api.ComponentEvent;
import dev.armature.api.ComponentSnapshot;
import dev.armature.api.ComponentState;
import dev.armature.api.RestartKind;
import dev.armature.api.RestartPolicy;
import dev.armature.api.time.RandomSource;
import dev.armature.core.time.ManualTime;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The supervisor's restart kinds, on virtual time: what a failure or a completion leads to. */
class RestartKindsTest {
    private static final Duration BACKOFF = Duration.ofSeconds(5);
    private static final Duration MILLI = Duration.ofMillis(1);

    /** One supervised component, "worker", in a system on manual time. */
    private static final class Supervised implements AutoCloseable {
        final ManualTime time = ManualTime.create();
        final BlockingQueue<Long> stopsOfGeneration = new LinkedBlockingQueue<>();
        final TestComponent worker;
        final AgentSystem system;
        final EventProbe probe;

        Supervised(RestartKind kind) {
            worker = new TestComponent(ComponentDescriptor.builder("worker")
                            .restartPolicy(RestartPolicy.DEFAULT.withKind(kind).withBackoff(Backoff.fixed(BACKOFF)))
                            .build())
                    .onStop(c -> stopsOfGeneration.add(c == null ? 0 : c.generation()));
            system = AgentSystem.builder()
                    .timeSource(time)
                    .randomSource(RandomSource.seeded(1))
                    .component(worker)
                    .build();
            probe = EventProbe.on(system);
            system.start();
        }

        ComponentSnapshot snapshot() {
            return system.snapshot().components().get(0);
        }

        void awaitStopOfGeneration(long generation) throws InterruptedException {
            Long stopped = stopsOfGeneration.poll(EventProbe.SAFETY_NET.toMillis(), TimeUnit.MILLISECONDS);
            assertThat(stopped).as("the stop of generation %d", generation).isEqualTo(generation);
        }

        /** Moves time to one millisecond before the backoff ends, then to its end, checking both sides. */
        void restartsExactlyWhenTheBackoffEnds() throws InterruptedException {
            probe.awaitState("worker", ComponentState.RESTARTING);
            awaitStopOfGeneration(1);

            time.advance(BACKOFF.minus(MILLI));
            assertThat(snapshot().state()).isEqualTo(ComponentState.RESTARTING);
            assertThat(worker.starts()).isEqualTo(1);

            time.advance(MILLI);
            ComponentEvent.StateChanged running = probe.await(
                            ComponentEvent.StateChanged.class,
                            e -> e.to() == ComponentState.RUNNING && e.generation() == 2)
                    .payload();
            assertThat(running.from()).isEqualTo(ComponentState.STARTING);
            assertThat(worker.starts()).isEqualTo(2);
            assertThat(worker.context().generation()).isEqualTo(2);
            assertThat(snapshot().restartCount()).isEqualTo(1);
        }

        @Override
        public void close() {
            probe.close();
            system.close();
        }
    }

    @Test
    void a_permanent_component_that_fails_is_restarted_when_its_backoff_has_passed() throws Exception {
        try (Supervised s = new Supervised(RestartKind.PERMANENT)) {
            s.worker.context().reportFailure(new IllegalStateException("connection lost"));

            ComponentEvent.RestartScheduled scheduled = s.probe
                    .await(ComponentEvent.RestartScheduled.class, e -> true)
                    .payload();
            assertThat(scheduled.delay()).isEqualTo(BACKOFF);
            assertThat(scheduled.attempt()).isEqualTo(1);
            assertThat(scheduled.cause())
                    .hasValueSatisfying(c -> assertThat(c.message()).isEqualTo("connection lost"));
            s.restartsExactlyWhenTheBackoffEnds();
        }
    }

    @Test
    void a_permanent_component_that_completes_is_restarted_too() throws Exception {
        try (Supervised s = new Supervised(RestartKind.PERMANENT)) {
            s.worker.context().reportCompleted();

            ComponentEvent.RestartScheduled scheduled = s.probe
                    .await(ComponentEvent.RestartScheduled.class, e -> true)
                    .payload();
            assertThat(scheduled.cause()).isEmpty();
            s.restartsExactlyWhenTheBackoffEnds();
        }
    }

    @Test
    void a_transient_component_that_fails_is_restarted() throws Exception {
        try (Supervised s = new Supervised(RestartKind.TRANSIENT)) {
            s.worker.context().reportFailure(new IllegalStateException("crashed"));

            s.restartsExactlyWhenTheBackoffEnds();
        }
    }

    @Test
    void a_transient_component_that_completes_stops_for_good() throws Exception {
        try (Supervised s = new Supervised(RestartKind.TRANSIENT)) {
            s.worker.context().reportCompleted();

            s.probe.awaitState("worker", ComponentState.STOPPING);
            ComponentEvent.StateChanged stopped = s.probe.awaitState("worker", ComponentState.STOPPED);
            assertThat(stopped.cause()).isEmpty();
            assertThat(s.worker.stops()).isEqualTo(1);
            s.time.advance(Duration.ofMinutes(10));
            assertThat(s.snapshot().state()).isEqualTo(ComponentState.STOPPED);
            assertThat(s.worker.starts()).isEqualTo(1);
            assertThat(s.probe.drainDelivered()).noneMatch(e -> e instanceof ComponentEvent.RestartScheduled);
        }
    }

    @Test
    void a_temporary_component_that_fails_goes_failed_and_is_not_restarted() throws Exception {
        try (Supervised s = new Supervised(RestartKind.TEMPORARY)) {
            s.worker.context().reportFailure(new IllegalStateException("gone"));

            s.probe.awaitState("worker", ComponentState.STOPPING);
            ComponentEvent.StateChanged failed = s.probe.awaitState("worker", ComponentState.FAILED);
            assertThat(failed.cause())
                    .hasValueSatisfying(c -> assertThat(c.message()).isEqualTo("gone"));
            assertThat(s.worker.stops()).isEqualTo(1);
            s.time.advance(Duration.ofMinutes(10));
            assertThat(s.snapshot().state()).isEqualTo(ComponentState.FAILED);
            assertThat(s.worker.starts()).isEqualTo(1);
            assertThat(s.probe.drainDelivered()).noneMatch(e -> e instanceof ComponentEvent.RestartScheduled);
        }
    }

    @Test
    void a_temporary_component_that_completes_stops() throws Exception {
        try (Supervised s = new Supervised(RestartKind.TEMPORARY)) {
            s.worker.context().reportCompleted();

            s.probe.awaitState("worker", ComponentState.STOPPED);
            assertThat(s.worker.starts()).isEqualTo(1);
        }
    }

    @Test
    void a_report_from_an_earlier_generation_is_ignored() throws Exception {
        try (Supervised s = new Supervised(RestartKind.PERMANENT)) {
            ComponentContext first = s.worker.context();
            first.reportFailure(new IllegalStateException("first"));
            s.restartsExactlyWhenTheBackoffEnds();

            first.reportFailure(new IllegalStateException("stale"));
            first.reportCompleted();

            // A report that counted would have changed the state before returning.
            assertThat(s.snapshot().state()).isEqualTo(ComponentState.RUNNING);
            assertThat(s.snapshot().generation()).isEqualTo(2);
            assertThat(s.snapshot().restartCount()).isEqualTo(1);
        }
    }
}

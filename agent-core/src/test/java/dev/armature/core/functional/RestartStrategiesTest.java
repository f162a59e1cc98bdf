package dev.armature.core.functional;

import static org.assertj.core.api.Assertions.assertThat;

import dev.armature.api.AgentSystem;
import dev.armature.api.Backoff;
import dev.armature.api.ComponentDescriptor;
import dev.armature.api.ComponentEvent;
import dev.armature.api.ComponentState;
import dev.armature.api.RestartPolicy;
import dev.armature.api.RestartStrategy;
import dev.armature.api.time.RandomSource;
import dev.armature.core.internal.incident.IncidentsPlugin;
import dev.armature.core.time.ManualTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Which components a restart involves. The system is a chain {@code a ← b ← c} (c needs b, b needs
 * a) beside an independent {@code d}; the failing component carries the strategy under test.
 */
class RestartStrategiesTest {
    private static final Duration BACKOFF = Duration.ofSeconds(1);

    private static final class Chain implements AutoCloseable {
        final ManualTime time = ManualTime.create();
        final Queue<String> journal = new ConcurrentLinkedQueue<>();
        final BlockingQueue<String> stopped = new LinkedBlockingQueue<>();
        final TestComponent a;
        final TestComponent b;
        final TestComponent c;
        final TestComponent d;
        final AgentSystem system;
        final EventProbe probe;

        Chain(String failing, RestartStrategy strategy) {
            a = component(ComponentDescriptor.builder("a"), failing, strategy);
            b = component(ComponentDescriptor.builder("b").dependsOn("a"), failing, strategy);
            c = component(ComponentDescriptor.builder("c").dependsOn("b"), failing, strategy);
            d = component(ComponentDescriptor.builder("d"), failing, strategy);
            system = AgentSystem.builder()
                    .disablePlugin(IncidentsPlugin.ID) // the test counts its own components only
                    .timeSource(time)
                    .randomSource(RandomSource.seeded(1))
                    .component(c)
                    .component(b)
                    .component(a)
                    .component(d)
                    .build();
            probe = EventProbe.on(system);
            system.start();
            journal.clear();
        }

        private TestComponent component(ComponentDescriptor.Builder builder, String failing, RestartStrategy strategy) {
            String name = builder.build().name();
            if (name.equals(failing)) {
                builder.restartPolicy(
                        RestartPolicy.DEFAULT.withStrategy(strategy).withBackoff(Backoff.fixed(BACKOFF)));
            }
            return new TestComponent(builder.build(), journal).onStop(ctx -> stopped.add(name));
        }

        void awaitStops(int count) throws InterruptedException {
            List<String> names = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                String name = stopped.poll(EventProbe.SAFETY_NET.toMillis(), TimeUnit.MILLISECONDS);
                assertThat(name)
                        .as("stop %d of %d; stopped so far %s", i + 1, count, names)
                        .isNotNull();
                names.add(name);
            }
        }

        /** Waits until each named component runs in its second generation, in whatever order. */
        void awaitRunningAgain(String... names) throws InterruptedException {
            Set<String> waiting = new HashSet<>(List.of(names));
            while (!waiting.isEmpty()) {
                ComponentEvent.StateChanged e = probe.await(
                                ComponentEvent.StateChanged.class,
                                x -> waiting.contains(x.component())
                                        && x.to() == ComponentState.RUNNING
                                        && x.generation() == 2)
                        .payload();
                waiting.remove(e.component());
            }
        }

        List<String> journal() {
            return List.copyOf(journal);
        }

        @Override
        public void close() {
            probe.close();
            system.close();
        }
    }

    @Test
    void one_for_one_restarts_only_the_failed_component_while_its_dependents_keep_running() throws Exception {
        try (Chain chain = new Chain("b", RestartStrategy.ONE_FOR_ONE)) {
            chain.b.context().reportFailure(new IllegalStateException("b broke"));
            chain.awaitStops(1);
            chain.time.advance(BACKOFF);
            chain.awaitRunningAgain("b");

            assertThat(chain.journal()).containsExactly("stop:b", "stopped:b", "start:b", "started:b");
            assertThat(chain.b.starts()).isEqualTo(2);
            for (TestComponent other : List.of(chain.a, chain.c, chain.d)) {
                assertThat(other.starts()).as(other.descriptor().name()).isEqualTo(1);
                assertThat(other.stops()).as(other.descriptor().name()).isZero();
            }
            chain.probe.drainDelivered();
            assertThat(chain.probe.seen(ComponentEvent.StateChanged.class))
                    .filteredOn(e -> e.generation() > 0 && !e.component().equals("b"))
                    .allMatch(e -> e.to() == ComponentState.STARTING || e.to() == ComponentState.RUNNING)
                    .hasSize(6);
            assertThat(chain.system.snapshot().components()).allMatch(s -> s.state() == ComponentState.RUNNING);
        }
    }

    @Test
    void dependents_stops_the_transitive_hard_dependents_in_reverse_and_starts_them_again_in_order() throws Exception {
        try (Chain chain = new Chain("a", RestartStrategy.DEPENDENTS)) {
            chain.a.context().reportFailure(new IllegalStateException("a broke"));
            chain.awaitStops(3);

            assertThat(chain.system.snapshot().components())
                    .filteredOn(s -> !s.name().equals("d"))
                    .allMatch(s -> s.state() == ComponentState.RESTARTING);
            chain.time.advance(BACKOFF);
            chain.awaitRunningAgain("c");

            assertThat(chain.journal())
                    .containsExactly(
                            "stop:c",
                            "stopped:c",
                            "stop:b",
                            "stopped:b",
                            "stop:a",
                            "stopped:a",
                            "start:a",
                            "started:a",
                            "start:b",
                            "started:b",
                            "start:c",
                            "started:c");
            assertThat(chain.d.starts()).isEqualTo(1);
            assertThat(chain.d.stops()).isZero();
            assertThat(chain.probe.seen(ComponentEvent.StateChanged.class))
                    .filteredOn(e -> e.to() == ComponentState.RESTARTING
                            && !e.component().equals("a"))
                    .allSatisfy(e -> assertThat(e.cause())
                            .hasValueSatisfying(f -> assertThat(f.message()).contains("'a'")))
                    .extracting(ComponentEvent.StateChanged::component)
                    .containsExactlyInAnyOrder("b", "c");
            assertThat(chain.system.snapshot().components()).allMatch(s -> s.state() == ComponentState.RUNNING);
        }
    }

    @Test
    void all_restarts_every_component_stopping_in_reverse_and_starting_in_dependency_order() throws Exception {
        try (Chain chain = new Chain("b", RestartStrategy.ALL)) {
            chain.b.context().reportFailure(new IllegalStateException("b broke"));
            chain.awaitStops(4);

            assertThat(chain.system.snapshot().components()).allMatch(s -> s.state() == ComponentState.RESTARTING);
            chain.time.advance(BACKOFF);
            chain.awaitRunningAgain("a", "b", "c", "d");

            List<String> journal = chain.journal();
            assertThat(journal).hasSize(16);
            assertThat(journal.subList(0, 8)).allMatch(e -> e.startsWith("stop"));
            assertThat(journal.indexOf("stopped:c")).isLessThan(journal.indexOf("stop:b"));
            assertThat(journal.indexOf("stopped:b")).isLessThan(journal.indexOf("stop:a"));
            assertThat(journal.indexOf("started:a")).isLessThan(journal.indexOf("start:b"));
            assertThat(journal.indexOf("started:b")).isLessThan(journal.indexOf("start:c"));
            for (TestComponent each : List.of(chain.a, chain.b, chain.c, chain.d)) {
                assertThat(each.starts()).as(each.descriptor().name()).isEqualTo(2);
                assertThat(each.stops()).as(each.descriptor().name()).isEqualTo(1);
            }
        }
    }

    @Test
    void a_restart_group_starts_again_only_once_all_of_it_has_stopped_even_when_the_backoff_ends_first()
            throws Exception {
        try (Chain chain = new Chain("a", RestartStrategy.DEPENDENTS)) {
            CountDownLatch cStopping = new CountDownLatch(1);
            CountDownLatch releaseC = new CountDownLatch(1);
            chain.c.onStop(ctx -> {
                cStopping.countDown();
                assertThat(releaseC.await(EventProbe.SAFETY_NET.toMillis(), TimeUnit.MILLISECONDS))
                        .isTrue();
            });
            chain.a.context().reportFailure(new IllegalStateException("a broke"));
            assertThat(cStopping.await(EventProbe.SAFETY_NET.toMillis(), TimeUnit.MILLISECONDS))
                    .isTrue();

            // The backoff ends while c is still stopping, and b and a have not begun to.
            chain.time.advance(BACKOFF);
            releaseC.countDown();
            chain.awaitRunningAgain("a", "b", "c");

            assertThat(chain.journal())
                    .containsExactly(
                            "stop:c",
                            "stopped:c",
                            "stop:b",
                            "stopped:b",
                            "stop:a",
                            "stopped:a",
                            "start:a",
                            "started:a",
                            "start:b",
                            "started:b",
                            "start:c",
                            "started:c");
        }
    }
}

package dev.armature.core.functional;

import static org.assertj.core.api.Assertions.assertThat;

import dev.armature.api.AgentSystem;
import dev.armature.api.Backoff;
import dev.armature.api.ComponentDescriptor;
import dev.armature.api.ComponentEvent;
import dev.armature.api.ComponentState;
import dev.armature.api.RestartPolicy;
import dev.armature.api.event.Subscription;
import dev.armature.core.metrics.MicrometerExtension;
import dev.armature.core.time.ManualTime;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class MetricsTest {
    @Test
    void the_orchestrator_and_the_bus_record_into_the_hosts_registry_with_common_tags() throws Exception {
        SimpleMeterRegistry host = new SimpleMeterRegistry();
        Counter hostOwn = Counter.builder("host.requests").register(host);
        ManualTime time = ManualTime.create();
        TestComponent worker = new TestComponent(ComponentDescriptor.builder("worker")
                .restartPolicy(RestartPolicy.DEFAULT.withBackoff(Backoff.fixed(Duration.ofSeconds(1))))
                .build());
        try (AgentSystem system = AgentSystem.builder()
                .name("agent")
                .timeSource(time)
                .extension(MicrometerExtension.registry(host).withInstance("pod-7"))
                .component(worker)
                .build()) {
            assertThat(system.service(MeterRegistry.class)).isSameAs(host);
            CountDownLatch restarted = new CountDownLatch(1);
            Subscription s = system.events().subscribe(ComponentEvent.StateChanged.class, e -> {
                if (e.payload().to() == ComponentState.RUNNING && e.payload().generation() == 2) {
                    restarted.countDown();
                }
            });
            try {
                system.start();
                assertThat(host.get("armature.component.running")
                                .tag("component", "worker")
                                .gauge()
                                .value())
                        .isEqualTo(1.0);

                worker.context().reportFailure(new IOException("reset"));
                time.advance(Duration.ofSeconds(1));
                assertThat(restarted.await(10, TimeUnit.SECONDS)).isTrue();
            } finally {
                s.close();
            }
            var start = host.get("armature.component.start")
                    .tags("component", "worker", "outcome", "success", "application", "agent", "instance", "pod-7")
                    .timer();
            assertThat(start.count()).isEqualTo(2);
            assertThat(host.get("armature.component.restarts")
                            .tag("component", "worker")
                            .counter()
                            .count())
                    .isEqualTo(1.0);
            assertThat(host.get("armature.events.published").functionCounter().count())
                    .isPositive();
            assertThat(hostOwn.getId().getTags()).isEmpty();
        }
        // A host registry does not keep a closed system's meters.
        assertThat(host.getMeters()).allMatch(m -> !m.getId().getName().startsWith("armature."));
    }

    @Test
    void a_system_without_a_host_registry_keeps_its_meters_on_its_own_clock() {
        ManualTime time = ManualTime.create();
        try (AgentSystem system = AgentSystem.builder()
                .timeSource(time)
                .component(new TestComponent(ComponentDescriptor.of("a")))
                .build()) {
            system.start();
            MeterRegistry registry = system.service(MeterRegistry.class);
            assertThat(registry.config().clock().wallTime())
                    .isEqualTo(time.now().toEpochMilli());
            system.stop();
            assertThat(registry.get("armature.component.stop")
                            .tags("component", "a", "outcome", "succeeded")
                            .timer()
                            .count())
                    .isEqualTo(1);
        }
    }

    @Test
    void component_names_beyond_the_limit_fold_into_other() {
        SimpleMeterRegistry host = new SimpleMeterRegistry();
        AgentSystem.Builder builder = AgentSystem.builder()
                .extension(MicrometerExtension.registry(host).withMaxTagValues(2));
        for (String name : new String[] {"a", "b", "c", "d"}) {
            builder.component(new TestComponent(ComponentDescriptor.of(name)));
        }
        try (AgentSystem system = builder.build()) {
            system.start();
            assertThat(host.find("armature.component.running").gauges())
                    .extracting(g -> g.getId().getTag("component"))
                    .containsExactlyInAnyOrder("a", "b", "OTHER");
            assertThat(host.get("armature.metrics.cardinality.overflow")
                            .functionCounter()
                            .count())
                    .isPositive();
        }
    }
}

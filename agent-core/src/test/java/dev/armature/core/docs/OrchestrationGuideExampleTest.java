package dev.armature.core.docs;

import static java.util.Objects.requireNonNull;
import static org.assertj.core.api.Assertions.assertThat;

import dev.armature.api.AgentSystem;
import dev.armature.api.Backoff;
import dev.armature.api.Component;
import dev.armature.api.ComponentContext;
import dev.armature.api.ComponentDescriptor;
import dev.armature.api.ComponentEvent;
import dev.armature.api.ComponentSnapshot;
import dev.armature.api.ComponentState;
import dev.armature.api.RestartPolicy;
import dev.armature.api.event.SubscribeOptions;
import dev.armature.api.event.Subscription;
import dev.armature.core.time.ManualTime;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/**
 * The runnable example of docs/orchestration.md. The code between the tag lines is copied into the
 * guide verbatim (without its indentation); {@link #the_guide_shows_this_example_verbatim} fails
 * when the two drift apart.
 */
class OrchestrationGuideExampleTest {
    private static final Path GUIDE = Path.of("../docs/orchestration.md");
    private static final Path SOURCE =
            Path.of("src/test/java/dev/armature/core/docs/OrchestrationGuideExampleTest.java");

    // tag::example[]
    /** A component that only remembers its context; a real one would open a client or a directory. */
    static final class Service implements Component {
        private final ComponentDescriptor descriptor;
        private volatile @Nullable ComponentContext context;

        Service(ComponentDescriptor descriptor) {
            this.descriptor = descriptor;
        }

        @Override
        public ComponentDescriptor descriptor() {
            return descriptor;
        }

        @Override
        public void start(ComponentContext context) {
            this.context = context;
        }

        @Override
        public void stop() {}

        ComponentContext context() {
            return requireNonNull(context, "not started");
        }
    }

    @Test
    void a_failed_component_is_restarted_after_its_backoff_on_virtual_time() throws Exception {
        ManualTime time = ManualTime.create(); // virtual time: nothing waits for real seconds
        Service workspace = new Service(ComponentDescriptor.of("workspace"));
        Service gateway = new Service(ComponentDescriptor.builder("model-gateway")
                .dependsOn("workspace")
                .restartPolicy(RestartPolicy.DEFAULT.withBackoff(Backoff.fixed(Duration.ofSeconds(5))))
                .build());

        try (AgentSystem system = AgentSystem.builder()
                .timeSource(time) // ManualTime is also the scheduler
                .component(gateway)
                .component(workspace)
                .build()) {
            CountDownLatch restarted = new CountDownLatch(1);
            try (Subscription s = system.events()
                    .subscribe(ComponentEvent.StateChanged.class, SubscribeOptions.withReplay(), e -> {
                        ComponentEvent.StateChanged change = e.payload();
                        if (change.component().equals("model-gateway")
                                && change.to() == ComponentState.RUNNING
                                && change.generation() == 2) {
                            restarted.countDown();
                        }
                    })) {
                system.start(); // workspace first, then model-gateway

                gateway.context().reportFailure(new IOException("connection reset"));
                assertThat(state(system, "model-gateway")).isEqualTo(ComponentState.RESTARTING);

                time.advance(Duration.ofSeconds(5)); // the backoff runs out at once
                assertThat(restarted.await(10, TimeUnit.SECONDS)).isTrue();
                assertThat(s.dropped()).isZero();
            }
            ComponentSnapshot snapshot =
                    system.snapshot().component("model-gateway").orElseThrow();
            assertThat(snapshot.restartCount()).isEqualTo(1);
            assertThat(snapshot.lastFailure().orElseThrow().message()).isEqualTo("connection reset");
            assertThat(system.stop().isClean()).isTrue();
        }
    }

    private static ComponentState state(AgentSystem system, String name) {
        return system.snapshot().component(name).orElseThrow().state();
    }
    // end::example[]

    @Test
    void the_guide_shows_this_example_verbatim() throws IOException {
        String guide = Files.readString(GUIDE, StandardCharsets.UTF_8);
        assertThat(guide).as("%s must contain the example of %s", GUIDE, SOURCE).contains(DocSnippets.example(SOURCE));
    }
}

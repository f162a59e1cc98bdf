package dev.armature.core.docs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.armature.api.AgentSystem;
import dev.armature.api.Component;
import dev.armature.api.ComponentContext;
import dev.armature.api.ComponentDescriptor;
import dev.armature.core.metrics.MicrometerExtension;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The runnable example of docs/metrics.md, which shows the code between the tag lines verbatim. */
class MetricsGuideExampleTest {
    private static final Path GUIDE = Path.of("../docs/metrics.md");
    private static final Path SOURCE = Path.of("src/test/java/dev/armature/core/docs/MetricsGuideExampleTest.java");

    /** A component that does nothing, for the example. */
    static final class Workspace implements Component {
        @Override
        public ComponentDescriptor descriptor() {
            return ComponentDescriptor.of("workspace");
        }

        @Override
        public void start(ComponentContext context) {}

        @Override
        public void stop() {}
    }

    @Test
    void armature_meters_land_in_the_hosts_registry() {
        // tag::example[]
        MeterRegistry registry = new SimpleMeterRegistry(); // the host's: Prometheus, OTLP, …
        try (AgentSystem system = AgentSystem.builder()
                .name("coding-agent") // the application tag
                .extension(MicrometerExtension.registry(registry).withInstance("pod-7"))
                .component(new Workspace())
                .build()) {
            system.start();
            double running = registry.get("armature.component.running")
                    .tags("component", "workspace", "application", "coding-agent", "instance", "pod-7")
                    .gauge()
                    .value();
            assertThat(running).isEqualTo(1.0);
        }
        // end::example[]
    }

    @Test
    void the_guide_shows_this_example_verbatim() throws IOException {
        String guide = Files.readString(GUIDE, StandardCharsets.UTF_8);
        assertThat(guide).as("%s must contain the example of %s", GUIDE, SOURCE).contains(DocSnippets.example(SOURCE));
    }
}

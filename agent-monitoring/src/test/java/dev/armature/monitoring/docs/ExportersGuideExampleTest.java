package dev.armature.monitoring.docs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.armature.api.AgentSystem;
import dev.armature.core.time.ManualTime;
import dev.armature.monitoring.ExportersExtension;
import dev.armature.spi.Plugin;
import dev.armature.spi.PluginContext;
import dev.armature.spi.monitoring.MeterSnapshot;
import dev.armature.spi.monitoring.MetricsExporter;
import dev.armature.spi.monitoring.MetricsSnapshot;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The runnable example of docs/exporters.md. The code between the tag lines is copied into the
 * guide verbatim (without its indentation); {@link #the_guide_shows_this_example_verbatim} fails
 * when the two drift apart.
 */
@Timeout(30) // a guard against a hang, not a timing assertion
class ExportersGuideExampleTest {
    private static final Path GUIDE = Path.of("../docs/exporters.md");
    private static final Path SOURCE =
            Path.of("src/test/java/dev/armature/monitoring/docs/ExportersGuideExampleTest.java");

    // tag::example[]
    /** The host's exporter: it keeps each snapshot; a real one would send it to a backend. */
    static final class Backend implements MetricsExporter {
        final BlockingQueue<MetricsSnapshot> received = new LinkedBlockingQueue<>();

        @Override
        public String id() {
            return "backend";
        }

        @Override
        public void export(MetricsSnapshot snapshot) {
            received.add(snapshot); // runs on the exporter's own thread; may block, at its own cost
        }
    }

    /** The host's plugin contributes the exporter, the way any plugin does. */
    static final class HostExporters implements Plugin {
        private final Backend backend;

        HostExporters(Backend backend) {
            this.backend = backend;
        }

        @Override
        public String id() {
            return "host-exporters";
        }

        @Override
        public String supportedApiVersions() {
            return "[0.1,0.2)";
        }

        @Override
        public void contribute(PluginContext context) {
            context.contribute(MetricsExporter.class, backend);
        }
    }

    @Test
    void the_host_exports_its_meters() throws Exception {
        ManualTime time = ManualTime.create();
        Backend backend = new Backend();
        try (AgentSystem system = AgentSystem.builder()
                .timeSource(time)
                .scheduler(time)
                .plugin(new HostExporters(backend))
                .extension(ExportersExtension.console(System.out)) // the console table's stream
                .systemProperties(Map.of(
                        "armature.exporters.interval", "30s",
                        "armature.exporters.console.enabled", "true",
                        "armature.exporters.console.include", "model.",
                        "armature.metrics.ttl", "15m"))
                .build()) {
            system.start();
            MeterRegistry registry = system.service(MeterRegistry.class);
            registry.counter("model.calls", "model", "small").increment();

            time.advance(Duration.ofSeconds(30)); // one export: to the console and to the backend
            MetricsSnapshot snapshot = backend.received.take();
            MeterSnapshot calls = snapshot.meter("model.calls").orElseThrow();
            assertThat(calls.tags()).containsEntry("model", "small");
            assertThat(calls.value(MeterSnapshot.Statistic.COUNT)).hasValue(1.0);
        }
    }
    // end::example[]

    @Test
    void the_guide_shows_this_example_verbatim() throws IOException {
        String guide = Files.readString(GUIDE, StandardCharsets.UTF_8);
        assertThat(guide).as("%s must contain the example of %s", GUIDE, SOURCE).contains(DocSnippets.example(SOURCE));
    }
}

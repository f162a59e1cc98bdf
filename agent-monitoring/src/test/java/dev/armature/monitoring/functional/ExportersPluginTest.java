package dev.armature.monitoring.functional;

import static org.assertj.core.api.Assertions.assertThat;

import dev.armature.api.AgentSystem;
import dev.armature.api.config.ConfigUpdate;
import dev.armature.core.time.ManualTime;
import dev.armature.monitoring.ExportersExtension;
import dev.armature.spi.Plugin;
import dev.armature.spi.monitoring.MeterSnapshot;
import dev.armature.spi.monitoring.MetricsExporter;
import dev.armature.spi.monitoring.MetricsSnapshot;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The exporters plugin found on the class path, end to end: contributed and built-in exporters, TTL, stop. */
@Timeout(30) // a guard against a hang, not a timing assertion
class ExportersPluginTest {
    private static final long WAIT_SECONDS = 10;

    private final ManualTime time = ManualTime.create();
    private final BlockingQueue<MetricsSnapshot> exported = new LinkedBlockingQueue<>();
    private final BlockingQueue<String> flushes = new LinkedBlockingQueue<>();

    @TempDir
    @SuppressWarnings("NullAway.Init") // injected by JUnit before each test
    Path dataDirectory;

    /** A host's plugin that contributes an exporter handing each snapshot to the test. */
    private Plugin capture() {
        return TestPlugin.of("host-exporter", context -> {
            context.contribute(MetricsExporter.class, new MetricsExporter() {
                @Override
                public String id() {
                    return "capture";
                }

                @Override
                public void export(MetricsSnapshot snapshot) {
                    exported.add(snapshot);
                }

                @Override
                public void flush() {
                    flushes.add("flush");
                }
            });
        });
    }

    private MetricsSnapshot next() throws InterruptedException {
        @Nullable MetricsSnapshot s = exported.poll(WAIT_SECONDS, TimeUnit.SECONDS);
        assertThat(s).as("a snapshot reached the exporter").isNotNull();
        return s;
    }

    private static List<MeterSnapshot> named(MetricsSnapshot snapshot, String name) {
        return snapshot.meters().stream().filter(m -> m.name().equals(name)).toList();
    }

    @Test
    void snapshots_reach_every_exporter_dynamic_meters_expire_and_stop_flushes() throws Exception {
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        Path files = dataDirectory.resolve("metrics");
        try (AgentSystem system = AgentSystem.builder()
                .timeSource(time)
                .scheduler(time)
                .dataDirectory(dataDirectory)
                .environment(Map.of())
                .systemProperties(Map.of(
                        "armature.exporters.interval", "10s",
                        "armature.exporters.console.enabled", "true",
                        "armature.exporters.file.enabled", "true",
                        "armature.exporters.file.directory", files.toString(),
                        "armature.metrics.ttl", "10s",
                        "armature.health.resources.enabled", "false"))
                .extension(ExportersExtension.console(new PrintStream(console, true, StandardCharsets.UTF_8)))
                .plugin(capture())
                .build()) {
            system.start();
            MeterRegistry registry = system.service(MeterRegistry.class);
            registry.counter("tool.calls", "tool", "grep").increment(3);

            time.advance(Duration.ofSeconds(10));
            MetricsSnapshot first = next();
            assertThat(first.timestamp()).isEqualTo(ManualTime.DEFAULT_START.plusSeconds(10));
            assertThat(named(first, "tool.calls")).singleElement().satisfies(m -> {
                assertThat(m.tags()).containsEntry("tool", "grep");
                assertThat(m.value(MeterSnapshot.Statistic.COUNT)).hasValue(3.0);
            });
            assertThat(named(first, "armature.exporter.dropped"))
                    .extracting(m -> m.tags().get("exporter"))
                    .containsExactlyInAnyOrder("capture", "console", "file");

            // Swept every 5 s: first seen at 5 s, unchanged at 15 s, so gone before the export of 20 s.
            time.advance(Duration.ofSeconds(10));
            assertThat(named(next(), "tool.calls")).isEmpty();
            assertThat(registry.find("tool.calls").counter()).isNull();
        }

        assertThat(next().timestamp()).as("the last snapshot, taken at stop").isEqualTo(time.now());
        assertThat(flushes).containsExactly("flush");
        assertThat(console.toString(StandardCharsets.UTF_8))
                .contains("metrics at 2026-01-01T00:00:10Z")
                .contains("tool.calls")
                .contains("tool=grep");
        List<String> lines = Files.readAllLines(files.resolve("metrics.jsonl"), StandardCharsets.UTF_8);
        assertThat(lines)
                .anySatisfy(l ->
                        assertThat(l).contains("\"name\":\"tool.calls\"", "\"timestamp\":\"2026-01-01T00:00:10Z\""))
                .anySatisfy(l -> assertThat(l).contains("\"timestamp\":\"2026-01-01T00:00:20Z\""));
    }

    @Test
    void without_config_only_contributed_exporters_run_and_no_meter_expires() throws Exception {
        Path files = dataDirectory.resolve("metrics");
        try (AgentSystem system = AgentSystem.builder()
                .timeSource(time)
                .scheduler(time)
                .dataDirectory(dataDirectory)
                .environment(Map.of())
                .systemProperties(Map.of(
                        "armature.exporters.file.directory",
                        files.toString(),
                        "armature.health.resources.enabled",
                        "false"))
                .plugin(capture())
                .build()) {
            system.start();
            system.service(MeterRegistry.class).counter("tool.calls").increment();

            time.advance(Duration.ofMinutes(1)); // the default interval
            MetricsSnapshot first = next();
            assertThat(named(first, "armature.exporter.dropped"))
                    .extracting(m -> m.tags().get("exporter"))
                    .containsExactly("capture");
            time.advance(Duration.ofHours(1));
            assertThat(system.service(MeterRegistry.class).find("tool.calls").counter())
                    .isNotNull();
        }
        assertThat(files).doesNotExist();
    }

    @Test
    void a_new_interval_and_a_new_ttl_apply_while_the_system_runs() throws Exception {
        try (AgentSystem system = AgentSystem.builder()
                .timeSource(time)
                .scheduler(time)
                .dataDirectory(dataDirectory)
                .environment(Map.of())
                .systemProperties(Map.of("armature.health.resources.enabled", "false"))
                .plugin(capture())
                .build()) {
            system.start();
            MeterRegistry registry = system.service(MeterRegistry.class);
            registry.counter("tool.calls").increment();

            assertThat(system.config()
                            .override(Map.of("armature.exporters.interval", "5s", "armature.metrics.ttl", "2s"))
                            .outcome())
                    .isEqualTo(ConfigUpdate.Outcome.APPLIED);
            time.advance(Duration.ofSeconds(5)); // sweeps every 1 s: first seen at 1 s, gone at 3 s
            MetricsSnapshot first = next();
            assertThat(first.timestamp()).isEqualTo(ManualTime.DEFAULT_START.plusSeconds(5));
            assertThat(named(first, "tool.calls")).isEmpty();

            assertThat(system.config().clearOverrides().outcome()).isEqualTo(ConfigUpdate.Outcome.APPLIED);
            registry.counter("tool.calls").increment();
            time.advance(Duration.ofMinutes(1)); // back to 60 s, and no TTL
            assertThat(next().timestamp()).isEqualTo(ManualTime.DEFAULT_START.plusSeconds(65));
            assertThat(registry.find("tool.calls").counter()).isNotNull();
        }
    }
}

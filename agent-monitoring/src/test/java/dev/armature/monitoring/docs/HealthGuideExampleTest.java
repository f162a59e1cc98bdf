package dev.armature.monitoring.docs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.armature.api.AgentSystem;
import dev.armature.api.health.CheckOutcome;
import dev.armature.api.health.CheckSpec;
import dev.armature.api.health.Criticality;
import dev.armature.api.health.Health;
import dev.armature.api.health.HealthEvent;
import dev.armature.api.health.HealthReport;
import dev.armature.api.health.HealthStatus;
import dev.armature.core.time.ManualTime;
import dev.armature.spi.Plugin;
import dev.armature.spi.PluginContext;
import dev.armature.spi.health.HealthProbe;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The runnable example of docs/health.md. The code between the tag lines is copied into the guide
 * verbatim (without its indentation); {@link #the_guide_shows_this_example_verbatim} fails when the
 * two drift apart.
 */
@Timeout(30) // a guard against a hang, not a timing assertion
class HealthGuideExampleTest {
    private static final Path GUIDE = Path.of("../docs/health.md");
    private static final Path SOURCE =
            Path.of("src/test/java/dev/armature/monitoring/docs/HealthGuideExampleTest.java");

    // tag::example[]
    /** The host's own checks, contributed the way any plugin contributes them. */
    static final class HostChecks implements Plugin {
        @Override
        public String id() {
            return "host-checks";
        }

        @Override
        public String supportedApiVersions() {
            return "[0.1,0.2)";
        }

        @Override
        public void contribute(PluginContext context) {
            context.contribute(
                    HealthProbe.class,
                    HealthProbe.of(
                            CheckSpec.builder("model-endpoint")
                                    .criticality(Criticality.NON_CRITICAL) // its DOWN only degrades the system
                                    .component("model-gateway")
                                    .timeout(Duration.ofSeconds(2))
                                    .build(),
                            () -> CheckOutcome.up().withDetail("latency-ms", 42)));
        }
    }

    @Test
    void the_host_reads_the_systems_health(@TempDir Path dataDirectory) throws Exception {
        ManualTime time = ManualTime.create();
        try (AgentSystem system = AgentSystem.builder()
                .timeSource(time)
                .scheduler(time)
                .dataDirectory(dataDirectory) // where each check's history persists across restarts
                .plugin(new HostChecks())
                .build()) {
            CountDownLatch checked = new CountDownLatch(1);
            system.events().subscribe(HealthEvent.CheckStatusChanged.class, e -> {
                if (e.payload().check().equals("model-endpoint")) {
                    checked.countDown();
                }
            });
            system.start();
            time.advance(Duration.ZERO); // every check runs at once, then on its interval
            assertThat(checked.await(10, TimeUnit.SECONDS)).isTrue();

            Health health = system.service(Health.class);
            HealthReport report = health.report(); // never blocks: the cached snapshot
            assertThat(report.check("model-endpoint").orElseThrow().status()).isEqualTo(HealthStatus.UP);
            assertThat(health.report("component:model-gateway").orElseThrow().status())
                    .isEqualTo(HealthStatus.UP);
            assertThat(health.history("model-endpoint").orElseThrow().availability())
                    .hasValue(100.0);
            // Advice on what the checks found, most severe first, for example
            // "heap 82.0% and rising 3.0%/min: 95.0% in ~4 min; raise -Xmx or lower the work in flight ..."
            assertThat(health.recommendations())
                    .allSatisfy(r -> assertThat(r.text()).isNotBlank());
        }
    }
    // end::example[]

    @Test
    void the_guide_shows_this_example_verbatim() throws IOException {
        String guide = Files.readString(GUIDE, StandardCharsets.UTF_8);
        assertThat(guide).as("%s must contain the example of %s", GUIDE, SOURCE).contains(DocSnippets.example(SOURCE));
    }
}

package dev.armature.monitoring.docs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.armature.api.AgentSystem;
import dev.armature.api.monitoring.AlertCondition;
import dev.armature.api.monitoring.AlertEvent;
import dev.armature.api.monitoring.AlertRule;
import dev.armature.api.monitoring.AlertSeverity;
import dev.armature.api.monitoring.Alerts;
import dev.armature.api.monitoring.Comparison;
import dev.armature.api.monitoring.MeterQuery;
import dev.armature.core.time.ManualTime;
import dev.armature.monitoring.AlertRulesExtension;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The runnable example of docs/monitoring.md. The code between the tag lines is copied into the
 * guide verbatim (without its indentation); {@link #the_guide_shows_this_example_verbatim} fails
 * when the two drift apart.
 */
class AlertsGuideExampleTest {
    private static final Path GUIDE = Path.of("../docs/monitoring.md");
    private static final Path SOURCE =
            Path.of("src/test/java/dev/armature/monitoring/docs/AlertsGuideExampleTest.java");

    @TempDir
    @SuppressWarnings("NullAway.Init") // injected by JUnit before each test
    Path dataDirectory;

    // tag::example[]
    @Test
    void a_queue_backlog_fires_and_resolves() throws InterruptedException {
        MeterQuery depth = MeterQuery.of("queue.depth", Map.of("queue", "jobs"));
        AlertRule backlog = AlertRule.builder(
                        "queue-backlog", new AlertCondition.Threshold(depth, Comparison.ABOVE, 100))
                .resolveCondition(new AlertCondition.Threshold(depth, Comparison.BELOW, 50)) // hysteresis
                .forDuration(Duration.ofMinutes(1))
                .severity(AlertSeverity.CRITICAL)
                .addLabel("team", "platform")
                .addAnnotation("summary", "${value} jobs waiting; team ${labels.team}")
                .runbook(URI.create("https://runbooks.example.com/queue-backlog"))
                .build();
        // The SRE workbook's four burn-rate alerts for a 99.9% checkout SLO.
        List<AlertRule> rules = new ArrayList<>(AlertRule.burnRateRules(
                "checkout", MeterQuery.of("checkout.failed"), MeterQuery.of("checkout.requests"), 0.999));
        rules.add(backlog);

        ManualTime time = ManualTime.create(); // a test clock; leave it out in production
        BlockingQueue<AlertEvent> events = new LinkedBlockingQueue<>();
        try (AgentSystem system = AgentSystem.builder()
                .timeSource(time)
                .dataDirectory(dataDirectory) // where alert states survive restarts
                .extension(new AlertRulesExtension(rules))
                .build()) {
            system.events().subscribe(AlertEvent.class, e -> events.add(e.payload()));
            AtomicInteger jobs = system.service(MeterRegistry.class)
                    .gauge("queue.depth", Tags.of("queue", "jobs"), new AtomicInteger());
            system.start();

            jobs.set(250);
            time.advance(Duration.ofSeconds(75)); // evaluations every 15 s: pending, then firing
            assertThat(events.poll(10, TimeUnit.SECONDS)).isInstanceOf(AlertEvent.AlertPending.class);
            AlertEvent.AlertFired fired = (AlertEvent.AlertFired) events.poll(10, TimeUnit.SECONDS);
            assertThat(fired.annotations()).containsEntry("summary", "250 jobs waiting; team platform");
            assertThat(system.service(Alerts.class).active()).hasSize(1);

            jobs.set(80); // below 100 but above 50: still firing
            time.advance(Duration.ofMinutes(1));
            jobs.set(10);
            time.advance(Duration.ofSeconds(15));
            assertThat(events.poll(10, TimeUnit.SECONDS)).isInstanceOf(AlertEvent.AlertResolved.class);
        }
    }
    // end::example[]

    @Test
    void the_guide_shows_this_example_verbatim() throws IOException {
        String guide = Files.readString(GUIDE, StandardCharsets.UTF_8);
        assertThat(guide).contains("```java\n" + DocSnippets.example(SOURCE) + "\n```");
    }
}

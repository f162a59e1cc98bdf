package dev.armature.monitoring.docs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.armature.api.AgentSystem;
import dev.armature.api.monitoring.AlertCondition;
import dev.armature.api.monitoring.AlertEvent;
import dev.armature.api.monitoring.AlertRule;
import dev.armature.api.monitoring.AlertSeverity;
import dev.armature.api.monitoring.Comparison;
import dev.armature.api.monitoring.LabelMatcher;
import dev.armature.api.monitoring.MeterQuery;
import dev.armature.api.monitoring.Notification;
import dev.armature.api.monitoring.Silences;
import dev.armature.core.time.ManualTime;
import dev.armature.monitoring.AlertRulesExtension;
import dev.armature.monitoring.InhibitRule;
import dev.armature.monitoring.NotificationRoute;
import dev.armature.monitoring.NotificationsExtension;
import dev.armature.spi.monitoring.NotificationChannel;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The runnable example of docs/notifications.md. The code between the tag lines is copied into the
 * guide verbatim (without its indentation); {@link #the_guide_shows_this_example_verbatim} fails when
 * the two drift apart.
 */
class NotificationsGuideExampleTest {
    private static final Path GUIDE = Path.of("../docs/notifications.md");
    private static final Path SOURCE =
            Path.of("src/test/java/dev/armature/monitoring/docs/NotificationsGuideExampleTest.java");

    @TempDir
    @SuppressWarnings("NullAway.Init") // injected by JUnit before each test
    Path dataDirectory;

    // tag::example[]
    /** A channel of the host's: here a queue; in production a chat room or a pager. */
    static final class ChatChannel implements NotificationChannel {
        final BlockingQueue<Notification> posted = new LinkedBlockingQueue<>();
        private final Set<String> seen = ConcurrentHashMap.newKeySet();

        @Override
        public String name() {
            return "chat";
        }

        @Override
        public void deliver(Notification n) {
            if (seen.add(n.idempotencyKey())) { // at least once: a retry must not post twice
                posted.add(n);
            }
        }
    }

    @Test
    void a_component_down_alert_pages_and_mutes_its_dependents() throws InterruptedException {
        AlertRule down = AlertRule.builder(
                        "component-down", new AlertCondition.Threshold(MeterQuery.of("db.up"), Comparison.BELOW, 1))
                .severity(AlertSeverity.CRITICAL)
                .addLabel("component", "db")
                .build();
        AlertRule slow = AlertRule.builder(
                        "slow-queries",
                        new AlertCondition.Threshold(MeterQuery.of("db.latency.ms"), Comparison.ABOVE, 500))
                .addLabel("component", "db")
                .build();
        ChatChannel chat = new ChatChannel();
        NotificationsExtension notifications = NotificationsExtension.builder()
                .addChannel(chat)
                .addRoute(NotificationRoute.builder("db")
                        .addMatcher(LabelMatcher.parse("component=db"))
                        .addChannel("chat")
                        .groupBy("component") // one message for all of db's alerts
                        .build())
                .addInhibitRule(new InhibitRule(
                        "component-down",
                        List.of(LabelMatcher.parse("alertname=component-down")),
                        List.of(LabelMatcher.parse("alertname!=component-down")),
                        List.of("component")))
                .build();

        ManualTime time = ManualTime.create(); // a test clock; leave it out in production
        BlockingQueue<AlertEvent> alerts = new LinkedBlockingQueue<>();
        try (AgentSystem system = AgentSystem.builder()
                .timeSource(time)
                .dataDirectory(dataDirectory) // groups and silences survive restarts here
                .extension(AlertRulesExtension.of(down, slow))
                .extension(notifications)
                .build()) {
            system.events().subscribe(AlertEvent.class, e -> alerts.add(e.payload()));
            MeterRegistry meters = system.service(MeterRegistry.class);
            AtomicInteger up = meters.gauge("db.up", Tags.empty(), new AtomicInteger(1));
            AtomicInteger latency = meters.gauge("db.latency.ms", Tags.empty(), new AtomicInteger(20));
            system.start();

            up.set(0); // the database goes down, and its queries with it
            latency.set(900);
            time.advance(Duration.ofSeconds(15)); // one evaluation: both alerts fire
            alerts.poll(10, TimeUnit.SECONDS);
            alerts.poll(10, TimeUnit.SECONDS);
            time.advance(Duration.ofSeconds(30)); // the group wait
            Notification page = chat.posted.poll(10, TimeUnit.SECONDS);
            assertThat(page.firing()).extracting(a -> a.rule()).containsExactly("component-down");

            // An operator silences the database while they work on it.
            system.service(Silences.class)
                    .add(
                            List.of(LabelMatcher.parse("component=db")),
                            time.now(),
                            time.now().plus(Duration.ofHours(1)),
                            "alice",
                            "failing over the primary");
            up.set(1);
            latency.set(20);
            time.advance(Duration.ofSeconds(15)); // both resolve
            alerts.poll(10, TimeUnit.SECONDS);
            alerts.poll(10, TimeUnit.SECONDS);
            time.advance(Duration.ofMinutes(5)); // the group interval
            Notification resolved = chat.posted.poll(10, TimeUnit.SECONDS);
            // Silenced, but told of firing before: its resolution is still sent.
            assertThat(resolved.status()).isEqualTo(Notification.Status.RESOLVED);
            assertThat(resolved.resolved()).extracting(a -> a.rule()).containsExactly("component-down");
        }
    }
    // end::example[]

    @Test
    void the_guide_shows_this_example_verbatim() throws IOException {
        String guide = Files.readString(GUIDE, StandardCharsets.UTF_8);
        assertThat(guide).contains("```java\n" + DocSnippets.example(SOURCE) + "\n```");
    }
}

package dev.armature.monitoring.functional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.armature.api.AgentSystem;
import dev.armature.api.ComponentFailure;
import dev.armature.api.StartupException;
import dev.armature.api.config.ConfigException;
import dev.armature.api.event.SubscribeOptions;
import dev.armature.api.monitoring.AlertCondition;
import dev.armature.api.monitoring.AlertEvent;
import dev.armature.api.monitoring.AlertRule;
import dev.armature.api.monitoring.AlertSeverity;
import dev.armature.api.monitoring.Comparison;
import dev.armature.api.monitoring.LabelMatcher;
import dev.armature.api.monitoring.MeterQuery;
import dev.armature.api.monitoring.Notification;
import dev.armature.api.monitoring.Silence;
import dev.armature.api.monitoring.Silences;
import dev.armature.core.time.ManualTime;
import dev.armature.monitoring.AlertRulesExtension;
import dev.armature.monitoring.NotificationRoute;
import dev.armature.monitoring.NotificationsExtension;
import dev.armature.spi.monitoring.NotificationChannel;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The router in a real system on ManualTime: an alert rule fires through the bus and the router to a
 * test channel, is silenced, resolves, and its resolution is still delivered — also across a restart.
 * The router works in event time, so the test waits for the alert events and advances without racing
 * the bus.
 */
class NotificationsPluginTest {
    @TempDir
    @SuppressWarnings("NullAway.Init") // injected by JUnit before each test
    Path dataDirectory;

    private final AtomicInteger depth = new AtomicInteger();
    private final BlockingQueue<AlertEvent> events = new LinkedBlockingQueue<>();
    private final BlockingQueue<Notification> pages = new LinkedBlockingQueue<>();

    /** A channel that hands each notification to the test. */
    private final NotificationChannel pager = new NotificationChannel() {
        @Override
        public String name() {
            return "pager";
        }

        @Override
        public void deliver(Notification n) {
            pages.add(n);
        }
    };

    private static AlertRule backlog() {
        MeterQuery q = MeterQuery.of("queue.depth", Map.of("queue", "jobs"));
        return AlertRule.builder("queue-backlog", new AlertCondition.Threshold(q, Comparison.ABOVE, 100))
                .severity(AlertSeverity.CRITICAL)
                .addLabel("component", "worker")
                .addAnnotation("summary", "${value} jobs waiting")
                .runbook(URI.create("https://runbooks.example.com/queue"))
                .build();
    }

    private AgentSystem start(ManualTime time) {
        AgentSystem system = AgentSystem.builder()
                .timeSource(time)
                .environment(Map.of())
                .systemProperties(Map.of("armature.notifications.group-wait", "30s"))
                .dataDirectory(dataDirectory)
                .extension(AlertRulesExtension.of(backlog()))
                .extension(NotificationsExtension.builder()
                        .addChannel(pager)
                        .addRoute(NotificationRoute.builder("pages")
                                .addMatcher(LabelMatcher.parse("severity=critical"))
                                .addChannel("pager")
                                .build())
                        .build())
                .build();
        system.events().subscribe(AlertEvent.class, SubscribeOptions.defaults(), e -> events.add(e.payload()));
        system.service(MeterRegistry.class).gauge("queue.depth", Tags.of("queue", "jobs"), depth);
        system.start();
        return system;
    }

    private <T> T next(BlockingQueue<T> queue, String what) throws InterruptedException {
        @Nullable T t = queue.poll(10, TimeUnit.SECONDS);
        assertThat(t).as(what).isNotNull();
        return t;
    }

    @Test
    void a_firing_alert_is_paged_then_silenced_and_its_resolution_is_still_paged() throws Exception {
        ManualTime time = ManualTime.create();
        try (AgentSystem system = start(time)) {
            depth.set(250);
            time.advance(Duration.ofSeconds(15));
            assertThat(next(events, "fired")).isInstanceOf(AlertEvent.AlertFired.class);
            time.advance(Duration.ofSeconds(30)); // the group wait

            Notification firing = next(pages, "the firing page");
            assertThat(firing.status()).isEqualTo(Notification.Status.FIRING);
            assertThat(firing.route()).isEqualTo("pages");
            assertThat(firing.alerts()).singleElement().satisfies(a -> {
                assertThat(a.rule()).isEqualTo("queue-backlog");
                assertThat(a.annotations()).containsEntry("summary", "250 jobs waiting");
                assertThat(a.runbook()).contains(URI.create("https://runbooks.example.com/queue"));
            });

            Silence s = system.service(Silences.class)
                    .add(
                            List.of(LabelMatcher.parse("component=worker")),
                            time.now(),
                            time.now().plus(Duration.ofHours(2)),
                            "oncall",
                            "draining the queue by hand");
            assertThat(system.service(Silences.class).list()).containsExactly(s);
            depth.set(10);
            time.advance(Duration.ofSeconds(15));
            assertThat(next(events, "resolved")).isInstanceOf(AlertEvent.AlertResolved.class);
            time.advance(Duration.ofMinutes(5)); // the group interval

            Notification resolved = next(pages, "the resolved page, though silenced");
            assertThat(resolved.status()).isEqualTo(Notification.Status.RESOLVED);
            assertThat(resolved.alerts()).singleElement().satisfies(a -> assertThat(a.fingerprint())
                    .isEqualTo(firing.alerts().get(0).fingerprint()));
            MeterRegistry meters = system.service(MeterRegistry.class);
            assertThat(meters.get("armature.notifications.sent")
                            .tags("channel", "pager")
                            .counters())
                    .isNotEmpty();
        }
        assertThat(pages).isEmpty();
    }

    @Test
    void a_resolution_after_a_restart_is_paged_for_a_firing_paged_before_it() throws Exception {
        ManualTime first = ManualTime.create();
        String fingerprint;
        try (AgentSystem system = start(first)) {
            assertThat(system.service(Silences.class).list()).isEmpty();
            depth.set(250);
            first.advance(Duration.ofSeconds(15));
            assertThat(next(events, "fired")).isInstanceOf(AlertEvent.AlertFired.class);
            first.advance(Duration.ofSeconds(30));
            fingerprint = next(pages, "the firing page").alerts().get(0).fingerprint();
        }
        ManualTime second = ManualTime.startingAt(first.now().plus(Duration.ofMinutes(1)));
        try (AgentSystem system = start(second)) {
            assertThat(system.service(Silences.class).list()).isEmpty();
            depth.set(10);
            second.advance(Duration.ofSeconds(15));
            assertThat(next(events, "resolved after the restart")).isInstanceOf(AlertEvent.AlertResolved.class);
            second.advance(Duration.ofMinutes(5));
            Notification resolved = next(pages, "the resolved page");
            assertThat(resolved.status()).isEqualTo(Notification.Status.RESOLVED);
            assertThat(resolved.alerts()).extracting(a -> a.fingerprint()).containsExactly(fingerprint);
        }
    }

    @Test
    void a_route_naming_a_channel_no_one_provides_fails_the_start_naming_the_key() {
        ManualTime time = ManualTime.create();
        assertThatThrownBy(() -> AgentSystem.builder()
                        .timeSource(time)
                        .environment(Map.of())
                        .systemProperties(Map.of("armature.notifications.routes.db.channels", "slack"))
                        .dataDirectory(dataDirectory)
                        .build()
                        .start())
                .isInstanceOf(StartupException.class)
                .satisfies(e -> {
                    List<ComponentFailure> failures = ((StartupException) e).failures();
                    assertThat(failures).singleElement().satisfies(f -> {
                        assertThat(f.component()).isEqualTo("armature.notifications");
                        assertThat(f.failure().type()).isEqualTo(ConfigException.class.getName());
                        assertThat(f.failure().message())
                                .contains("route 'db' names the channel 'slack'")
                                .contains("armature.notifications.routes.db.channels");
                    });
                });
    }
}

package dev.armature.monitoring.internal.route;

import static org.assertj.core.api.Assertions.assertThat;

import dev.armature.api.monitoring.Notification;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** At-least-once delivery: retries with backoff and one idempotency key, and what a restart keeps. */
class RouterDeliveryTest {
    private final RecordingChannel log = new RecordingChannel("log");

    private static RouterSettings settings() {
        RouterSettings d = RouterSettings.defaults();
        return new RouterSettings(
                d.routes(),
                d.inhibitRules(),
                d.defaultChannels(),
                d.groupBy(),
                d.groupWait(),
                d.groupInterval(),
                d.repeatInterval(),
                d.cooldown(),
                d.cooldowns(),
                RouterFixture.retry());
    }

    @Test
    void a_failed_delivery_is_retried_after_its_backoff_with_the_same_idempotency_key() {
        RouterFixture f = new RouterFixture(settings(), log);
        log.failNext(2);
        f.fire("heap", Map.of());
        f.advance(Duration.ofSeconds(30));
        assertThat(log.attempts).hasSize(1);
        f.advance(Duration.ofSeconds(4));
        assertThat(log.attempts).as("the first backoff is 5 s").hasSize(1);
        f.advance(Duration.ofSeconds(1));
        assertThat(log.attempts).hasSize(2);
        f.advance(Duration.ofSeconds(10)); // then 10 s
        assertThat(log.attempts).hasSize(3);

        assertThat(log.attempts)
                .extracting(Notification::idempotencyKey)
                .containsOnly(log.attempts.get(0).idempotencyKey());
        assertThat(log.takeDelivered()).singleElement().isEqualTo(log.attempts.get(0));
        assertThat(f.counter("armature.notifications.failed", "channel", "log", "outcome", "retried"))
                .isEqualTo(2);
        assertThat(f.counter("armature.notifications.sent", "channel", "log", "status", "firing"))
                .isEqualTo(1);
    }

    @Test
    void a_resolution_whose_delivery_was_given_up_is_sent_again_at_the_next_flush() {
        RouterFixture f = new RouterFixture(settings(), log);
        f.fire("heap", Map.of());
        f.advance(Duration.ofSeconds(30));
        log.takeDelivered();
        f.resolve("heap", Map.of());
        log.failNext(5); // every attempt of the resolved notification
        f.advance(Duration.ofMinutes(5)); // the first attempt
        f.advance(Duration.ofSeconds(5 + 10 + 20 + 40)); // the four retries
        assertThat(log.attempts).hasSize(1 + 5);
        assertThat(log.delivered).isEmpty();
        assertThat(f.counter("armature.notifications.failed", "channel", "log", "outcome", "gave-up"))
                .isEqualTo(1);

        f.advance(Duration.ofMinutes(5).minusSeconds(75)); // the next flush tells of it again
        assertThat(log.takeDelivered()).singleElement().satisfies(n -> assertThat(n.status())
                .isEqualTo(Notification.Status.RESOLVED));
        assertThat(f.router.groupKeys()).isEmpty();
    }

    @Test
    void a_firing_notification_delivered_before_a_restart_gets_its_resolution_after_it() {
        RouterFixture f = new RouterFixture(settings(), log);
        f.fire("heap", Map.of("instance", "a"));
        f.advance(Duration.ofSeconds(30));
        assertThat(log.takeDelivered()).hasSize(1);

        f.restart();
        f.advance(Duration.ofMinutes(5));
        assertThat(log.delivered)
                .as("unchanged after the restart: not repeated")
                .isEmpty();
        f.resolve("heap", Map.of("instance", "a"));
        f.advance(Duration.ofMinutes(5));

        List<Notification> sent = log.takeDelivered();
        assertThat(sent).singleElement().satisfies(n -> {
            assertThat(n.status()).isEqualTo(Notification.Status.RESOLVED);
            assertThat(n.alerts()).singleElement().satisfies(a -> assertThat(a.annotations())
                    .containsEntry("summary", "heap fires"));
        });
    }

    @Test
    void a_firing_notification_not_delivered_before_a_restart_is_sent_after_it() {
        RouterFixture f = new RouterFixture(settings(), log);
        log.failNext(1);
        f.fire("heap", Map.of());
        f.advance(Duration.ofSeconds(30)); // failed; its retry waits 5 s
        f.restart(); // and is lost with the process
        f.advance(Duration.ofMinutes(5));
        assertThat(log.takeDelivered()).singleElement().satisfies(n -> assertThat(n.status())
                .isEqualTo(Notification.Status.FIRING));
    }

    @Test
    void the_idempotency_keys_of_two_notifications_differ() {
        RouterFixture f = new RouterFixture(settings(), log);
        f.fire("heap", Map.of());
        f.fire("disk", Map.of());
        f.advance(Duration.ofSeconds(30));
        List<Notification> sent = log.takeDelivered();
        assertThat(sent).hasSize(2);
        assertThat(sent.get(0).idempotencyKey()).isNotEqualTo(sent.get(1).idempotencyKey());
    }
}

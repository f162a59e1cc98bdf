package dev.armature.monitoring.internal.route;

import static org.assertj.core.api.Assertions.assertThat;

import dev.armature.api.monitoring.LabelMatcher;
import dev.armature.api.monitoring.Notification;
import dev.armature.api.monitoring.NotifiedAlert;
import dev.armature.monitoring.NotificationRoute;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Grouping on ManualTime: group wait, group interval and repeat interval at Alertmanager's defaults. */
class RouterGroupingTest {
    private final RecordingChannel log = new RecordingChannel("log");
    private final RouterFixture f = new RouterFixture(RouterSettings.defaults(), log);

    private static List<String> rules(Notification n) {
        return n.alerts().stream().map(NotifiedAlert::rule).toList();
    }

    @Test
    void a_new_group_waits_its_group_wait_and_sends_the_alerts_that_came_meanwhile_together() {
        f.fire("heap", Map.of("instance", "a"));
        f.advance(Duration.ofSeconds(10));
        f.fire("heap", Map.of("instance", "b"));
        f.advance(Duration.ofSeconds(19));
        assertThat(log.delivered).isEmpty();

        f.advance(Duration.ofSeconds(1)); // 30 s after the first
        List<Notification> sent = log.takeDelivered();
        assertThat(sent).hasSize(1);
        Notification n = sent.get(0);
        assertThat(n.status()).isEqualTo(Notification.Status.FIRING);
        assertThat(n.kind()).isEqualTo(Notification.ALERTS);
        assertThat(n.groupLabels()).containsExactly(Map.entry("alertname", "heap"));
        assertThat(n.alerts()).extracting(a -> a.labels().get("instance")).containsExactlyInAnyOrder("a", "b");
        assertThat(n.createdAt()).isEqualTo(f.time.now());
    }

    @Test
    void alerts_of_other_rules_form_other_groups() {
        f.fire("heap", Map.of());
        f.fire("disk", Map.of());
        f.advance(Duration.ofSeconds(30));
        assertThat(log.takeDelivered())
                .extracting(RouterGroupingTest::rules)
                .containsExactlyInAnyOrder(List.of("heap"), List.of("disk"));
        assertThat(f.router.groupKeys()).hasSize(2);
    }

    @Test
    void a_change_after_the_first_notification_waits_for_the_group_interval() {
        f.fire("heap", Map.of("instance", "a"));
        f.advance(Duration.ofSeconds(30));
        assertThat(log.takeDelivered()).hasSize(1);

        f.advance(Duration.ofSeconds(10));
        f.fire("heap", Map.of("instance", "b"));
        f.advance(Duration.ofMinutes(5).minusSeconds(11));
        assertThat(log.delivered).isEmpty();

        f.advance(Duration.ofSeconds(1)); // 5 min after the first notification
        List<Notification> sent = log.takeDelivered();
        assertThat(sent).hasSize(1);
        assertThat(sent.get(0).alerts()).hasSize(2); // the whole group, as Alertmanager sends it
    }

    @Test
    void an_unchanged_group_is_repeated_only_after_the_repeat_interval() {
        f.fire("heap", Map.of());
        f.advance(Duration.ofSeconds(30));
        Notification first = log.takeDelivered().get(0);

        f.advance(Duration.ofHours(4).minusMinutes(5));
        assertThat(log.delivered).isEmpty();
        assertThat(f.counter("armature.notifications.deduplicated", "reason", "unchanged"))
                .isEqualTo(47); // every group interval but the last before four hours

        f.advance(Duration.ofMinutes(5));
        List<Notification> repeated = log.takeDelivered();
        assertThat(repeated).hasSize(1);
        assertThat(repeated.get(0).alerts()).isEqualTo(first.alerts());
        assertThat(repeated.get(0).idempotencyKey()).isNotEqualTo(first.idempotencyKey());
    }

    @Test
    void a_resolved_alert_is_sent_at_the_next_group_interval_and_its_group_ends() {
        f.fire("heap", Map.of());
        f.advance(Duration.ofSeconds(30));
        log.takeDelivered();
        f.advance(Duration.ofMinutes(1));
        f.resolve("heap", Map.of());
        f.advance(Duration.ofMinutes(3).plusSeconds(59));
        assertThat(log.delivered).isEmpty();

        f.advance(Duration.ofSeconds(1));
        List<Notification> sent = log.takeDelivered();
        assertThat(sent).hasSize(1);
        assertThat(sent.get(0).status()).isEqualTo(Notification.Status.RESOLVED);
        assertThat(sent.get(0).resolved()).singleElement().satisfies(a -> assertThat(a.resolvedAt())
                .isPresent());
        assertThat(f.router.groupKeys()).isEmpty();
        assertThat(f.store.keys(GroupCodec.NAMESPACE)).isEmpty();
    }

    @Test
    void an_alert_that_resolves_within_the_group_wait_is_never_notified() {
        f.fire("heap", Map.of());
        f.advance(Duration.ofSeconds(10));
        f.resolve("heap", Map.of());
        f.advance(Duration.ofHours(1));
        assertThat(log.delivered).isEmpty();
        assertThat(f.router.groupKeys()).isEmpty();
    }

    @Test
    void a_duplicate_event_is_counted_and_changes_nothing() {
        f.fire("heap", Map.of());
        f.router.fired(
                "heap",
                dev.armature.api.monitoring.AlertSeverity.WARNING,
                Map.of(),
                Map.of(),
                f.time.now(),
                f.time.now());
        f.advance(Duration.ofSeconds(30));
        assertThat(log.takeDelivered()).hasSize(1);
        assertThat(f.counter("armature.notifications.deduplicated", "reason", "duplicate-event"))
                .isEqualTo(1);
    }

    @Test
    void an_event_that_happened_before_a_flush_but_arrived_after_it_is_sent_at_once() {
        f.fire("heap", Map.of("instance", "a"));
        f.advance(Duration.ofSeconds(30));
        log.takeDelivered();
        var before = f.time.now().minusSeconds(5); // as if the bus had been slow
        f.router.fired(
                "heap",
                dev.armature.api.monitoring.AlertSeverity.WARNING,
                Map.of("instance", "b"),
                Map.of(),
                before,
                before);
        assertThat(log.takeDelivered()).singleElement().satisfies(n -> assertThat(n.alerts())
                .hasSize(2));
    }

    @Test
    void routes_choose_channels_by_matchers_and_continue_only_when_told() {
        RecordingChannel pager = new RecordingChannel("pager");
        RecordingChannel chat = new RecordingChannel("chat");
        RecordingChannel fallback = new RecordingChannel("log");
        RouterSettings settings = RouterSettings.defaults()
                .withRoutes(
                        List.of(
                                NotificationRoute.builder("pages")
                                        .addMatcher(LabelMatcher.parse("team=db"))
                                        .addChannel("pager")
                                        .groupWait(Duration.ZERO)
                                        .continueMatching(true)
                                        .build(),
                                NotificationRoute.builder("chat")
                                        .addMatcher(LabelMatcher.parse("team=~db|web"))
                                        .addChannel("chat")
                                        .groupBy("...")
                                        .build()),
                        List.of());
        RouterFixture r = new RouterFixture(settings, pager, chat, fallback);
        r.fire("slow-queries", Map.of("team", "db"));
        r.fire("errors", Map.of("team", "web"));
        r.fire("disk", Map.of("team", "infra"));
        assertThat(pager.takeDelivered())
                .extracting(RouterGroupingTest::rules)
                .containsExactly(List.of("slow-queries"));
        r.advance(Duration.ofSeconds(30));
        assertThat(chat.takeDelivered())
                .extracting(RouterGroupingTest::rules)
                .containsExactlyInAnyOrder(List.of("slow-queries"), List.of("errors"));
        assertThat(fallback.takeDelivered())
                .extracting(RouterGroupingTest::rules)
                .containsExactly(List.of("disk"));
    }

    /** Found by RouterContractPropertyTest: the re-firing left the resolution owed to the old firing. */
    @Test
    void an_alert_that_resolves_and_fires_again_between_two_flushes_is_told_resolved_when_it_resolves() {
        f.fire("heap", Map.of());
        f.advance(Duration.ofSeconds(30));
        assertThat(log.takeDelivered()).hasSize(1);
        f.resolve("heap", Map.of());
        f.advance(Duration.ofSeconds(1));
        f.fire("heap", Map.of());
        f.advance(Duration.ofMinutes(5));
        assertThat(log.delivered).as("to the channel it never stopped firing").isEmpty();
        f.resolve("heap", Map.of());
        f.advance(Duration.ofMinutes(5));
        assertThat(log.takeDelivered()).singleElement().satisfies(n -> assertThat(n.status())
                .isEqualTo(Notification.Status.RESOLVED));
    }
}

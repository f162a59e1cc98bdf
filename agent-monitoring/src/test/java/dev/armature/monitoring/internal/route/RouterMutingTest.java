package dev.armature.monitoring.internal.route;

import static org.assertj.core.api.Assertions.assertThat;

import dev.armature.api.monitoring.LabelMatcher;
import dev.armature.api.monitoring.Notification;
import dev.armature.api.monitoring.NotifiedAlert;
import dev.armature.api.monitoring.Silence;
import dev.armature.monitoring.InhibitRule;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Silences, inhibition and cooldown, and the contract that outlives them: an alert notified as
 * firing is notified as resolved, muted or not.
 */
class RouterMutingTest {
    private static final InhibitRule COMPONENT_DOWN = new InhibitRule(
            "component-down",
            List.of(LabelMatcher.parse("alertname=component-down")),
            List.of(LabelMatcher.parse("alertname!=component-down")),
            List.of("component"));

    private final RecordingChannel log = new RecordingChannel("log");

    private static List<String> alerts(List<Notification> sent) {
        return sent.stream()
                .flatMap(n -> n.alerts().stream())
                .map(a -> a.rule() + "/" + a.status())
                .toList();
    }

    private Silence silence(RouterFixture f, Duration length, String... matchers) {
        return f.silences.add(
                java.util.Arrays.stream(matchers).map(LabelMatcher::parse).toList(),
                f.time.now(),
                f.time.now().plus(length),
                "alice",
                "maintenance");
    }

    @Test
    void a_silenced_alert_is_not_notified_and_neither_is_its_resolution() {
        RouterFixture f = new RouterFixture(RouterSettings.defaults(), log);
        silence(f, Duration.ofHours(1), "alertname=heap");
        f.fire("heap", Map.of());
        f.fire("disk", Map.of());
        f.advance(Duration.ofSeconds(30));
        assertThat(alerts(log.takeDelivered())).containsExactly("disk/FIRING");
        f.resolve("heap", Map.of());
        f.advance(Duration.ofMinutes(10));
        assertThat(log.delivered).isEmpty();
    }

    @Test
    void fired_and_delivered_then_silenced_then_resolved_still_delivers_the_resolution() {
        RouterFixture f = new RouterFixture(RouterSettings.defaults(), log);
        f.fire("heap", Map.of("instance", "a"));
        f.advance(Duration.ofSeconds(30));
        assertThat(alerts(log.takeDelivered())).containsExactly("heap/FIRING");

        silence(f, Duration.ofHours(8), "instance=a");
        f.advance(Duration.ofMinutes(5));
        assertThat(log.delivered).as("muted: nothing new to say").isEmpty();
        f.resolve("heap", Map.of("instance", "a"));
        f.advance(Duration.ofMinutes(5));

        assertThat(alerts(log.takeDelivered())).containsExactly("heap/RESOLVED");
        assertThat(f.router.groupKeys()).isEmpty();
    }

    @Test
    void a_silence_mutes_a_flapping_source_every_time_it_fires() {
        RouterFixture f = new RouterFixture(RouterSettings.defaults(), log);
        silence(f, Duration.ofHours(2), "alertname=heap");
        for (int i = 0; i < 5; i++) {
            f.fire("heap", Map.of());
            f.advance(Duration.ofMinutes(6));
            f.resolve("heap", Map.of());
            f.advance(Duration.ofMinutes(6));
        }
        assertThat(log.delivered).isEmpty();
    }

    @Test
    void when_a_silence_expires_its_alerts_are_notified_at_the_next_flush() {
        RouterFixture f = new RouterFixture(RouterSettings.defaults(), log);
        Silence s = silence(f, Duration.ofMinutes(10), "alertname=heap");
        f.fire("heap", Map.of());
        f.advance(Duration.ofSeconds(30));
        assertThat(log.delivered).isEmpty();
        f.advance(Duration.ofMinutes(5)); // 5m30s: still silenced
        assertThat(log.delivered).isEmpty();
        f.advance(Duration.ofMinutes(5)); // 10m30s: expired at 10m
        assertThat(alerts(log.takeDelivered())).containsExactly("heap/FIRING");
        assertThat(f.silences.get(s.id())).isEmpty();
        assertThat(f.store.keys(SilenceBook.NAMESPACE)).isEmpty();
    }

    @Test
    void a_silence_expired_early_lets_its_alerts_through() {
        RouterFixture f = new RouterFixture(RouterSettings.defaults(), log);
        Silence s = silence(f, Duration.ofHours(1), "alertname=heap");
        f.fire("heap", Map.of());
        f.advance(Duration.ofSeconds(30));
        assertThat(f.silences.expire(s.id())).isTrue();
        assertThat(f.silences.expire(s.id())).isFalse();
        f.advance(Duration.ofMinutes(5));
        assertThat(alerts(log.takeDelivered())).containsExactly("heap/FIRING");
    }

    @Test
    void silences_survive_a_restart_and_keep_muting() {
        RouterFixture f = new RouterFixture(RouterSettings.defaults(), log);
        Silence s = silence(f, Duration.ofHours(1), "alertname=heap", "instance=~a|b");
        f.restart();
        assertThat(f.silences.list()).containsExactly(s);
        f.fire("heap", Map.of("instance", "b"));
        f.fire("heap", Map.of("instance", "c"));
        f.advance(Duration.ofSeconds(30));
        assertThat(log.takeDelivered()).singleElement().satisfies(n -> assertThat(n.alerts())
                .extracting(NotifiedAlert::labels)
                .containsExactly(Map.of("instance", "c")));
    }

    @Test
    void a_firing_component_down_alert_mutes_its_dependents_with_the_same_component_only() {
        RouterSettings settings = RouterSettings.defaults().withRoutes(List.of(), List.of(COMPONENT_DOWN));
        RouterFixture f = new RouterFixture(settings, log);
        f.fire("component-down", Map.of("component", "db"));
        f.fire("slow-queries", Map.of("component", "db"));
        f.fire("cache-misses", Map.of("component", "cache"));
        f.advance(Duration.ofSeconds(30));
        assertThat(alerts(log.takeDelivered()))
                .containsExactlyInAnyOrder("component-down/FIRING", "cache-misses/FIRING");

        f.resolve("component-down", Map.of("component", "db"));
        f.advance(Duration.ofMinutes(5)); // the source resolved: its target is news now
        assertThat(alerts(log.takeDelivered()))
                .containsExactlyInAnyOrder("component-down/RESOLVED", "slow-queries/FIRING");
    }

    @Test
    void fired_and_delivered_then_inhibited_then_resolved_still_delivers_the_resolution() {
        RouterSettings settings = RouterSettings.defaults().withRoutes(List.of(), List.of(COMPONENT_DOWN));
        RouterFixture f = new RouterFixture(settings, log);
        f.fire("slow-queries", Map.of("component", "db"));
        f.advance(Duration.ofSeconds(30));
        assertThat(alerts(log.takeDelivered())).containsExactly("slow-queries/FIRING");

        f.fire("component-down", Map.of("component", "db"));
        f.advance(Duration.ofSeconds(30));
        assertThat(alerts(log.takeDelivered())).containsExactly("component-down/FIRING");
        f.resolve("slow-queries", Map.of("component", "db"));
        f.advance(Duration.ofMinutes(5));
        assertThat(alerts(log.takeDelivered())).containsExactly("slow-queries/RESOLVED");
    }

    @Test
    void an_alert_does_not_inhibit_itself() {
        InhibitRule broad = new InhibitRule(
                "any",
                List.of(LabelMatcher.parse("severity=warning")),
                List.of(LabelMatcher.parse("severity=warning")),
                List.of());
        RouterFixture f = new RouterFixture(RouterSettings.defaults().withRoutes(List.of(), List.of(broad)), log);
        f.fire("heap", Map.of());
        f.advance(Duration.ofSeconds(30));
        assertThat(alerts(log.takeDelivered())).containsExactly("heap/FIRING");
    }

    @Test
    void a_rule_in_cooldown_is_not_notified_again_until_the_cooldown_passes() {
        RouterSettings d = RouterSettings.defaults();
        RouterSettings settings = new RouterSettings(
                d.routes(),
                d.inhibitRules(),
                d.defaultChannels(),
                d.groupBy(),
                d.groupWait(),
                d.groupInterval(),
                d.repeatInterval(),
                Duration.ZERO,
                Map.of("heap", Duration.ofMinutes(30)),
                d.retry());
        RouterFixture f = new RouterFixture(settings, log);
        f.fire("heap", Map.of());
        f.advance(Duration.ofSeconds(30));
        assertThat(alerts(log.takeDelivered())).containsExactly("heap/FIRING");
        f.resolve("heap", Map.of());
        f.advance(Duration.ofMinutes(5));
        assertThat(alerts(log.takeDelivered())).containsExactly("heap/RESOLVED");

        f.fire("heap", Map.of()); // flaps back 5.5 minutes after the first notification
        f.advance(Duration.ofMinutes(20));
        assertThat(log.delivered).isEmpty();
        f.advance(Duration.ofMinutes(10)); // past 30 minutes since the first
        assertThat(alerts(log.takeDelivered())).containsExactly("heap/FIRING");
    }
}

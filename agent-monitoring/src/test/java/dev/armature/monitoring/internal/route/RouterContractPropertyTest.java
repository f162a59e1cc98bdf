package dev.armature.monitoring.internal.route;

import static org.assertj.core.api.Assertions.assertThat;

import dev.armature.api.monitoring.LabelMatcher;
import dev.armature.api.monitoring.Notification;
import dev.armature.api.monitoring.NotifiedAlert;
import dev.armature.monitoring.InhibitRule;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The router driven by random sequences of firing, resolving, silencing, failing deliveries,
 * restarts and time: whatever happened, once every alert has resolved and time runs on, every alert
 * a channel was told of as firing has been told of as resolved after it; no notification tells of a
 * firing alert that an active silence mutes; and every retry repeats its notification's
 * idempotency key with the same content.
 */
class RouterContractPropertyTest {
    private static final int ALERTS = 4;

    sealed interface Action permits Fire, Resolve, Silence, Unsilence, Advance, Fail, Restart {}

    record Fire(int alert) implements Action {}

    record Resolve(int alert) implements Action {}

    record Silence(int alert, int minutes) implements Action {}

    record Unsilence() implements Action {}

    record Advance(int seconds) implements Action {}

    record Fail(int attempts) implements Action {}

    record Restart() implements Action {}

    @Provide
    Arbitrary<List<Action>> actions() {
        Arbitrary<Integer> alert = Arbitraries.integers().between(0, ALERTS - 1);
        Arbitrary<Action> action = Arbitraries.oneOf(
                alert.map(Fire::new),
                alert.map(Resolve::new),
                alert.flatMap(a -> Arbitraries.of(1, 10, 120).map(m -> new Silence(a, m))),
                Arbitraries.just(new Unsilence()),
                Arbitraries.of(1, 10, 30, 300, 3600).map(Advance::new),
                Arbitraries.integers().between(1, 12).map(Fail::new),
                Arbitraries.just(new Restart()));
        return action.list().ofMaxSize(30);
    }

    private static Map<String, String> labels(int alert) {
        return Map.of("component", alert % 2 == 0 ? "db" : "web", "instance", "i" + alert);
    }

    private static String rule(int alert) {
        return alert == 0 ? "component-down" : "alert-" + alert;
    }

    @Property(tries = 50) // each try runs hours of virtual time; 50 keep the suite quick
    void every_alert_told_firing_is_told_resolved_and_muted_ones_are_never_told_firing(
            @ForAll("actions") List<Action> actions) {
        RecordingChannel channel = new RecordingChannel("log");
        InhibitRule inhibit = new InhibitRule(
                "down",
                List.of(LabelMatcher.parse("alertname=component-down")),
                List.of(LabelMatcher.parse("alertname!=component-down")),
                List.of("component"));
        RouterSettings d = RouterSettings.defaults();
        RouterSettings settings = new RouterSettings(
                d.routes(),
                List.of(inhibit),
                d.defaultChannels(),
                d.groupBy(),
                d.groupWait(),
                d.groupInterval(),
                d.repeatInterval(),
                Duration.ZERO,
                Map.of("alert-3", Duration.ofMinutes(20)),
                RouterFixture.retry());
        RouterFixture f = new RouterFixture(settings, channel);
        boolean[] firing = new boolean[ALERTS];
        List<dev.armature.api.monitoring.Silence> silences = new ArrayList<>();
        Map<String, Instant> expiredEarly = new HashMap<>();
        for (Action a : actions) {
            if (a instanceof Fire x && !firing[x.alert()]) {
                f.fire(rule(x.alert()), labels(x.alert()));
                firing[x.alert()] = true;
            } else if (a instanceof Resolve x && firing[x.alert()]) {
                f.resolve(rule(x.alert()), labels(x.alert()));
                firing[x.alert()] = false;
            } else if (a instanceof Silence x) {
                silences.add(f.silences.add(
                        List.of(LabelMatcher.equal("instance", "i" + x.alert())),
                        f.time.now(),
                        f.time.now().plus(Duration.ofMinutes(x.minutes())),
                        "property",
                        "random"));
            } else if (a instanceof Unsilence) {
                for (var s : silences) {
                    if (f.silences.expire(s.id())) {
                        expiredEarly.put(s.id(), f.time.now());
                    }
                }
            } else if (a instanceof Advance x) {
                f.advance(Duration.ofSeconds(x.seconds()));
            } else if (a instanceof Fail x) {
                channel.failNext(x.attempts());
            } else if (a instanceof Restart) {
                f.restart();
            }
        }
        for (int i = 0; i < ALERTS; i++) {
            if (firing[i]) {
                f.resolve(rule(i), labels(i));
            }
        }
        channel.failNext(0);
        for (int i = 0; i < 12; i++) {
            f.advance(Duration.ofMinutes(5));
        }

        Map<String, Notification.Status> last = new HashMap<>();
        for (Notification n : channel.delivered) {
            for (NotifiedAlert alert : n.alerts()) {
                last.put(alert.fingerprint(), alert.status());
                if (alert.status() == Notification.Status.FIRING) {
                    Instant at = n.createdAt();
                    assertThat(silences)
                            .as("no active silence mutes %s at %s", alert.labels(), at)
                            .noneMatch(s -> s.startsAt().isBefore(at) // one added at the same instant may come after
                                    && s.activeAt(at)
                                    && at.isBefore(expiredEarly.getOrDefault(s.id(), s.endsAt()))
                                    && s.matches(alert.labels()));
                }
            }
        }
        assertThat(last).as("the last word on every alert told of").allSatisfy((fp, status) -> assertThat(status)
                .isEqualTo(Notification.Status.RESOLVED));
        Map<String, Notification> byKey = new HashMap<>();
        for (Notification n : channel.attempts) {
            Notification before = byKey.putIfAbsent(n.idempotencyKey(), n);
            assertThat(before == null || before.equals(n))
                    .as("one key, one content")
                    .isTrue();
        }
        assertThat(f.router.groupKeys()).isEmpty();
    }
}

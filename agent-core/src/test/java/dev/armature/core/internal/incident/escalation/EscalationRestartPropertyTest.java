package dev.armature.core.internal.incident.escalation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.armature.api.incident.EscalationPolicy;
import dev.armature.core.time.ManualTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * Any policy, restarted at any minute from the position it reported last, notifies and records
 * exactly what it would have without the restart; and nothing is notified after an acknowledgement.
 */
class EscalationRestartPropertyTest {
    private static final Duration HORIZON = Duration.ofHours(4);

    /** What one incident's escalation did: its timeline, notifications and resolutions. */
    private record Outcome(List<String> timeline, List<String> notifications, List<String> resolutions) {}

    private static Outcome run(EscalationPolicy policy, int restartAtMinute, int ackAtMinute) {
        ManualTime time = ManualTime.create();
        FakeHooks hooks = new FakeHooks(time::now);
        EscalationEngine engine = new EscalationEngine(hooks, time, time);
        List<EscalationPosition> positions = new ArrayList<>();
        hooks.signal("I1");
        EscalationRun run = engine.start("I1", policy, time.now(), positions::add);
        for (int minute = 0; minute <= HORIZON.toMinutes(); minute++) {
            time.advance(Duration.ofMinutes(minute).minus(time.elapsed()));
            if (minute == ackAtMinute) {
                run.cancel();
            }
            if (minute == restartAtMinute && !run.closed()) {
                EscalationPosition saved =
                        positions.isEmpty() ? EscalationPosition.START : positions.get(positions.size() - 1);
                assertThat(saved).isEqualTo(run.position());
                boolean acknowledged = minute >= ackAtMinute;
                run.close();
                run = engine.resume("I1", policy, saved, acknowledged, positions::add);
            }
        }
        synchronized (hooks) {
            return new Outcome(
                    hooks.timeline(),
                    hooks.notifications(),
                    hooks.resolutions.stream().map(FakeHooks.Done::toString).toList());
        }
    }

    @Property(tries = 100)
    void a_restart_at_any_minute_changes_nothing(
            @ForAll("policies") EscalationPolicy policy,
            @ForAll @IntRange(min = 0, max = 240) int restartAt,
            @ForAll @IntRange(min = 0, max = 300) int ackAt) {
        Outcome uninterrupted = run(policy, -1, ackAt);
        Outcome restarted = run(policy, restartAt, ackAt);

        assertThat(restarted).isEqualTo(uninterrupted);
    }

    @Property(tries = 100)
    void nothing_is_notified_after_an_acknowledgement(
            @ForAll("policies") EscalationPolicy policy, @ForAll @IntRange(min = 0, max = 240) int ackAt) {
        Outcome outcome = run(policy, -1, ackAt);
        String ack = ManualTime.DEFAULT_START.plus(Duration.ofMinutes(ackAt)).toString();

        assertThat(outcome.notifications())
                .allSatisfy(n -> assertThat(n.substring(0, ack.length())).isLessThanOrEqualTo(ack));
    }

    @Provide
    Arbitrary<EscalationPolicy> policies() {
        Arbitrary<String> step = Arbitraries.oneOf(
                Arbitraries.integers().between(1, 30).map(m -> "wait " + m + "m"),
                Arbitraries.of("notify x", "notify x,y", "notify-next-each-time x,y,z", "notify-if 2 in 5m z"));
        Arbitrary<List<String>> body = step.list().ofMinSize(1).ofMaxSize(6);
        // Quiet times end on a half minute, so that the rule never falls due at the instant a step does.
        Arbitrary<String> quiet = Arbitraries.integers()
                .between(1, 120)
                .map(m -> "auto-resolve-after-quiet " + (m * 60 + 30) + "s")
                .injectNull(0.3);
        Arbitrary<String> repeat =
                Arbitraries.integers().between(1, 3).map(n -> "repeat " + n).injectNull(0.4);
        return Combinators.combine(body, repeat, quiet).as((lines, r, q) -> {
            List<String> all = new ArrayList<>(lines);
            if (r != null) {
                all.add("wait 7m");
                all.add(r);
            }
            if (q != null) {
                all.add(q);
            }
            return EscalationPolicy.parse("p", all);
        });
    }
}

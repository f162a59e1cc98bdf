package dev.armature.core.internal.incident.escalation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.armature.api.incident.EscalationPolicy;
import dev.armature.core.time.ManualTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Escalation on virtual time: the exact timeline, acknowledgement, restart, rotation and the quiet rule. */
class EscalationRunTest {
    private static final EscalationPolicy ON_CALL = EscalationPolicy.parse(
            "on-call",
            List.of(
                    "notify a",
                    "wait 5m",
                    "notify-next-each-time b,c",
                    "wait 10m",
                    "notify-if 3 in 10m d",
                    "repeat 1",
                    "auto-resolve-after-quiet 30m"));

    private final ManualTime time = ManualTime.create();
    private final FakeHooks hooks = new FakeHooks(time::now);
    private final EscalationEngine engine = new EscalationEngine(hooks, time, time);
    private final List<EscalationPosition> positions = new ArrayList<>();

    /** Moves virtual time to {@code minutes} after the start, running what falls due. */
    private void at(long minutes) {
        Duration target = Duration.ofMinutes(minutes);
        assertThat(time.elapsed()).isLessThanOrEqualTo(target);
        time.advance(target.minus(time.elapsed()));
    }

    private static String t(long minutes) {
        return ManualTime.DEFAULT_START.plus(Duration.ofMinutes(minutes)).toString();
    }

    private EscalationRun open(String incident, EscalationPolicy policy) {
        hooks.signal(incident);
        return engine.start(incident, policy, time.now(), positions::add);
    }

    @Test
    void the_policy_runs_on_virtual_time_exactly_and_resolves_after_the_quiet_time() {
        open("I1", ON_CALL);
        at(12);
        hooks.signal("I1");
        at(14);
        hooks.signal("I1");
        at(21);
        hooks.signal("I1");
        at(25);
        hooks.signal("I1");
        at(29);
        hooks.signal("I1");
        at(120);

        assertThat(hooks.timeline())
                .containsExactly(
                        t(0) + " I1 escalation step 1 (notify a): notified a",
                        t(0) + " I1 escalation step 2 (wait 5m): waiting until " + t(5),
                        t(5) + " I1 escalation step 3 (notify-next-each-time b,c): notified b",
                        t(5) + " I1 escalation step 4 (wait 10m): waiting until " + t(15),
                        t(15) + " I1 escalation step 5 (notify-if 3 in 10m d): skipped, 2 signals in the last 10m,"
                                + " fewer than 3",
                        t(15) + " I1 escalation step 6 (repeat 1): starting again from step 1, repeat 1 of 1",
                        t(15) + " I1 escalation step 1 (notify a): notified a",
                        t(15) + " I1 escalation step 2 (wait 5m): waiting until " + t(20),
                        t(20) + " I1 escalation step 3 (notify-next-each-time b,c): notified c",
                        t(20) + " I1 escalation step 4 (wait 10m): waiting until " + t(30),
                        t(30) + " I1 escalation step 5 (notify-if 3 in 10m d): notified d, 3 signals in the last 10m",
                        t(30) + " I1 escalation step 6 (repeat 1): no repeat left, escalation ended",
                        t(59) + " I1 escalation rule (auto-resolve-after-quiet 30m): no signal for 30m and the source"
                                + " no longer fails; resolving");
        assertThat(hooks.notifications())
                .containsExactly(t(0) + " I1 a", t(5) + " I1 b", t(15) + " I1 a", t(20) + " I1 c", t(30) + " I1 d");
        assertThat(hooks.resolutions).extracting(FakeHooks.Done::at).containsExactly(Instant.parse(t(59)));
        assertThat(hooks.details.get(4))
                .containsEntry("policy", "on-call")
                .containsEntry("step", "5")
                .containsEntry("stepText", "notify-if 3 in 10m d")
                .containsEntry("targets", "d")
                .containsEntry("skipped", "true")
                .containsEntry("signals", "2");
        assertThat(positions).last().isEqualTo(new EscalationPosition(6, 1, Optional.empty()));
        assertThat(time.pendingTasks()).isZero();
    }

    @Test
    void acknowledgement_stops_further_steps_but_the_quiet_rule_still_resolves() {
        EscalationRun run = open("I1", ON_CALL);
        at(7);
        run.cancel();
        at(200);

        assertThat(hooks.notifications()).containsExactly(t(0) + " I1 a", t(5) + " I1 b");
        assertThat(hooks.timeline()).hasSize(5).last().asString().endsWith("resolving");
        assertThat(hooks.resolutions).extracting(FakeHooks.Done::at).containsExactly(Instant.parse(t(30)));
        assertThat(run.escalating()).isFalse();
        assertThat(run.closed()).isTrue();
    }

    @Test
    void a_run_that_gets_going_late_counts_its_first_wait_from_the_opening() {
        EscalationPolicy waitFirst = EscalationPolicy.parse("wait-first", List.of("wait 5m", "notify a"));
        hooks.signal("I1");
        Instant openedAt = time.now();
        at(2); // the thread that starts the policy was busy (a slow notification, say)
        engine.start("I1", waitFirst, openedAt, positions::add);
        at(4);
        assertThat(hooks.notifications()).isEmpty();
        at(5);

        assertThat(hooks.timeline())
                .containsExactly(
                        t(2) + " I1 escalation step 1 (wait 5m): waiting until " + t(5),
                        t(5) + " I1 escalation step 2 (notify a): notified a");
        assertThat(hooks.notifications()).containsExactly(t(5) + " I1 a");

        EscalationRun late = engine.start("I2", waitFirst, openedAt, positions::add);
        at(6); // a first wait already over when the run starts ends at once
        assertThat(hooks.notifications()).containsExactly(t(5) + " I1 a", t(5) + " I2 a");
        assertThat(late.escalating()).isFalse();
    }

    @Test
    void an_acknowledgement_from_inside_a_hook_stops_the_next_step() {
        EscalationRun[] run = new EscalationRun[1];
        EscalationHooks acking = new DelegatingHooks(hooks) {
            @Override
            public void notify(String incidentId, List<String> channels, String reason) {
                super.notify(incidentId, channels, reason);
                run[0].cancel();
            }
        };
        hooks.signal("I1");
        run[0] = new EscalationEngine(acking, time, time).start("I1", ON_CALL, time.now(), positions::add);
        at(100);

        assertThat(hooks.notifications()).containsExactly(t(0) + " I1 a");
        assertThat(hooks.timeline())
                .containsExactly(
                        t(0) + " I1 escalation step 1 (notify a): notified a",
                        t(30)
                                + " I1 escalation rule (auto-resolve-after-quiet 30m): no signal for 30m and the source no"
                                + " longer fails; resolving");
    }

    @Test
    void a_restart_resumes_where_the_run_was_without_notifying_twice() {
        EscalationRun before = open("I1", ON_CALL);
        at(7); // step 3 notified b at 5m; the wait of step 4 began at 5m
        EscalationPosition saved = positions.get(positions.size() - 1);
        before.close(); // the process stops
        assertThat(saved).isEqualTo(new EscalationPosition(3, 0, Optional.of(Instant.parse(t(5)))));
        at(9); // down for two minutes

        engine.resume("I1", ON_CALL, saved, false, positions::add);
        at(16);

        assertThat(hooks.notifications()).containsExactly(t(0) + " I1 a", t(5) + " I1 b", t(15) + " I1 a");
        assertThat(hooks.timeline())
                .filteredOn(line -> line.contains("step 5") || line.contains("step 6"))
                .containsExactly(
                        t(15) + " I1 escalation step 5 (notify-if 3 in 10m d): skipped, 0 signals in the last 10m,"
                                + " fewer than 3",
                        t(15) + " I1 escalation step 6 (repeat 1): starting again from step 1, repeat 1 of 1");
    }

    @Test
    void a_wait_that_ended_while_the_system_was_down_ends_at_once_on_resume() {
        EscalationRun before = open("I1", ON_CALL);
        at(1);
        EscalationPosition saved = before.position();
        before.close();
        at(8); // the wait of step 2 ended at 5m, while down

        engine.resume("I1", ON_CALL, saved, false, positions::add);
        at(8);

        assertThat(hooks.notifications()).containsExactly(t(0) + " I1 a", t(8) + " I1 b");
        assertThat(hooks.timeline())
                .last()
                .isEqualTo(t(8) + " I1 escalation step 4 (wait 10m): waiting until " + t(18));
    }

    @Test
    void a_resumed_acknowledged_incident_runs_no_step_but_may_still_resolve() {
        EscalationRun before = open("I1", ON_CALL);
        at(1);
        before.close();

        engine.resume("I1", ON_CALL, before.position(), true, positions::add);
        at(60);

        assertThat(hooks.notifications()).containsExactly(t(0) + " I1 a");
        assertThat(hooks.resolutions).extracting(FakeHooks.Done::at).containsExactly(Instant.parse(t(30)));
    }

    @Test
    void a_position_that_does_not_fit_the_policy_is_refused() {
        assertThatThrownBy(() -> engine.resume(
                        "I1", ON_CALL, new EscalationPosition(0, 0, Optional.of(Instant.EPOCH)), false, p -> {}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("does not fit policy on-call");
        assertThatThrownBy(() ->
                        engine.resume("I1", ON_CALL, new EscalationPosition(7, 0, Optional.empty()), false, p -> {}))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void the_rotation_is_shared_by_every_incident_of_the_policy() {
        EscalationPolicy rota = EscalationPolicy.parse("rota", List.of("notify-next-each-time x,y,z"));
        open("I1", rota);
        at(1);
        open("I2", rota);
        at(2);
        open("I3", rota);
        open("I4", rota);
        at(3);

        assertThat(hooks.notifications())
                .containsExactly(t(0) + " I1 x", t(1) + " I2 y", t(2) + " I3 z", t(2) + " I4 x");
        assertThat(hooks.details).extracting(d -> d.get("rotation")).containsExactly("0", "1", "2", "3");
    }

    @Test
    void the_quiet_rule_waits_while_the_source_fails_and_resolves_once_it_stops() {
        EscalationPolicy quiet = EscalationPolicy.parse("quiet", List.of("auto-resolve-after-quiet 10m"));
        EscalationRun run = open("I1", quiet);
        hooks.failing("I1", true);
        at(45);
        assertThat(hooks.resolutions).isEmpty();
        assertThat(hooks.timeline())
                .containsExactly(t(10) + " I1 escalation rule (auto-resolve-after-quiet 10m): quiet, but the source"
                        + " still fails; not resolving");

        hooks.failing("I1", false);
        run.sourceChanged();
        at(45);

        assertThat(hooks.resolutions).extracting(FakeHooks.Done::at).containsExactly(Instant.parse(t(45)));
        assertThat(run.closed()).isTrue();
        assertThat(time.pendingTasks()).isZero();
    }

    @Test
    void without_a_nudge_a_failing_source_is_looked_at_again_after_each_quiet_time() {
        EscalationPolicy quiet = EscalationPolicy.parse("quiet", List.of("auto-resolve-after-quiet 10m"));
        open("I1", quiet);
        hooks.failing("I1", true);
        at(25);
        hooks.failing("I1", false);
        at(29);
        assertThat(hooks.resolutions).isEmpty();
        at(30);

        assertThat(hooks.resolutions).extracting(FakeHooks.Done::at).containsExactly(Instant.parse(t(30)));
    }

    @Test
    void signals_push_the_quiet_resolution_back() {
        EscalationPolicy quiet = EscalationPolicy.parse("quiet", List.of("auto-resolve-after-quiet 10m"));
        open("I1", quiet);
        at(9);
        hooks.signal("I1");
        at(18);
        assertThat(hooks.resolutions).isEmpty();
        at(19);

        assertThat(hooks.resolutions).extracting(FakeHooks.Done::at).containsExactly(Instant.parse(t(19)));
    }

    @Test
    void close_stops_everything() {
        EscalationRun run = open("I1", ON_CALL);
        at(0);
        run.close();
        run.sourceChanged();
        at(500);

        assertThat(hooks.notifications()).containsExactly(t(0) + " I1 a");
        assertThat(hooks.resolutions).isEmpty();
        assertThat(time.pendingTasks()).isZero();
    }

    @Test
    void a_failing_hook_does_not_stop_the_escalation() {
        EscalationHooks broken = new DelegatingHooks(hooks) {
            @Override
            public void notify(String incidentId, List<String> channels, String reason) {
                super.notify(incidentId, channels, reason);
                throw new IllegalStateException("router down");
            }
        };
        hooks.signal("I1");
        new EscalationEngine(broken, time, time).start("I1", ON_CALL, time.now(), positions::add);
        at(5);

        assertThat(hooks.notifications()).containsExactly(t(0) + " I1 a", t(5) + " I1 b");
        assertThat(hooks.timeline()).hasSize(4);
    }
}

package dev.armature.monitoring.internal.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.armature.api.monitoring.AlertState;
import dev.armature.monitoring.internal.alert.AlertStateMachine.NoData;
import dev.armature.monitoring.internal.alert.AlertStateMachine.Reading;
import dev.armature.monitoring.internal.alert.AlertStateMachine.Settings;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The alert state machine's rules, one example each: heap usage that fires above 80% and resolves below 70%. */
class AlertStateMachineTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    /** A heap reading: above 80 breaches, below 70 resolves, the band between does neither. */
    private static Reading heap(double percent) {
        return new Reading(percent, percent > 80, percent < 70);
    }

    /** Evaluates the readings one minute apart and returns the state after each. */
    private static List<AlertState> run(AlertStateMachine m, Reading... readings) {
        List<AlertState> states = new ArrayList<>();
        for (int i = 0; i < readings.length; i++) {
            var unused = m.evaluate(T0.plus(Duration.ofMinutes(i)), readings[i]);
            states.add(m.state());
        }
        return states;
    }

    @Test
    void it_fires_after_for_and_a_value_between_the_thresholds_keeps_it_firing() {
        AlertStateMachine m =
                AlertStateMachine.create(new Settings(Duration.ofMinutes(2), Duration.ZERO, 1, 1, NoData.KEEP_STATE));
        assertThat(run(m, heap(85), heap(86), heap(90), heap(75), heap(79), heap(65), heap(60)))
                .containsExactly(
                        AlertState.PENDING,
                        AlertState.PENDING,
                        AlertState.FIRING,
                        AlertState.FIRING,
                        AlertState.FIRING,
                        AlertState.RESOLVED,
                        AlertState.INACTIVE);
        assertThat(m.firedAt()).isEmpty();
    }

    @Test
    void keep_firing_for_needs_the_resolve_condition_throughout() {
        AlertStateMachine m =
                AlertStateMachine.create(new Settings(Duration.ZERO, Duration.ofMinutes(2), 1, 1, NoData.KEEP_STATE));
        assertThat(run(m, heap(90), heap(60), heap(60), heap(75), heap(60), heap(60), heap(60)))
                .containsExactly(
                        AlertState.FIRING,
                        AlertState.FIRING,
                        AlertState.FIRING,
                        AlertState.FIRING, // the streak broke
                        AlertState.FIRING,
                        AlertState.FIRING,
                        AlertState.RESOLVED);
    }

    @Test
    void debounce_needs_m_of_the_last_n_evaluations() {
        AlertStateMachine m =
                AlertStateMachine.create(new Settings(Duration.ZERO, Duration.ZERO, 2, 3, NoData.KEEP_STATE));
        assertThat(run(m, heap(90), heap(50), heap(50), heap(90), heap(50), heap(90)))
                .containsExactly(
                        AlertState.INACTIVE,
                        AlertState.INACTIVE,
                        AlertState.INACTIVE,
                        AlertState.INACTIVE,
                        AlertState.INACTIVE,
                        AlertState.FIRING); // 90, 50, 90: two of three
    }

    @Test
    void missing_data_is_not_recovery_unless_the_rule_says_so() {
        Settings keep = new Settings(Duration.ZERO, Duration.ZERO, 1, 1, NoData.KEEP_STATE);
        assertThat(run(AlertStateMachine.create(keep), heap(90), Reading.NO_DATA, Reading.NO_DATA))
                .containsExactly(AlertState.FIRING, AlertState.FIRING, AlertState.FIRING);
        Settings ok = new Settings(Duration.ZERO, Duration.ZERO, 1, 1, NoData.OK);
        assertThat(run(AlertStateMachine.create(ok), heap(90), Reading.NO_DATA))
                .containsExactly(AlertState.FIRING, AlertState.RESOLVED);
        Settings alerting = new Settings(Duration.ZERO, Duration.ZERO, 1, 1, NoData.ALERTING);
        assertThat(run(AlertStateMachine.create(alerting), Reading.NO_DATA)).containsExactly(AlertState.FIRING);
    }

    @Test
    void a_firing_alert_survives_a_snapshot_and_restore() {
        Settings settings = new Settings(Duration.ofMinutes(1), Duration.ZERO, 1, 1, NoData.KEEP_STATE);
        AlertStateMachine m = AlertStateMachine.create(settings);
        run(m, heap(90), heap(90));
        AlertStateMachine.State saved = m.snapshot();
        assertThat(saved.state()).isEqualTo(AlertState.FIRING);
        assertThat(saved.firedAt()).contains(T0.plus(Duration.ofMinutes(1)));

        AlertStateMachine after = AlertStateMachine.restore(settings, saved);
        assertThat(after.state()).isEqualTo(AlertState.FIRING);
        assertThat(after.evaluate(T0.plus(Duration.ofMinutes(5)), heap(60)))
                .map(AlertStateMachine.Transition::to)
                .isEqualTo(Optional.of(AlertState.RESOLVED));
    }

    @Test
    void bad_settings_and_contradictory_states_are_refused_naming_what_is_wrong() {
        assertThatThrownBy(() -> new Settings(Duration.ofSeconds(-1), Duration.ZERO, 1, 1, NoData.OK))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("must not be negative");
        assertThatThrownBy(() -> new Settings(Duration.ZERO, Duration.ZERO, 4, 3, NoData.OK))
                .hasMessageContaining("1 to 3 breaching evaluations");
        assertThatThrownBy(() -> new Settings(Duration.ZERO, Duration.ZERO, 1, 65, NoData.OK))
                .hasMessageContaining("1 to 64 evaluations");
        assertThatThrownBy(() -> new AlertStateMachine.State(
                        AlertState.FIRING, Optional.of(T0), Optional.empty(), Optional.empty(), 0, 0, 1))
                .hasMessageContaining("FIRING alert needs firedAt");
    }
}

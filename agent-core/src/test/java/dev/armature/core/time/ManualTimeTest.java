package dev.armature.core.time;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import dev.armature.api.time.Cancellable;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ManualTimeTest {
    private final ManualTime time = ManualTime.create();
    private final List<String> ran = new ArrayList<>();

    private Runnable record(String name) {
        return () -> ran.add(name + "@" + time.elapsed().toMillis());
    }

    @Test
    void advance_runs_due_tasks_in_due_order_with_the_clock_at_each_due_time() {
        var unused1 = time.schedule(Duration.ofSeconds(3), record("c"));
        var unused2 = time.schedule(Duration.ofSeconds(1), record("a"));
        var unused3 = time.schedule(Duration.ofSeconds(2), record("b"));
        var unused4 = time.schedule(Duration.ofSeconds(10), record("later"));

        time.advance(Duration.ofSeconds(5));

        assertThat(ran).containsExactly("a@1000", "b@2000", "c@3000");
        assertThat(time.elapsed()).isEqualTo(Duration.ofSeconds(5));
        assertThat(time.pendingTasks()).isEqualTo(1);
    }

    @Test
    void tasks_due_at_the_same_time_run_in_the_order_they_were_scheduled() {
        var unused1 = time.schedule(Duration.ofSeconds(1), record("first"));
        var unused2 = time.schedule(Duration.ofSeconds(1), record("second"));
        var unused3 = time.schedule(Duration.ofSeconds(1), record("third"));

        time.advance(Duration.ofSeconds(1));

        assertThat(ran).containsExactly("first@1000", "second@1000", "third@1000");
    }

    @Test
    void a_task_due_exactly_at_the_target_runs_but_one_due_a_nanosecond_later_does_not() {
        var unused1 = time.schedule(Duration.ofMillis(500), record("due"));
        var unused2 = time.schedule(Duration.ofMillis(500).plusNanos(1), record("not-yet"));

        time.advance(Duration.ofMillis(500));

        assertThat(ran).containsExactly("due@500");
        time.advance(Duration.ofNanos(1));
        assertThat(ran).containsExactly("due@500", "not-yet@500");
    }

    @Test
    void tasks_scheduled_by_a_task_run_in_the_same_advance_when_they_fall_due_within_it() {
        var unused = time.schedule(Duration.ofSeconds(1), () -> {
            record("outer").run();
            var unusedInner = time.schedule(Duration.ofSeconds(1), record("inner"));
            var unusedBeyond = time.schedule(Duration.ofSeconds(10), record("beyond"));
        });

        time.advance(Duration.ofSeconds(3));

        assertThat(ran).containsExactly("outer@1000", "inner@2000");
    }

    @Test
    void periodic_tasks_repeat_at_their_period_from_the_initial_delay() {
        var unused = time.scheduleAtFixedRate(Duration.ofSeconds(1), Duration.ofSeconds(2), record("tick"));

        time.advance(Duration.ofSeconds(6));

        assertThat(ran).containsExactly("tick@1000", "tick@3000", "tick@5000");
        assertThat(time.pendingTasks()).isEqualTo(1);
    }

    @Test
    void a_cancelled_task_never_runs_and_a_second_cancel_reports_nothing_to_cancel() {
        Cancellable task = time.schedule(Duration.ofSeconds(1), record("cancelled"));

        assertThat(task.cancel()).isTrue();
        assertThat(task.cancel()).isFalse();
        time.advance(Duration.ofSeconds(2));

        assertThat(ran).isEmpty();
        assertThat(time.pendingTasks()).isZero();
    }

    @Test
    void cancelling_a_periodic_task_stops_its_further_runs() {
        Cancellable tick = time.scheduleAtFixedRate(Duration.ofSeconds(1), Duration.ofSeconds(1), record("tick"));
        time.advance(Duration.ofSeconds(2));

        assertThat(tick.cancel()).isTrue();
        time.advance(Duration.ofSeconds(5));

        assertThat(ran).containsExactly("tick@1000", "tick@2000");
    }

    @Test
    void a_periodic_task_may_cancel_itself_while_it_runs() {
        List<Cancellable> self = new ArrayList<>();
        self.add(time.scheduleAtFixedRate(Duration.ofSeconds(1), Duration.ofSeconds(1), () -> {
            record("once").run();
            self.get(0).cancel();
        }));

        time.advance(Duration.ofSeconds(5));

        assertThat(ran).containsExactly("once@1000");
    }

    @Test
    void a_task_that_has_run_can_no_longer_be_cancelled() {
        Cancellable task = time.schedule(Duration.ofSeconds(1), record("ran"));
        time.advance(Duration.ofSeconds(1));

        assertThat(task.cancel()).isFalse();
        assertThat(ran).containsExactly("ran@1000");
    }

    @Test
    void zero_and_negative_delays_run_on_the_next_advance_even_by_zero() {
        var unused1 = time.schedule(Duration.ZERO, record("zero"));
        var unused2 = time.schedule(Duration.ofSeconds(-1), record("negative"));

        assertThat(ran).isEmpty();
        time.advance(Duration.ZERO);

        assertThat(ran).containsExactly("zero@0", "negative@0");
        assertThat(time.elapsed()).isEqualTo(Duration.ZERO);
    }

    @Test
    void a_throwing_task_does_not_stop_the_others_and_a_periodic_one_keeps_its_schedule() {
        var unused1 = time.schedule(Duration.ofSeconds(1), () -> {
            throw new IllegalStateException("boom");
        });
        var unused2 = time.scheduleAtFixedRate(Duration.ofSeconds(1), Duration.ofSeconds(1), () -> {
            record("periodic").run();
            throw new IllegalStateException("periodic boom");
        });
        var unused3 = time.schedule(Duration.ofMillis(2500), record("after"));

        time.advance(Duration.ofSeconds(3));

        assertThat(ran).containsExactly("periodic@1000", "periodic@2000", "after@2500", "periodic@3000");
    }

    @Test
    void wall_and_monotonic_time_move_together() {
        ManualTime t = ManualTime.startingAt(Instant.parse("2030-05-06T07:08:09Z"));
        long nanos0 = t.nanoTime();

        t.advance(Duration.ofMillis(1500));

        assertThat(t.now()).isEqualTo(Instant.parse("2030-05-06T07:08:10.500Z"));
        assertThat(t.nanoTime() - nanos0).isEqualTo(Duration.ofMillis(1500).toNanos());
        assertThat(t.elapsed()).isEqualTo(Duration.ofMillis(1500));
    }

    @Test
    void a_task_sees_wall_and_monotonic_time_at_its_due_time() {
        List<Instant> walls = new ArrayList<>();
        List<Long> monos = new ArrayList<>();
        var unused = time.schedule(Duration.ofMillis(250), () -> {
            walls.add(time.now());
            monos.add(time.nanoTime());
        });

        time.advance(Duration.ofSeconds(1));

        assertThat(walls).containsExactly(ManualTime.DEFAULT_START.plusMillis(250));
        assertThat(monos).containsExactly(Duration.ofMillis(250).toNanos());
        assertThat(time.now()).isEqualTo(ManualTime.DEFAULT_START.plusSeconds(1));
    }

    @Test
    void time_never_moves_backwards() {
        assertThatIllegalArgumentException().isThrownBy(() -> time.advance(Duration.ofNanos(-1)));
        assertThat(time.elapsed()).isEqualTo(Duration.ZERO);
    }
}

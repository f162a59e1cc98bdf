package dev.armature.monitoring.internal.alert;

import static org.assertj.core.api.Assertions.assertThat;

import dev.armature.api.monitoring.AlertState;
import dev.armature.core.time.ManualTime;
import dev.armature.monitoring.internal.alert.AlertStateMachine.NoData;
import dev.armature.monitoring.internal.alert.AlertStateMachine.Reading;
import dev.armature.monitoring.internal.alert.AlertStateMachine.Settings;
import dev.armature.monitoring.internal.alert.AlertStateMachine.Transition;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * The alert state machine driven on {@link ManualTime} by random readings at random intervals, under
 * random settings: only legal transitions, fires only after {@code for}, resolves only after the
 * resolve condition held throughout {@code keepFiringFor}, debounce respected, missing data never
 * a change under KEEP_STATE, and a machine restored from any snapshot behaves exactly as the original.
 */
class AlertStateMachinePropertyTest {
    /** What one evaluation reads: a breach (above 80), the band between (70–80), clear (below 70), nothing. */
    enum Kind {
        BREACH,
        BAND,
        CLEAR,
        NO_DATA
    }

    record Step(int secondsLater, Kind kind) {}

    private static final Map<AlertState, Set<AlertState>> LEGAL = Map.of(
            AlertState.INACTIVE, EnumSet.of(AlertState.PENDING, AlertState.FIRING),
            AlertState.PENDING, EnumSet.of(AlertState.INACTIVE, AlertState.FIRING),
            AlertState.FIRING, EnumSet.of(AlertState.RESOLVED),
            AlertState.RESOLVED, EnumSet.of(AlertState.INACTIVE, AlertState.PENDING, AlertState.FIRING));

    private static Reading read(Kind kind) {
        return switch (kind) {
            case BREACH -> new Reading(90, true, false);
            case BAND -> new Reading(75, false, false); // hysteresis: neither fires nor resolves
            case CLEAR -> new Reading(50, false, true);
            case NO_DATA -> Reading.NO_DATA;
        };
    }

    @Provide
    Arbitrary<Settings> settings() {
        Arbitrary<Integer> window = Arbitraries.integers().between(1, 5);
        return Combinators.combine(
                        Arbitraries.integers().between(0, 120),
                        Arbitraries.integers().between(0, 120),
                        window,
                        Arbitraries.integers().between(1, 5),
                        Arbitraries.of(NoData.class))
                .as((forSeconds, keepSeconds, w, hits, noData) -> new Settings(
                        Duration.ofSeconds(forSeconds), Duration.ofSeconds(keepSeconds), Math.min(hits, w), w, noData));
    }

    @Provide
    Arbitrary<List<Step>> steps() {
        return Combinators.combine(Arbitraries.integers().between(1, 60), Arbitraries.of(Kind.class))
                .as(Step::new)
                .list()
                .ofMaxSize(60);
    }

    @Property(tries = 500)
    void the_machine_keeps_its_rules(
            @ForAll("settings") Settings settings,
            @ForAll("steps") List<Step> steps,
            @ForAll @IntRange(min = 0, max = 60) int restoreAt) {
        ManualTime time = ManualTime.create();
        AlertStateMachine machine = AlertStateMachine.create(settings);
        AlertStateMachine restored = null;
        Deque<Boolean> window = new ArrayDeque<>(); // the breaches of evaluations that counted
        Instant activeSince = null;
        Instant resolveStreakSince = null;
        for (int i = 0; i < steps.size(); i++) {
            if (i == restoreAt) {
                restored = AlertStateMachine.restore(settings, machine.snapshot());
            }
            Step step = steps.get(i);
            time.advance(Duration.ofSeconds(step.secondsLater()));
            Instant now = time.now();
            AlertState before = machine.state();
            Reading reading = read(step.kind());
            Optional<Transition> t = machine.evaluate(now, reading);
            if (restored != null) {
                assertThat(restored.evaluate(now, reading))
                        .as("the restored machine at step %d", i)
                        .isEqualTo(t);
            }

            boolean noData = step.kind() == Kind.NO_DATA;
            if (noData && settings.noData() == NoData.KEEP_STATE) {
                assertThat(t).as("missing data changes nothing").isEmpty();
                continue;
            }
            boolean breached = step.kind() == Kind.BREACH || (noData && settings.noData() == NoData.ALERTING);
            boolean resolves = step.kind() == Kind.CLEAR || (noData && settings.noData() == NoData.OK);
            window.addLast(breached);
            if (window.size() > settings.debounceWindow()) {
                window.removeFirst();
            }
            long hits = window.stream().filter(b -> b).count();
            resolveStreakSince = before == AlertState.FIRING && resolves
                    ? (resolveStreakSince == null ? now : resolveStreakSince)
                    : null;

            AlertState after = machine.state();
            if (t.isEmpty()) {
                assertThat(after).isEqualTo(before);
            } else {
                assertThat(t.get().from()).isEqualTo(before);
                assertThat(t.get().to()).isEqualTo(after);
                assertThat(LEGAL.get(before)).as("%s → %s", before, after).contains(after);
            }
            if ((before == AlertState.INACTIVE || before == AlertState.RESOLVED)
                    && (after == AlertState.PENDING || after == AlertState.FIRING)) {
                assertThat(hits).as("the debounce's breaches").isGreaterThanOrEqualTo(settings.debounceHits());
                activeSince = now;
            }
            if (before != AlertState.FIRING && after == AlertState.FIRING) {
                assertThat(Duration.between(activeSince, now))
                        .as("fired only after for")
                        .isGreaterThanOrEqualTo(settings.forDuration());
            }
            if (before == AlertState.PENDING && after == AlertState.PENDING) {
                assertThat(Duration.between(activeSince, now)).isLessThan(settings.forDuration());
            }
            if (after == AlertState.RESOLVED) {
                assertThat(resolveStreakSince)
                        .as("resolved only on the resolve condition")
                        .isNotNull();
                assertThat(Duration.between(resolveStreakSince, now))
                        .as("resolved only after keepFiringFor")
                        .isGreaterThanOrEqualTo(settings.keepFiringFor());
                resolveStreakSince = null;
            }
            if (before == AlertState.FIRING && after == AlertState.FIRING && resolveStreakSince != null) {
                assertThat(Duration.between(resolveStreakSince, now)).isLessThan(settings.keepFiringFor());
            }
            if (step.kind() == Kind.BAND && before == AlertState.FIRING) {
                assertThat(after).as("the band between keeps it firing").isEqualTo(AlertState.FIRING);
            }
        }
    }
}

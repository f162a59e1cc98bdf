package dev.armature.monitoring.internal.health;

import static java.util.Objects.requireNonNull;

import dev.armature.api.health.CheckHistory;
import dev.armature.api.health.CheckReport;
import dev.armature.api.health.CheckResult;
import dev.armature.api.health.CheckSpec;
import dev.armature.api.health.HealthStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import org.jspecify.annotations.Nullable;

/**
 * Internal: one check's results, its status after hysteresis, flapping and history. Not
 * thread-safe: the engine calls it under its lock.
 *
 * <p>Hysteresis: the first result decides at once; after it, a DOWN result turns the check DOWN
 * only as the {@code failureThreshold}-th in a row, an UP result turns a check that is not UP back
 * UP only as the {@code successThreshold}-th in a row, DEGRADED and OUT_OF_SERVICE count at once,
 * and UNKNOWN changes nothing. Flapping: at least {@code flapTransitions} changes of the raw status
 * between consecutive results among the latest {@code flapWindow} results.
 */
final class CheckTracker {
    /** How flapping is detected and how much history is kept. */
    record Settings(int historySize, int flapWindow, int flapTransitions) {
        static final Settings DEFAULTS = new Settings(100, 10, 4);

        Settings {
            if (historySize < 1 || flapWindow < 2 || flapTransitions < 1) {
                throw new IllegalArgumentException("history size at least 1, flapping window at least 2 and"
                        + " flapping transitions at least 1, were " + historySize + ", " + flapWindow + ", "
                        + flapTransitions);
            }
        }
    }

    /** A result with the status after hysteresis that followed it. */
    private record Entry(CheckResult result, HealthStatus after) {}

    private final CheckSpec spec;
    private final Settings settings;
    private final ArrayDeque<Entry> entries = new ArrayDeque<>();
    private final ArrayDeque<CheckHistory.Transition> transitions = new ArrayDeque<>();
    private HealthStatus status = HealthStatus.UNKNOWN;
    private @Nullable Instant since;
    private int consecutiveDown;
    private int consecutiveUp;
    private boolean flapping;

    CheckTracker(CheckSpec spec, Settings settings) {
        this.spec = requireNonNull(spec, "spec");
        this.settings = requireNonNull(settings, "settings");
    }

    CheckSpec spec() {
        return spec;
    }

    HealthStatus status() {
        return status;
    }

    boolean flapping() {
        return flapping;
    }

    /** The time until the next run: the interval while UP or not known, the unhealthy one otherwise. */
    Duration currentInterval() {
        return intervalFor(spec, status);
    }

    static Duration intervalFor(CheckSpec spec, HealthStatus status) {
        return status == HealthStatus.UP || status == HealthStatus.UNKNOWN ? spec.interval() : spec.unhealthyInterval();
    }

    /**
     * Records a result.
     *
     * @return the transition it caused, if any
     */
    Optional<CheckHistory.Transition> record(CheckResult result) {
        HealthStatus raw = result.status();
        consecutiveDown = raw == HealthStatus.DOWN ? consecutiveDown + 1 : 0;
        consecutiveUp = raw == HealthStatus.UP ? consecutiveUp + 1 : 0;
        HealthStatus next = next(raw);
        Optional<CheckHistory.Transition> transition = Optional.empty();
        if (next != status) {
            transition = Optional.of(new CheckHistory.Transition(status, next, result.at()));
            add(transitions, transition.get());
            status = next;
            since = result.at();
        }
        add(entries, new Entry(result, status));
        flapping = countRawChanges() >= settings.flapTransitions();
        return transition;
    }

    private HealthStatus next(HealthStatus raw) {
        if (raw == HealthStatus.UNKNOWN) {
            return status;
        }
        if (status == HealthStatus.UNKNOWN) {
            return raw;
        }
        return switch (raw) {
            case DOWN -> consecutiveDown >= spec.failureThreshold() ? HealthStatus.DOWN : status;
            case UP -> consecutiveUp >= spec.successThreshold() ? HealthStatus.UP : status;
            case DEGRADED, OUT_OF_SERVICE -> raw;
            case UNKNOWN -> status;
        };
    }

    private int countRawChanges() {
        int window = Math.min(settings.flapWindow(), entries.size());
        int changes = 0;
        @Nullable HealthStatus previous = null;
        Iterator<Entry> latestFirst = entries.descendingIterator();
        for (int i = 0; i < window; i++) {
            HealthStatus s = latestFirst.next().result().status();
            if (previous != null && s != previous) {
                changes++;
            }
            previous = s;
        }
        return changes;
    }

    private <T> void add(ArrayDeque<T> ring, T item) {
        if (ring.size() == settings.historySize()) {
            ring.removeFirst();
        }
        ring.addLast(item);
    }

    /** The results kept, oldest first. */
    List<CheckResult> results() {
        List<CheckResult> results = new ArrayList<>(entries.size());
        entries.forEach(e -> results.add(e.result()));
        return results;
    }

    /** The state to persist. */
    TrackerCodec.State state() {
        List<CheckResult> results = new ArrayList<>(entries.size());
        List<HealthStatus> afters = new ArrayList<>(entries.size());
        for (Entry e : entries) {
            results.add(e.result());
            afters.add(e.after());
        }
        return new TrackerCodec.State(
                status, since, consecutiveDown, consecutiveUp, results, afters, List.copyOf(transitions));
    }

    /** Takes up a persisted state, keeping the latest that fit in this tracker's history size. */
    void restore(TrackerCodec.State state) {
        entries.clear();
        transitions.clear();
        for (int i = 0; i < state.results().size(); i++) {
            add(entries, new Entry(state.results().get(i), state.afters().get(i)));
        }
        state.transitions().forEach(t -> add(transitions, t));
        status = state.status();
        since = state.since();
        consecutiveDown = state.consecutiveDown();
        consecutiveUp = state.consecutiveUp();
        flapping = countRawChanges() >= settings.flapTransitions();
    }

    /** The check's report; {@code stale} is worked out by the engine against its clock. */
    CheckReport report() {
        Optional<CheckResult> last = entries.isEmpty()
                ? Optional.empty()
                : Optional.of(entries.getLast().result());
        return new CheckReport(spec, status, last, Optional.ofNullable(since), consecutiveDown, false, flapping);
    }

    /** The check's history, with availability measured up to {@code now}. */
    CheckHistory history(Instant now) {
        return new CheckHistory(spec.name(), results(), List.copyOf(transitions), availability(now), mttr(), mtbf());
    }

    private OptionalDouble availability(Instant now) {
        if (entries.isEmpty()) {
            return OptionalDouble.empty();
        }
        long total = 0;
        long available = 0;
        @Nullable Entry previous = null;
        for (Entry e : entries) {
            if (previous != null) {
                long span = spanNanos(previous.result().at(), e.result().at());
                total += span;
                available += isAvailable(previous.after()) ? span : 0;
            }
            previous = e;
        }
        Entry last = entries.getLast();
        long tail = spanNanos(last.result().at(), now);
        total += tail;
        available += isAvailable(last.after()) ? tail : 0;
        if (total == 0) {
            return OptionalDouble.of(isAvailable(last.after()) ? 100.0 : 0.0);
        }
        return OptionalDouble.of(100.0 * available / total);
    }

    private static boolean isAvailable(HealthStatus s) {
        return s == HealthStatus.UP || s == HealthStatus.DEGRADED;
    }

    private static long spanNanos(Instant from, Instant to) {
        return Math.max(0, Duration.between(from, to).toNanos());
    }

    private Optional<Duration> mttr() {
        List<Duration> repairs = new ArrayList<>();
        @Nullable Instant downSince = null;
        for (CheckHistory.Transition t : transitions) {
            if (t.to() == HealthStatus.DOWN) {
                downSince = t.at();
            } else if (t.from() == HealthStatus.DOWN && downSince != null) {
                repairs.add(Duration.between(downSince, t.at()));
                downSince = null;
            }
        }
        return mean(repairs);
    }

    private Optional<Duration> mtbf() {
        List<Duration> upTimes = new ArrayList<>();
        @Nullable Instant upSince = null;
        for (CheckHistory.Transition t : transitions) {
            if (t.to() == HealthStatus.DOWN) {
                if (upSince != null) {
                    upTimes.add(Duration.between(upSince, t.at()));
                }
                upSince = null;
            } else if (t.from() == HealthStatus.DOWN || t.from() == HealthStatus.UNKNOWN) {
                upSince = t.at();
            }
        }
        return mean(upTimes);
    }

    private static Optional<Duration> mean(List<Duration> durations) {
        if (durations.isEmpty()) {
            return Optional.empty();
        }
        Duration sum = Duration.ZERO;
        for (Duration d : durations) {
            sum = sum.plus(d);
        }
        return Optional.of(sum.dividedBy(durations.size()));
    }
}

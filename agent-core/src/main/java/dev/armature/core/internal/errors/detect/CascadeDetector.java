package dev.armature.core.internal.errors.detect;

import static java.util.Objects.requireNonNull;

import dev.armature.api.resilience.ErrorFinding;
import dev.armature.api.time.TimeSource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Internal: finds cascades — components that depend on a failed component failing after it, within a
 * window. A component's failure opens an episode; the first evaluation that sees at least one of its
 * (transitive, hard) dependents fail after it, within the window, reports a {@link
 * ErrorFinding.Cascade} naming those dependents in the order they failed. An episode is reported
 * once; the component's next failure after the window opens a new one. Thread-safe.
 */
public final class CascadeDetector {
    private final TimeSource time;
    private final Function<String, ? extends Collection<String>> dependents;
    private final long windowNanos;

    /** Each component's failures, oldest first, kept for one window. */
    private final Map<String, List<Long>> failures = new HashMap<>();

    /** Per component, the start of its episode, and whether it was reported. */
    private final Map<String, Episode> episodes = new HashMap<>();

    private static final class Episode {
        final long startNanos;
        boolean reported;

        Episode(long startNanos) {
            this.startNanos = startNanos;
        }
    }

    /**
     * Creates the detector.
     *
     * @param time the system's time source
     * @param dependents the components that depend on a component, directly or not
     * @param window how long after a failure a dependent's failure counts as part of its cascade
     */
    public CascadeDetector(
            TimeSource time, Function<String, ? extends Collection<String>> dependents, Duration window) {
        this.time = requireNonNull(time, "time");
        this.dependents = requireNonNull(dependents, "dependents");
        if (window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("the cascade window must be positive, was " + window);
        }
        this.windowNanos = window.toNanos();
    }

    /**
     * Notes that a component failed now.
     *
     * @param component the component's name
     */
    public synchronized void observe(String component) {
        long now = time.nanoTime();
        failures.computeIfAbsent(component, c -> new ArrayList<>()).add(now);
        Episode e = episodes.get(component);
        if (e == null || now - e.startNanos > windowNanos) {
            episodes.put(component, new Episode(now));
        }
        prune(now);
    }

    /**
     * Returns the cascades not reported before.
     *
     * @return the new findings, by the failed component's name
     */
    public synchronized List<ErrorFinding.Cascade> evaluate() {
        long now = time.nanoTime();
        List<ErrorFinding.Cascade> found = new ArrayList<>();
        for (var entry : new java.util.TreeMap<>(episodes).entrySet()) {
            Episode e = entry.getValue();
            if (e.reported) {
                continue;
            }
            // The first failure of each dependent after the episode's start, within the window.
            Map<String, Long> failedAfter = new LinkedHashMap<>();
            for (String dependent : dependents.apply(entry.getKey())) {
                for (long t : failures.getOrDefault(dependent, List.of())) {
                    if (t > e.startNanos && t - e.startNanos <= windowNanos) {
                        failedAfter.put(dependent, t);
                        break;
                    }
                }
            }
            if (!failedAfter.isEmpty()) {
                e.reported = true;
                List<Map.Entry<String, Long>> ordered = new ArrayList<>(failedAfter.entrySet());
                ordered.sort(Map.Entry.comparingByValue());
                long last = ordered.get(ordered.size() - 1).getValue();
                found.add(new ErrorFinding.Cascade(
                        entry.getKey(),
                        ordered.stream().map(Map.Entry::getKey).toList(),
                        Duration.ofNanos(last - e.startNanos)));
            }
        }
        prune(now);
        return found;
    }

    /** Drops failures and finished episodes older than a window, so memory follows the components. */
    private void prune(long now) {
        failures.values().forEach(list -> list.removeIf(t -> now - t > 2 * windowNanos));
        failures.values().removeIf(List::isEmpty);
        episodes.values().removeIf(e -> now - e.startNanos > 2 * windowNanos);
    }
}

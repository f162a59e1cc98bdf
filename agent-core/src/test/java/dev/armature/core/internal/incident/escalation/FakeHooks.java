package dev.armature.core.internal.incident.escalation;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The incident manager as an escalation sees it: timelines and notifications kept in lists with the
 * virtual time they happened, signals added by the test, the source's failing switched by the test,
 * rotation counters shared by every incident. Synchronized: a run calls from the scheduler's thread.
 */
final class FakeHooks implements EscalationHooks {
    /** One thing a hook did, at a virtual time. */
    record Done(Instant at, String incident, String what) {
        @Override
        public String toString() {
            return at + " " + incident + " " + what;
        }
    }

    private final Supplier<Instant> now;
    final List<Done> timeline = new ArrayList<>();
    final List<Map<String, String>> details = new ArrayList<>();
    final List<Done> notifications = new ArrayList<>();
    final List<Done> resolutions = new ArrayList<>();
    private final Map<String, List<Instant>> signals = new HashMap<>();
    private final Map<String, Integer> rotations = new HashMap<>();
    private final Map<String, Boolean> failing = new HashMap<>();

    FakeHooks(Supplier<Instant> now) {
        this.now = now;
    }

    /** A signal of the incident now (the first is its opening). */
    synchronized void signal(String incident) {
        signals.computeIfAbsent(incident, k -> new ArrayList<>()).add(now.get());
    }

    synchronized void failing(String incident, boolean failing) {
        this.failing.put(incident, failing);
    }

    synchronized List<String> timeline() {
        return timeline.stream().map(Done::toString).toList();
    }

    synchronized List<String> notifications() {
        return notifications.stream().map(Done::toString).toList();
    }

    @Override
    public synchronized void notify(String incidentId, List<String> channels, String reason) {
        notifications.add(new Done(now.get(), incidentId, String.join(",", channels)));
    }

    @Override
    public synchronized void record(String incidentId, String text, Map<String, String> details) {
        timeline.add(new Done(now.get(), incidentId, text));
        this.details.add(details);
    }

    @Override
    public synchronized long signalsSince(String incidentId, Instant since) {
        return signals.getOrDefault(incidentId, List.of()).stream()
                .filter(at -> !at.isBefore(since))
                .count();
    }

    @Override
    public synchronized Instant lastSignalAt(String incidentId) {
        List<Instant> all = signals.get(incidentId);
        if (all == null || all.isEmpty()) {
            throw new IllegalStateException("no signal of " + incidentId);
        }
        return all.get(all.size() - 1);
    }

    @Override
    public synchronized boolean sourceFailing(String incidentId) {
        return failing.getOrDefault(incidentId, false);
    }

    @Override
    public synchronized void autoResolve(String incidentId, Duration quiet) {
        resolutions.add(new Done(now.get(), incidentId, "resolved after " + quiet));
    }

    @Override
    public synchronized int nextInRotation(String policy, int stepIndex) {
        return rotations.merge(policy + "/" + stepIndex, 1, Integer::sum) - 1;
    }
}

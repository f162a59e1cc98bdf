package dev.armature.core.internal.incident.escalation;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Internal: what an {@link EscalationRun} needs from the incident manager, which implements it. A run
 * calls these from the scheduler's threads, never while holding its own lock, and two runs (or one
 * run's steps and its quiet rule) may call at the same time: implementations must be thread-safe.
 */
public interface EscalationHooks {
    /**
     * Delivers an escalation notification of the incident to these channels (at least once); returns
     * at once.
     */
    void notify(String incidentId, List<String> channels, String reason);

    /** Appends an {@code ESCALATION} entry to the incident's timeline. */
    void record(String incidentId, String text, Map<String, String> details);

    /** The number of signals (its OPENED and SIGNAL timeline entries) of the incident at or after the instant. */
    long signalsSince(String incidentId, Instant since);

    /** When the incident's last signal arrived (its opening, when no further signal came). */
    Instant lastSignalAt(String incidentId);

    /** Whether what opened the incident still fails. */
    boolean sourceFailing(String incidentId);

    /** Resolves the incident as the system because it has been quiet for the given time. */
    void autoResolve(String incidentId, Duration quiet);

    /**
     * Returns the rotation counter of a notify-next-each-time step and advances it; one counter per
     * policy and step (its index from 0), starting at 0 and shared by all incidents of the policy, so
     * that each firing notifies the next target. The manager persists the counters.
     */
    int nextInRotation(String policy, int stepIndex);
}

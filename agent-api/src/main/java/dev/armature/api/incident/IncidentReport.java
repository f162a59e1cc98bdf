package dev.armature.api.incident;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The post-incident report: what happened, how long and how badly, the likely cause, what went well,
 * and what is to be done. Built from the incident's own timeline when it is resolved (or at any time
 * for a draft); its Markdown and JSON forms are described in {@code docs/incidents.md}.
 *
 * @param incidentId the incident's id
 * @param title the incident's title
 * @param key what the incident is about
 * @param severity its severity
 * @param priority its priority
 * @param state its state when the report was built
 * @param generatedAt when the report was built
 * @param summary a paragraph for people
 * @param impact how long and how badly
 * @param timeline every entry of the incident's timeline, in order and unchanged
 * @param suspectedCause the error fingerprints seen during it, most frequent first
 * @param wentWell what went well, each a sentence found by the report's written rules
 * @param actionItems what is to be done, open and closed
 * @since 0.1
 */
public record IncidentReport(
        String incidentId,
        String title,
        IncidentKey key,
        Severity severity,
        Priority priority,
        IncidentState state,
        Instant generatedAt,
        String summary,
        Impact impact,
        List<TimelineEntry> timeline,
        List<SeenFingerprint> suspectedCause,
        List<String> wentWell,
        List<ActionItem> actionItems) {
    /**
     * Checks every part and copies the lists.
     *
     * @param incidentId the id
     * @param title the title
     * @param key the key
     * @param severity the severity
     * @param priority the priority
     * @param state the state
     * @param generatedAt when built
     * @param summary the summary
     * @param impact the impact
     * @param timeline the timeline
     * @param suspectedCause the fingerprints
     * @param wentWell what went well
     * @param actionItems the action items
     */
    public IncidentReport {
        requireNonNull(incidentId, "incidentId");
        requireNonNull(title, "title");
        requireNonNull(key, "key");
        requireNonNull(severity, "severity");
        requireNonNull(priority, "priority");
        requireNonNull(state, "state");
        requireNonNull(generatedAt, "generatedAt");
        requireNonNull(summary, "summary");
        requireNonNull(impact, "impact");
        timeline = List.copyOf(timeline);
        suspectedCause = List.copyOf(suspectedCause);
        wentWell = List.copyOf(wentWell);
        actionItems = List.copyOf(actionItems);
    }

    /**
     * How long an incident lasted and how badly it hurt.
     *
     * @param openedAt when it was opened
     * @param resolvedAt when it was resolved; empty for a draft of an open incident
     * @param duration from opening to resolution, or to the report's time while open
     * @param timeToAcknowledge from opening to the first move out of TRIGGERED; empty if there was none
     * @param timeToMitigate from opening to the first move to MITIGATED or beyond; empty if there was
     *     none
     * @param sourceFailing how long the incident's source was failing while it was open, from the
     *     timeline's OPENED and SOURCE entries
     * @param slo the objective it is measured against, if one is bound
     * @param errorBudgetConsumed the share of one window's error budget that {@code sourceFailing} used,
     *     {@code sourceFailing / (window × (1 − objective))}, rounded to six decimals; 1.0 is the whole
     *     budget; empty when no objective is bound
     * @since 0.1
     */
    public record Impact(
            Instant openedAt,
            Optional<Instant> resolvedAt,
            Duration duration,
            Optional<Duration> timeToAcknowledge,
            Optional<Duration> timeToMitigate,
            Duration sourceFailing,
            Optional<SloBinding> slo,
            Optional<Double> errorBudgetConsumed) {
        /**
         * Checks every part.
         *
         * @param openedAt when opened
         * @param resolvedAt when resolved
         * @param duration how long
         * @param timeToAcknowledge time to acknowledge
         * @param timeToMitigate time to mitigate
         * @param sourceFailing time failing
         * @param slo the objective
         * @param errorBudgetConsumed the budget share
         */
        public Impact {
            requireNonNull(openedAt, "openedAt");
            requireNonNull(resolvedAt, "resolvedAt");
            requireNonNull(duration, "duration");
            requireNonNull(timeToAcknowledge, "timeToAcknowledge");
            requireNonNull(timeToMitigate, "timeToMitigate");
            requireNonNull(sourceFailing, "sourceFailing");
            requireNonNull(slo, "slo");
            requireNonNull(errorBudgetConsumed, "errorBudgetConsumed");
        }
    }
}

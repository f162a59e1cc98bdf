package dev.armature.core.internal.incident.report;

import dev.armature.api.incident.ActionItem;
import dev.armature.api.incident.Incident;
import dev.armature.api.incident.IncidentKey;
import dev.armature.api.incident.IncidentState;
import dev.armature.api.incident.Priority;
import dev.armature.api.incident.SeenFingerprint;
import dev.armature.api.incident.Severity;
import dev.armature.api.incident.SloBinding;
import dev.armature.api.incident.TimelineEntry;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One resolved incident as the incident manager would keep it: an alert that fired, was escalated,
 * acknowledged, worked on by a runbook and a recovery, stopped failing after 43 minutes 12 seconds, and
 * was mitigated and resolved.
 */
final class ReportFixture {
    static final Instant T0 = Instant.parse("2026-11-20T10:00:00Z");
    static final IncidentKey KEY = IncidentKey.alert("error-rate", Map.of("component", "model-gateway"));
    static final SloBinding SLO = new SloBinding("chat-availability", 0.999, Duration.ofDays(30));
    static final List<SeenFingerprint> FINGERPRINTS = List.of(
            new SeenFingerprint("v1:3f2a9c", "java.net.SocketTimeoutException", "ModelClient.send", 3),
            new SeenFingerprint("v1:9b41e0", "java.io.IOException", "ModelClient.read", 12),
            new SeenFingerprint("v1:0c77d1", "java.lang.IllegalStateException", "Gateway.route", 3));

    private final List<TimelineEntry> timeline = new ArrayList<>();

    private ReportFixture() {}

    private ReportFixture at(Duration after, TimelineEntry.Kind kind, String actor, String text, String... details) {
        Map<String, String> d = new java.util.LinkedHashMap<>();
        for (int i = 0; i < details.length; i += 2) {
            d.put(details[i], details[i + 1]);
        }
        Optional<String> type =
                kind == TimelineEntry.Kind.OPENED ? Optional.of("armature.alert.fired/v1") : Optional.empty();
        timeline.add(new TimelineEntry(timeline.size() + 1, T0.plus(after), kind, actor, text, d, type));
        return this;
    }

    static List<TimelineEntry> timeline() {
        String sys = TimelineEntry.SYSTEM;
        return new ReportFixture()
                .at(Duration.ZERO, TimelineEntry.Kind.OPENED, sys, "alert error-rate fired at 0.07", "failing", "true")
                .at(min(5), TimelineEntry.Kind.ESCALATION, sys, "step 1: notified oncall-primary", "step", "1")
                .at(min(5), TimelineEntry.Kind.NOTIFICATION, sys, "delivered to pager", "channel", "pager")
                .at(
                        min(7),
                        TimelineEntry.Kind.STATE_CHANGED,
                        "alice",
                        "acknowledged",
                        "from",
                        "TRIGGERED",
                        "to",
                        "ACKNOWLEDGED")
                .at(
                        min(10),
                        TimelineEntry.Kind.RUNBOOK,
                        sys,
                        "runbook model-restart: step restart passed",
                        "runbook",
                        "model-restart",
                        "step",
                        "restart",
                        "outcome",
                        "PASSED")
                .at(
                        min(11),
                        TimelineEntry.Kind.CONFIG,
                        sys,
                        "configuration version 12 applied from file: " + "armature.guards.model.retry.max-attempts",
                        "version",
                        "12")
                .at(
                        min(20),
                        TimelineEntry.Kind.RECOVERY,
                        sys,
                        "recovery ended recovered",
                        "target",
                        "model-gateway",
                        "resolution",
                        "RECOVERED")
                .at(
                        min(43).plusSeconds(12),
                        TimelineEntry.Kind.SOURCE,
                        sys,
                        "alert error-rate resolved",
                        "failing",
                        "false")
                .at(
                        min(45),
                        TimelineEntry.Kind.STATE_CHANGED,
                        "alice",
                        "mitigated: rolled back the | pipe config",
                        "from",
                        "ACKNOWLEDGED",
                        "to",
                        "MITIGATED")
                .at(min(50), TimelineEntry.Kind.NOTE, "bob", "status page updated", "audience", "status-page")
                .at(
                        min(60),
                        TimelineEntry.Kind.STATE_CHANGED,
                        "alice",
                        "resolved",
                        "from",
                        "MITIGATED",
                        "to",
                        "RESOLVED")
                .timeline;
    }

    static Incident resolved() {
        List<TimelineEntry> t = timeline();
        Instant resolvedAt = t.get(t.size() - 1).at();
        return new Incident(
                "INC-7",
                KEY,
                "Error rate of model-gateway above 5%",
                Severity.SEV2,
                Priority.P1,
                IncidentState.RESOLVED,
                false,
                T0,
                resolvedAt,
                Optional.of(resolvedAt),
                Optional.of("default"),
                List.of(
                        new ActionItem(
                                "A1",
                                "Alert on retry exhaustion",
                                "alice",
                                LocalDate.parse("2026-12-04"),
                                Optional.empty()),
                        new ActionItem(
                                "A2",
                                "Pin the model client's timeout",
                                "bob",
                                LocalDate.parse("2026-11-27"),
                                Optional.of(T0.plus(Duration.ofDays(2))))),
                t);
    }

    static Duration min(long minutes) {
        return Duration.ofMinutes(minutes);
    }
}

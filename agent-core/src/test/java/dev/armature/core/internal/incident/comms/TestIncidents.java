package dev.armature.core.internal.incident.comms;

import dev.armature.api.incident.Incident;
import dev.armature.api.incident.IncidentKey;
import dev.armature.api.incident.IncidentState;
import dev.armature.api.incident.Priority;
import dev.armature.api.incident.Severity;
import dev.armature.api.incident.TimelineEntry;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Incidents for the communication tests. */
final class TestIncidents {
    static final Instant OPENED = Instant.parse("2026-11-20T10:00:00Z");
    static final IncidentKey KEY = IncidentKey.alert("error-rate", Map.of("component", "model-gateway"));

    private TestIncidents() {}

    static Incident incident(Severity severity) {
        return new Incident(
                "INC-7",
                KEY,
                "Error rate of model-gateway above 5%",
                severity,
                Priority.P2,
                IncidentState.ACKNOWLEDGED,
                true,
                OPENED,
                OPENED.plusSeconds(420),
                Optional.empty(),
                Optional.of("default"),
                List.of(),
                List.of(new TimelineEntry(
                        1,
                        OPENED,
                        TimelineEntry.Kind.OPENED,
                        TimelineEntry.SYSTEM,
                        "alert fired",
                        Map.of(),
                        Optional.empty())));
    }
}

package dev.armature.core.functional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.armature.api.AgentSystem;
import dev.armature.api.ComponentDescriptor;
import dev.armature.api.IllegalLifecycleException;
import dev.armature.api.ModuleMissingException;
import dev.armature.api.incident.Incident;
import dev.armature.api.incident.IncidentEvent;
import dev.armature.api.incident.IncidentException;
import dev.armature.api.incident.IncidentKey;
import dev.armature.api.incident.IncidentState;
import dev.armature.api.incident.Priority;
import dev.armature.api.incident.Severity;
import dev.armature.api.incident.TimelineEntry;
import dev.armature.core.time.ManualTime;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Incident management in a running system: found as a plugin, fed by the bus, kept in the data directory. */
class IncidentsTest {
    @TempDir
    Path dir;

    private final ManualTime time = ManualTime.create();

    private AgentSystem system(Map<String, String> properties) {
        return AgentSystem.builder()
                .timeSource(time)
                .dataDirectory(dir)
                .healthCheckInterval(Duration.ofHours(1))
                .environment(Map.of())
                .systemProperties(properties)
                .component(new TestComponent(ComponentDescriptor.of("core")))
                .build();
    }

    @Test
    void safe_mode_opens_a_sev1_incident_that_resolves_after_the_quiet_period_once_safe_mode_ends() throws Exception {
        try (AgentSystem system = system(Map.of());
                EventProbe probe = EventProbe.all(system)) {
            system.start();
            system.emergency().enterSafeMode("runaway tool calls");
            String id =
                    probe.await(IncidentEvent.Opened.class, e -> true).payload().incidentId();

            Incident opened = system.incidents().find(id).orElseThrow();
            assertThat(opened.key()).isEqualTo(IncidentKey.of(IncidentKey.Kind.SYSTEM, "safe-mode"));
            assertThat(opened.severity()).isEqualTo(Severity.SEV1);
            assertThat(opened.title()).isEqualTo("Safe mode: runaway tool calls");
            assertThatThrownBy(() -> system.incidents().resolve(id, "alice"))
                    .isInstanceOfSatisfying(IncidentException.class, e -> assertThat(e.kind())
                            .isEqualTo(IncidentException.Kind.SOURCE_STILL_FAILING));

            system.emergency().exitSafeMode();
            probe.await(IncidentEvent.Recorded.class, e -> e.entry().kind() == TimelineEntry.Kind.SOURCE);
            time.advance(Duration.ofMinutes(30));
            probe.await(IncidentEvent.StateChanged.class, e -> e.to() == IncidentState.RESOLVED);

            Incident resolved = system.incidents().find(id).orElseThrow();
            assertThat(resolved.timeline())
                    .extracting(TimelineEntry::kind)
                    .containsExactly(
                            TimelineEntry.Kind.OPENED,
                            TimelineEntry.Kind.SOURCE,
                            // a SEV1's update is due every 30 minutes; it falls due with the quiet period
                            TimelineEntry.Kind.COMMUNICATION,
                            TimelineEntry.Kind.STATE_CHANGED);
            assertThat(resolved.timeline().get(3).actor()).isEqualTo(TimelineEntry.SYSTEM);
            // The report's timeline is the events that happened, entry for entry.
            List<TimelineEntry> published = probe.seen(IncidentEvent.Recorded.class).stream()
                    .filter(r -> r.incidentId().equals(id))
                    .map(IncidentEvent.Recorded::entry)
                    .toList();
            assertThat(system.incidents().report(id).timeline())
                    .isEqualTo(published)
                    .isEqualTo(resolved.timeline());
            assertThat(dir.resolve("incident-reports").resolve(id + ".md")).isRegularFile();
            assertThat(dir.resolve("incident-reports").resolve(id + ".json")).isRegularFile();
        }
    }

    @Test
    void incidents_opened_by_hand_are_de_duplicated_and_survive_a_restart_of_the_system() {
        IncidentKey key = IncidentKey.of(IncidentKey.Kind.MANUAL, "slow-reviews");
        List<Incident> before;
        try (AgentSystem system = system(Map.of())) {
            system.start();
            Incident first = system.incidents().open(key, "Reviews are slow", Severity.SEV3, Priority.P2, "alice");
            Incident again = system.incidents().open(key, "Reviews are slow", Severity.SEV3, Priority.P2, "bob");
            assertThat(again.id()).isEqualTo(first.id());
            assertThat(again.signals()).isEqualTo(2);
            system.incidents().acknowledge(first.id(), "alice");
            before = system.incidents().list();
        }
        try (AgentSystem system = system(Map.of())) {
            system.start();
            assertThat(system.incidents().list()).isEqualTo(before);
            assertThat(system.incidents().open().get(0).state()).isEqualTo(IncidentState.ACKNOWLEDGED);
        }
    }

    @Test
    void the_service_refuses_calls_while_the_system_is_not_running_and_can_be_disabled() {
        try (AgentSystem system = system(Map.of())) {
            assertThatThrownBy(() -> system.incidents().list()).isInstanceOf(IllegalLifecycleException.class);
        }
        try (AgentSystem system = system(Map.of("armature.plugins.armature-incidents.enabled", "false"))) {
            system.start();
            assertThatThrownBy(system::incidents).isInstanceOf(ModuleMissingException.class);
        }
    }
}

package dev.armature.cli;

import static dev.armature.cli.ArmatureCliTest.run;
import static org.assertj.core.api.Assertions.assertThat;

import dev.armature.api.AgentSystem;
import dev.armature.api.incident.IncidentEvent;
import dev.armature.api.incident.IncidentKey;
import dev.armature.api.incident.IncidentState;
import dev.armature.api.incident.Priority;
import dev.armature.api.incident.Severity;
import dev.armature.cli.ArmatureCliTest.Run;
import dev.armature.core.incident.IncidentArchive;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs {@code armature incidents} in-process against a data directory a system wrote. */
class IncidentsCommandTest {
    @TempDir
    @SuppressWarnings("NullAway.Init") // injected by JUnit before each test
    Path dir;

    /** Runs a system on the directory that enters safe mode (INC-1, source failing) and stops. */
    private void safeModeIncident() throws InterruptedException {
        try (AgentSystem system = AgentSystem.builder()
                .dataDirectory(dir)
                .environment(Map.of())
                .systemProperties(Map.of())
                .build()) {
            CountDownLatch opened = new CountDownLatch(1);
            system.events().subscribe(IncidentEvent.Opened.class, e -> opened.countDown());
            system.start();
            system.emergency().enterSafeMode("runaway tool calls");
            assertThat(opened.await(10, TimeUnit.SECONDS)).isTrue();
        }
    }

    @Test
    void list_show_ack_and_resolve_work_on_a_stopped_systems_data_directory() throws Exception {
        safeModeIncident();
        try (IncidentArchive archive = IncidentArchive.open(dir)) {
            archive.incidents()
                    .open(
                            IncidentKey.of(IncidentKey.Kind.MANUAL, "slow"),
                            "Reviews are slow",
                            Severity.SEV4,
                            Priority.P3,
                            "alice");
        }
        String dataDir = "--data-dir=" + dir;

        Run list = run("incidents", "list", dataDir);
        assertThat(list.exit()).isZero();
        assertThat(list.out().lines())
                .hasSize(3)
                .element(1)
                .asString()
                .startsWith("INC-2")
                .contains("TRIGGERED", "SEV4", "P3", "Reviews are slow");
        assertThat(list.out().lines().skip(2)).singleElement().asString().contains("INC-1", "SEV1", "Safe mode");

        Run ack = run("", Map.of("USER", "bob"), "incidents", "ack", dataDir, "INC-1");
        assertThat(ack.out()).isEqualTo("INC-1 ACKNOWLEDGED\n");

        Run refused = run("incidents", "resolve", dataDir, "--actor=bob", "INC-1");
        assertThat(refused.exit()).isEqualTo(ArmatureCli.EXIT_INVALID_INPUT);
        assertThat(refused.err()).contains("INC-1", "still fails", "force");

        Run forced = run("incidents", "resolve", dataDir, "--actor=bob", "--force=drill", "INC-1");
        assertThat(forced.exit()).isZero();
        assertThat(forced.out()).isEqualTo("INC-1 RESOLVED\n");

        Run show = run("incidents", "show", dataDir, "INC-1");
        assertThat(show.out())
                .startsWith("INC-1 Safe mode: runaway tool calls\n")
                .contains("key:       system:safe-mode", "state:     RESOLVED (source failing)")
                .contains("OPENED", "system: safe mode entered: runaway tool calls")
                .contains("bob: acknowledged by bob")
                .contains("bob: resolved by bob while its source still fails: drill");
        try (IncidentArchive archive = IncidentArchive.open(dir)) {
            assertThat(archive.incidents().find("INC-1").orElseThrow().state()).isEqualTo(IncidentState.RESOLVED);
        }
        assertThat(run("incidents", "list", "--open", dataDir).out().lines()).hasSize(2);

        Run report = run("incidents", "report", dataDir, "INC-1");
        assertThat(report.exit()).isZero();
        assertThat(report.out())
                .startsWith("# INC-1: Safe mode: runaway tool calls\n")
                .contains("| State | RESOLVED |");
        Run json = run("incidents", "report", "--format=json", dataDir, "INC-1");
        assertThat(json.out()).startsWith("{").contains("\"incidentId\" : \"INC-1\"");
    }

    @Test
    void an_unknown_id_is_one_line_on_standard_error_and_exit_code_1() {
        Run run = run("incidents", "show", "--data-dir=" + dir, "INC-42");

        assertThat(run.exit()).isEqualTo(ArmatureCli.EXIT_INVALID_INPUT);
        assertThat(run.err())
                .isEqualTo("armature: no incident has the id 'INC-42'; list them with armature incidents" + " list\n");
    }
}

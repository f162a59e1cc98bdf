package dev.armature.core.docs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.armature.api.AgentSystem;
import dev.armature.api.incident.Communication;
import dev.armature.api.incident.Incident;
import dev.armature.api.incident.IncidentEvent;
import dev.armature.api.incident.IncidentException;
import dev.armature.api.incident.IncidentKey;
import dev.armature.api.incident.IncidentState;
import dev.armature.api.incident.Incidents;
import dev.armature.api.incident.RunbookRun;
import dev.armature.api.incident.Severity;
import dev.armature.api.incident.TemplateException;
import dev.armature.api.incident.TimelineEntry;
import dev.armature.api.monitoring.Notification;
import dev.armature.core.incident.IncidentReportFormats;
import dev.armature.core.runbook.RunbooksExtension;
import dev.armature.core.time.ManualTime;
import dev.armature.spi.Plugin;
import dev.armature.spi.PluginContext;
import dev.armature.spi.incident.Runbook;
import dev.armature.spi.incident.RunbookCheck;
import dev.armature.spi.incident.RunbookStep;
import dev.armature.spi.monitoring.NotificationChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The runnable example of docs/incidents.md, which shows the code between the tag lines verbatim. */
class IncidentsGuideExampleTest {
    private static final Path GUIDE = Path.of("../docs/incidents.md");
    private static final Path SOURCE = Path.of("src/test/java/dev/armature/core/docs/IncidentsGuideExampleTest.java");

    @TempDir
    Path dir;

    /** A pager that keeps what it is sent; a real one would call a paging service. */
    static final class Pager implements NotificationChannel, Plugin {
        final List<Notification> sent = new CopyOnWriteArrayList<>();

        @Override
        public String name() {
            return "pager";
        }

        @Override
        public void deliver(Notification n) {
            sent.add(n);
        }

        @Override
        public String id() {
            return "pager";
        }

        @Override
        public String supportedApiVersions() {
            return "[0.1,0.2)";
        }

        @Override
        public void contribute(PluginContext context) {
            context.contribute(NotificationChannel.class, this);
        }
    }

    /** Takes the next incident event that matches, waiting at most ten seconds for it. */
    private static IncidentEvent next(BlockingQueue<IncidentEvent> events, Predicate<IncidentEvent> matching)
            throws InterruptedException {
        while (true) {
            IncidentEvent e = events.poll(10, TimeUnit.SECONDS);
            assertThat(e).as("an incident event").isNotNull();
            if (matching.test(e)) {
                return e;
            }
        }
    }

    @Test
    void safe_mode_opens_an_incident_that_runs_its_runbook_escalates_communicates_and_reports() throws Exception {
        ManualTime time = ManualTime.create(); // virtual time: the example runs in milliseconds
        Pager pager = new Pager();
        // tag::example[]
        Runbook safeModeRunbook = Runbook.builder("safe-mode")
                .bind(IncidentKey.Kind.SYSTEM, "safe-mode")
                .step(RunbookStep.check(
                        "still-in-safe-mode",
                        context -> context.system().emergency().safeMode().isPresent()
                                ? RunbookCheck.Result.passed("safe mode holds")
                                : RunbookCheck.Result.failed("safe mode already ended")))
                .build();
        try (AgentSystem system = AgentSystem.builder()
                .timeSource(time)
                .dataDirectory(dir)
                .environment(Map.of())
                .systemProperties(Map.of(
                        "armature.incidents.escalation.policies.oncall.steps[0]", "notify pager",
                        "armature.incidents.escalation.policies.oncall.steps[1]", "wait 5m",
                        "armature.incidents.escalation.policies.oncall.steps[2]", "notify pager",
                        "armature.incidents.escalation.default-policy", "oncall",
                        "armature.incidents.auto-resolve-after-quiet", "10m"))
                .plugin(pager) // contributes the NotificationChannel "pager"
                .extension(RunbooksExtension.of(safeModeRunbook))
                .build()) {
            BlockingQueue<IncidentEvent> events = new LinkedBlockingQueue<>();
            system.events().subscribe(IncidentEvent.class, e -> events.add(e.payload()));
            system.start();
            Incidents incidents = system.incidents();

            // Safe mode is a SEV1 signal: an incident opens, and the runbook bound to it runs.
            system.emergency().enterSafeMode("runaway tool calls");
            String id = next(events, e -> e instanceof IncidentEvent.Opened).incidentId();
            next(
                    events,
                    e -> e instanceof IncidentEvent.Recorded r
                            && r.entry().kind() == TimelineEntry.Kind.RUNBOOK
                            && r.entry().text().contains("ended: succeeded"));
            assertThat(incidents.find(id).orElseThrow().severity()).isEqualTo(Severity.SEV1);

            // The escalation policy pages at once; nobody answers, so it pages again after five minutes.
            time.advance(Duration.ZERO);
            time.advance(Duration.ofMinutes(5));
            for (int page = 1; page <= 2; page++) { // channels are told on a thread of their own
                next(
                        events,
                        e -> e instanceof IncidentEvent.Recorded r
                                && r.entry().kind() == TimelineEntry.Kind.NOTIFICATION
                                && r.entry().text().contains("delivered to pager"));
            }
            assertThat(pager.sent).hasSize(2);
            incidents.acknowledge(id, "alice"); // stops the escalation

            // A status update: a SEV1 needs impact, status and the next update's time.
            assertThatThrownBy(() -> incidents.communicate(id, "internal", Map.of("status", "looking"), "alice"))
                    .isInstanceOf(TemplateException.class);
            Communication update = incidents.communicate(
                    id,
                    "internal",
                    Map.of("impact", "tool calls refused", "status", "tools disabled", "next-update", "10:30"),
                    "alice");

            // Safe mode still holds: resolving is refused until it ends (or is forced, with a reason).
            assertThatThrownBy(() -> incidents.resolve(id, "alice"))
                    .isInstanceOfSatisfying(IncidentException.class, e -> assertThat(e.kind())
                            .isEqualTo(IncidentException.Kind.SOURCE_STILL_FAILING));
            system.emergency().exitSafeMode();
            next(events, e -> e instanceof IncidentEvent.Recorded r && r.entry().kind() == TimelineEntry.Kind.SOURCE);
            Incident resolved = incidents.resolve(id, "alice");

            // The post-incident report, built from the timeline; also written as
            // incident-reports/INC-1.md and .json under the data directory.
            String report = IncidentReportFormats.markdown(incidents.report(id));
            // end::example[]
            assertThat(resolved.state()).isEqualTo(IncidentState.RESOLVED);
            assertThat(update.subject()).isNotBlank();
            assertThat(report).startsWith("# " + id + ": Safe mode: runaway tool calls");
            assertThat(Files.readString(dir.resolve("incident-reports").resolve(id + ".md")))
                    .startsWith("# " + id);
            RunbookRun plan = incidents.dryRunRunbook(id, "safe-mode");
            assertThat(plan.dryRun()).isTrue();
        }
        String guide = Files.readString(GUIDE);
        assertThat(guide).contains(DocSnippets.example(SOURCE));
    }
}

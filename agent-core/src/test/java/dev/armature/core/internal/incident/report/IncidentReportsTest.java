package dev.armature.core.internal.incident.report;

import static dev.armature.core.internal.incident.report.ReportFixture.FINGERPRINTS;
import static dev.armature.core.internal.incident.report.ReportFixture.SLO;
import static dev.armature.core.internal.incident.report.ReportFixture.T0;
import static dev.armature.core.internal.incident.report.ReportFixture.min;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.armature.api.incident.Incident;
import dev.armature.api.incident.IncidentReport;
import dev.armature.api.incident.IncidentReportException;
import dev.armature.api.incident.IncidentState;
import dev.armature.api.incident.SeenFingerprint;
import dev.armature.api.incident.SloBinding;
import dev.armature.api.incident.TimelineEntry;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class IncidentReportsTest {
    private static final Instant NOW = T0.plus(Duration.ofHours(2));

    private static IncidentReport report() {
        return IncidentReports.build(ReportFixture.resolved(), FINGERPRINTS, Optional.of(SLO), NOW);
    }

    /**
     * Compares with {@code src/test/resources/incident-report-golden/<name>}; on a difference the actual
     * text is written to {@code target/incident-report-golden/<name>}, to be reviewed and copied over.
     */
    private static void assertGolden(String actual, String name) throws IOException {
        InputStream in = IncidentReportsTest.class.getResourceAsStream("/incident-report-golden/" + name);
        String expected = "";
        if (in != null) {
            try (in) {
                expected = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
        }
        if (!expected.equals(actual)) {
            Path out = Path.of("target", "incident-report-golden", name);
            Files.createDirectories(out.getParent());
            Files.writeString(out, actual);
        }
        assertThat(actual).as("golden file %s", name).isEqualTo(expected);
    }

    @Test
    void the_markdown_matches_its_golden_file() throws IOException {
        assertGolden(IncidentReports.markdown(report()), "report.md");
    }

    @Test
    void the_json_matches_its_golden_file() throws IOException {
        assertGolden(IncidentReports.json(report()), "report.json");
    }

    @Test
    void the_json_reads_back_into_an_equal_report() {
        IncidentReport report = report();

        assertThat(IncidentReports.read(IncidentReports.json(report))).isEqualTo(report);
    }

    @Test
    void the_reports_timeline_is_the_incidents_entry_for_entry() {
        Incident incident = ReportFixture.resolved();

        IncidentReport report = IncidentReports.build(incident, FINGERPRINTS, Optional.of(SLO), NOW);

        assertThat(report.timeline()).containsExactlyElementsOf(incident.timeline());
        assertThat(IncidentReports.read(IncidentReports.json(report)).timeline())
                .containsExactlyElementsOf(incident.timeline());
    }

    @Test
    void the_impact_is_measured_on_the_timeline() {
        IncidentReport.Impact impact = report().impact();

        assertThat(impact.openedAt()).isEqualTo(T0);
        assertThat(impact.resolvedAt()).contains(T0.plus(min(60)));
        assertThat(impact.duration()).isEqualTo(min(60));
        assertThat(impact.timeToAcknowledge()).contains(min(7));
        assertThat(impact.timeToMitigate()).contains(min(45));
        assertThat(impact.sourceFailing()).isEqualTo(min(43).plusSeconds(12));
        assertThat(impact.slo()).contains(SLO);
    }

    @Test
    void failing_for_43_2_minutes_against_99_9_percent_over_30_days_consumes_the_whole_budget() {
        assertThat(SLO.budget()).isEqualTo(Duration.ofSeconds(2592));
        assertThat(IncidentReports.budgetConsumed(Duration.ofSeconds(2592), SLO))
                .isEqualTo(1.0);
        assertThat(IncidentReports.budgetConsumed(Duration.ofSeconds(1296), SLO))
                .isEqualTo(0.5);
        assertThat(IncidentReports.budgetConsumed(Duration.ZERO, SLO)).isEqualTo(0.0);
        assertThat(IncidentReports.budgetConsumed(
                        Duration.ofMinutes(36), new SloBinding("weekly", 0.99, Duration.ofDays(7))))
                .isEqualTo(0.357143); // 36 min of 100.8 min, rounded to six decimals
        assertThat(report().impact().errorBudgetConsumed()).contains(1.0);
    }

    @Test
    void without_an_objective_no_budget_is_computed() {
        IncidentReport report = IncidentReports.build(ReportFixture.resolved(), List.of(), Optional.empty(), NOW);

        assertThat(report.impact().errorBudgetConsumed()).isEmpty();
        assertThat(IncidentReports.markdown(report))
                .contains("- Error budget consumed: no objective bound")
                .contains("No error fingerprints were seen while the incident was open.");
    }

    @Test
    void the_suspected_causes_are_the_fingerprints_most_frequent_first() {
        assertThat(report().suspectedCause())
                .extracting(SeenFingerprint::fingerprint)
                .containsExactly("v1:9b41e0", "v1:0c77d1", "v1:3f2a9c");
    }

    @Test
    void what_went_well_follows_the_written_rules() {
        assertThat(report().wentWell())
                .containsExactly(
                        "Acknowledged 7m after opening, within the target of 15m.",
                        "Automatic recovery worked (recovered at 2026-11-20T10:20:00Z): recovery ended recovered",
                        "Runbook model-restart: 1 step passed.",
                        "Resolved after the source stopped failing, without an override.");
        // A slower acknowledgement than the policy's first wait is not praised.
        assertThat(IncidentReports.build(
                                ReportFixture.resolved(), List.of(), Optional.empty(), Duration.ofMinutes(5), NOW)
                        .wentWell())
                .noneMatch(w -> w.startsWith("Acknowledged"));
    }

    @Test
    void a_source_that_stops_failing_before_anyone_acts_went_well_and_a_forced_resolve_did_not() {
        List<TimelineEntry> t = new ArrayList<>();
        t.add(entry(1, 0, TimelineEntry.Kind.OPENED, TimelineEntry.SYSTEM, Map.of()));
        t.add(entry(2, 4, TimelineEntry.Kind.SOURCE, TimelineEntry.SYSTEM, Map.of("failing", "false")));
        t.add(entry(3, 6, TimelineEntry.Kind.SOURCE, TimelineEntry.SYSTEM, Map.of("failing", "true")));
        t.add(entry(4, 30, TimelineEntry.Kind.STATE_CHANGED, "carol", Map.of("to", "RESOLVED", "forced", "true")));
        Incident forced = incident(t, IncidentState.RESOLVED, Optional.of(T0.plus(min(30))));

        IncidentReport report = IncidentReports.build(forced, List.of(), Optional.empty(), NOW);

        assertThat(report.wentWell())
                .containsExactly("The source stopped failing 4m after opening, before anyone acted.");
        // Failing 0-4 and 6-30 (forced while still failing): 28 minutes.
        assertThat(report.impact().sourceFailing()).isEqualTo(min(28));
        assertThat(report.impact().timeToAcknowledge()).contains(min(30));
        assertThat(IncidentReports.markdown(report))
                .contains("- The source stopped failing 4m after opening, before anyone acted.\n");
    }

    @Test
    void a_draft_of_an_open_incident_runs_to_now() {
        List<TimelineEntry> t = List.of(entry(1, 0, TimelineEntry.Kind.OPENED, TimelineEntry.SYSTEM, Map.of()));
        Incident open = incident(t, IncidentState.TRIGGERED, Optional.empty());

        IncidentReport report = IncidentReports.build(open, List.of(), Optional.of(SLO), T0.plus(min(90)));

        assertThat(report.impact().resolvedAt()).isEmpty();
        assertThat(report.impact().duration()).isEqualTo(min(90));
        assertThat(report.impact().sourceFailing()).isEqualTo(min(90));
        assertThat(report.impact().timeToAcknowledge()).isEmpty();
        assertThat(report.summary()).contains("is TRIGGERED after 1h 30m");
        assertThat(report.wentWell()).isEmpty();
        assertThat(IncidentReports.markdown(report))
                .contains("| Resolved | — |", "- Time to acknowledge: —", "Nothing that the report's rules recognise.");
        assertThat(IncidentReports.read(IncidentReports.json(report))).isEqualTo(report);
    }

    @Test
    void json_that_is_not_a_report_is_refused_with_where_it_went_wrong() {
        assertThatThrownBy(() -> IncidentReports.read("{\"incidentId\": 7,\n \"title\": [}"))
                .isInstanceOf(IncidentReportException.class)
                .hasMessageContaining("line 2");
        assertThatThrownBy(() -> IncidentReports.read("{}"))
                .isInstanceOf(IncidentReportException.class)
                .hasMessageContaining("not a post-incident report");
        String unknown = IncidentReports.json(report()).replaceFirst("\\{", "{ \"bogus\" : 1,");
        assertThatThrownBy(() -> IncidentReports.read(unknown))
                .isInstanceOf(IncidentReportException.class)
                .hasMessageContaining("bogus");
        String missing = IncidentReports.json(report()).replace("\"summary\"", "\"summery\"");
        assertThatThrownBy(() -> IncidentReports.read(missing))
                .isInstanceOf(IncidentReportException.class)
                .hasMessageContaining("summary");
    }

    private static TimelineEntry entry(
            long seq, long minutes, TimelineEntry.Kind kind, String actor, Map<String, String> details) {
        return new TimelineEntry(
                seq,
                T0.plus(min(minutes)),
                kind,
                actor,
                kind.name().toLowerCase(java.util.Locale.ROOT),
                details,
                Optional.empty());
    }

    private static Incident incident(List<TimelineEntry> t, IncidentState state, Optional<Instant> resolvedAt) {
        Incident base = ReportFixture.resolved();
        return new Incident(
                base.id(),
                base.key(),
                base.title(),
                base.severity(),
                base.priority(),
                state,
                false,
                T0,
                t.get(t.size() - 1).at(),
                resolvedAt,
                Optional.empty(),
                List.of(),
                t);
    }
}

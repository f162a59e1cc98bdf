package dev.armature.core.internal.incident.report;

import static dev.armature.core.internal.incident.report.ReportFixture.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.armature.api.incident.Incident;
import dev.armature.api.incident.IncidentReport;
import dev.armature.api.incident.IncidentState;
import dev.armature.api.incident.SeenFingerprint;
import dev.armature.api.incident.SloBinding;
import dev.armature.api.incident.TimelineEntry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** For any timeline: the report keeps it entry for entry, its JSON reads back equal, and its times add up. */
class ReportPropertyTest {
    @Property(tries = 200)
    void any_incidents_report_keeps_its_timeline_and_reads_back_equal(
            @ForAll("timelines") List<TimelineEntry> timeline,
            @ForAll("fingerprints") List<SeenFingerprint> fingerprints,
            @ForAll boolean bound) {
        Instant last = timeline.get(timeline.size() - 1).at();
        Incident incident = new Incident(
                "INC-1",
                ReportFixture.KEY,
                "title | with a pipe\nand a line",
                dev.armature.api.incident.Severity.SEV3,
                dev.armature.api.incident.Priority.P3,
                IncidentState.RESOLVED,
                false,
                T0,
                last,
                Optional.of(last),
                Optional.empty(),
                List.of(),
                timeline);
        Optional<SloBinding> slo = bound ? Optional.of(ReportFixture.SLO) : Optional.empty();

        IncidentReport report = IncidentReports.build(incident, fingerprints, slo, last.plusSeconds(60));

        assertThat(report.timeline()).containsExactlyElementsOf(timeline);
        assertThat(IncidentReports.read(IncidentReports.json(report))).isEqualTo(report);
        assertThat(report.impact().sourceFailing())
                .isLessThanOrEqualTo(report.impact().duration());
        assertThat(report.suspectedCause()).isSortedAccordingTo((a, b) -> Long.compare(b.count(), a.count()));
        String md = IncidentReports.markdown(report);
        // DOTALL: a text may hold U+2028 or U+0085, which end a regex line but not a Markdown one.
        assertThat(md.lines().filter(l -> l.matches("(?s)\\| \\d+ \\| .*"))).hasSize(timeline.size());
    }

    @Provide
    Arbitrary<List<TimelineEntry>> timelines() {
        Arbitrary<Map<String, String>> details = Arbitraries.maps(
                        Arbitraries.of("failing", "to", "forced", "resolution", "outcome", "runbook", "x"),
                        Arbitraries.of(
                                "true",
                                "false",
                                "RESOLVED",
                                "ACKNOWLEDGED",
                                "MITIGATED",
                                "PASSED",
                                "HEALED",
                                "",
                                "a|b",
                                "line\nbreak"))
                .ofMaxSize(3);
        Arbitrary<Step> step = Combinators.combine(
                        Arbitraries.longs().between(0, 3600),
                        Arbitraries.of(TimelineEntry.Kind.class),
                        Arbitraries.of(TimelineEntry.SYSTEM, "alice", "b|ob"),
                        Arbitraries.strings().ofMaxLength(30),
                        details)
                .as(Step::new);
        return step.list().ofMinSize(0).ofMaxSize(15).map(steps -> {
            List<TimelineEntry> out = new ArrayList<>();
            out.add(new TimelineEntry(
                    1,
                    T0,
                    TimelineEntry.Kind.OPENED,
                    TimelineEntry.SYSTEM,
                    "opened",
                    Map.of("failing", "true"),
                    Optional.of("armature.alert.fired/v1")));
            Instant at = T0;
            for (Step s : steps) {
                at = at.plus(Duration.ofSeconds(s.gap()));
                out.add(new TimelineEntry(
                        out.size() + 1, at, s.kind(), s.actor(), s.text(), s.details(), Optional.empty()));
            }
            return out;
        });
    }

    @Provide
    Arbitrary<List<SeenFingerprint>> fingerprints() {
        return Combinators.combine(
                        Arbitraries.strings()
                                .alpha()
                                .ofMinLength(1)
                                .ofMaxLength(6)
                                .map(s -> "v1:" + s),
                        Arbitraries.of("java.io.IOException", "x"),
                        Arbitraries.of("A.b", "C.d"),
                        Arbitraries.longs().between(1, 1000))
                .as(SeenFingerprint::new)
                .list()
                .ofMaxSize(5);
    }

    private record Step(long gap, TimelineEntry.Kind kind, String actor, String text, Map<String, String> details) {}
}

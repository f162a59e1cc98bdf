package dev.armature.core.internal.incident.report;

import dev.armature.api.incident.ActionItem;
import dev.armature.api.incident.IncidentReport;
import dev.armature.api.incident.SeenFingerprint;
import dev.armature.api.incident.SloBinding;
import dev.armature.api.incident.TimelineEntry;
import dev.armature.core.internal.incident.comms.HumanDuration;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Optional;

/**
 * Internal: the Markdown form of a report. The layout is fixed: a heading with the id and title, a
 * table of facts, then the sections Summary, Impact, Timeline (a table, one row per entry), Suspected
 * cause (numbered, most frequent first), What went well and Action items (a table); an empty section
 * says so in a sentence. Table cells have {@code |} escaped and line breaks folded into spaces.
 */
final class ReportMarkdown {
    private static final String NONE = "—";

    private ReportMarkdown() {}

    static String write(IncidentReport r) {
        StringBuilder md = new StringBuilder();
        md.append("# ")
                .append(r.incidentId())
                .append(": ")
                .append(line(r.title()))
                .append("\n\n");
        md.append("| | |\n|---|---|\n");
        row(md, "Severity", r.severity().name());
        row(md, "Priority", r.priority().name());
        row(md, "State", r.state().name());
        row(md, "Key", "`" + r.key() + "`");
        row(md, "Opened", r.impact().openedAt().toString());
        row(md, "Resolved", r.impact().resolvedAt().map(Object::toString).orElse(NONE));
        row(md, "Report generated", r.generatedAt().toString());

        md.append("\n## Summary\n\n").append(r.summary()).append("\n");

        IncidentReport.Impact i = r.impact();
        md.append("\n## Impact\n\n");
        md.append("- Duration: ").append(HumanDuration.format(i.duration())).append('\n');
        md.append("- Time to acknowledge: ")
                .append(human(i.timeToAcknowledge()))
                .append('\n');
        md.append("- Time to mitigate: ").append(human(i.timeToMitigate())).append('\n');
        md.append("- Source failing: ")
                .append(HumanDuration.format(i.sourceFailing()))
                .append('\n');
        if (i.slo().isPresent() && i.errorBudgetConsumed().isPresent()) {
            SloBinding slo = i.slo().get();
            md.append("- Error budget consumed: ")
                    .append(IncidentReports.percent(i.errorBudgetConsumed().get()))
                    .append(" of `")
                    .append(slo.name())
                    .append("` (")
                    .append(objective(slo.objective()))
                    .append(" over ")
                    .append(HumanDuration.format(slo.window()))
                    .append(")\n");
        } else {
            md.append("- Error budget consumed: no objective bound\n");
        }

        md.append("\n## Timeline\n\n");
        if (r.timeline().isEmpty()) {
            md.append("The timeline is empty.\n");
        } else {
            md.append("| # | At (UTC) | Kind | Actor | What |\n|---|---|---|---|---|\n");
            for (TimelineEntry e : r.timeline()) {
                md.append("| ")
                        .append(e.sequence())
                        .append(" | ")
                        .append(e.at())
                        .append(" | ")
                        .append(e.kind())
                        .append(" | ")
                        .append(cell(e.actor()))
                        .append(" | ")
                        .append(cell(e.text()))
                        .append(" |\n");
            }
        }

        md.append("\n## Suspected cause\n\n");
        if (r.suspectedCause().isEmpty()) {
            md.append("No error fingerprints were seen while the incident was open.\n");
        } else {
            int n = 1;
            for (SeenFingerprint f : r.suspectedCause()) {
                md.append(n++)
                        .append(". `")
                        .append(line(f.fingerprint()))
                        .append("` ")
                        .append(line(f.errorType()))
                        .append(" at ")
                        .append(line(f.origin()))
                        .append(": ")
                        .append(f.count())
                        .append(f.count() == 1 ? " error\n" : " errors\n");
            }
        }

        md.append("\n## What went well\n\n");
        if (r.wentWell().isEmpty()) {
            md.append("Nothing that the report's rules recognise.\n");
        } else {
            r.wentWell().forEach(w -> md.append("- ").append(line(w)).append('\n'));
        }

        md.append("\n## Action items\n\n");
        if (r.actionItems().isEmpty()) {
            md.append("None.\n");
        } else {
            md.append("| Id | What | Owner | Due | Status |\n|---|---|---|---|---|\n");
            for (ActionItem a : r.actionItems()) {
                md.append("| ")
                        .append(cell(a.id()))
                        .append(" | ")
                        .append(cell(a.text()))
                        .append(" | ")
                        .append(cell(a.owner()))
                        .append(" | ")
                        .append(a.due())
                        .append(" | ")
                        .append(a.closedAt().map(at -> "closed " + at).orElse("open"))
                        .append(" |\n");
            }
        }
        return md.toString();
    }

    private static void row(StringBuilder md, String name, String value) {
        md.append("| ").append(name).append(" | ").append(cell(value)).append(" |\n");
    }

    private static String human(Optional<Duration> d) {
        return d.map(HumanDuration::format).orElse(NONE);
    }

    /** Writes 0.999 as {@code 99.9%}, with as many decimals as the objective has and no more. */
    private static String objective(double objective) {
        String percent = BigDecimal.valueOf(objective)
                .movePointRight(2)
                .stripTrailingZeros()
                .toPlainString();
        return percent + "%";
    }

    private static String line(String text) {
        return text.replace('\r', ' ').replace('\n', ' ');
    }

    private static String cell(String text) {
        return line(text).replace("|", "\\|");
    }
}

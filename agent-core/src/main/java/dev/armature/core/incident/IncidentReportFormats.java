package dev.armature.core.incident;

import dev.armature.api.incident.IncidentReport;
import dev.armature.core.internal.incident.report.IncidentReports;

/**
 * Writes post-incident reports as text: Markdown for people, JSON for tools. The layouts are
 * described in {@code docs/incidents.md}; the JSON's field names are stable.
 *
 * @since 0.1
 */
public final class IncidentReportFormats {
    private IncidentReportFormats() {}

    /**
     * Returns the report as Markdown.
     *
     * @param report the report
     * @return the Markdown, ending with a line break
     */
    public static String markdown(IncidentReport report) {
        return IncidentReports.markdown(report);
    }

    /**
     * Returns the report as JSON.
     *
     * @param report the report
     * @return the JSON
     */
    public static String json(IncidentReport report) {
        return IncidentReports.json(report);
    }
}

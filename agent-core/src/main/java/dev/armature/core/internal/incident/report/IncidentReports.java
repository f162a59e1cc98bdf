package dev.armature.core.internal.incident.report;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.armature.api.incident.ActionItem;
import dev.armature.api.incident.Incident;
import dev.armature.api.incident.IncidentReport;
import dev.armature.api.incident.IncidentReportException;
import dev.armature.api.incident.IncidentState;
import dev.armature.api.incident.SeenFingerprint;
import dev.armature.api.incident.SloBinding;
import dev.armature.core.internal.incident.comms.HumanDuration;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Internal: builds post-incident reports and writes them as Markdown and JSON.
 *
 * <pre>{@code
 * IncidentReport report = IncidentReports.build(incident, fingerprints, Optional.of(slo), now);
 * String md = IncidentReports.markdown(report);
 * String json = IncidentReports.json(report);   // IncidentReports.read(json) equals report
 * }</pre>
 *
 * <p>Impact: the duration runs from the opening to the resolution (to {@code now} for a draft of an
 * open incident); the times to acknowledge and to mitigate run to the first move to that state or
 * beyond; the failing time adds up the spans between an OPENED or SOURCE entry that says the source
 * fails and the next that says it does not, or the end. The error budget consumed assumes that the
 * whole service was failing while the source was, so every failing second counts as a bad second
 * against {@code window × (1 − objective)}; it is rounded to six decimals. Stateless and thread-safe.
 */
public final class IncidentReports {
    /** The acknowledgement target when the escalation policy gives none: 15 minutes. */
    public static final Duration DEFAULT_ACK_TARGET = Duration.ofMinutes(15);

    private static final ObjectMapper JSON = JsonMapper.builder()
            .addModule(new Jdk8Module())
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .addMixIn(ActionItem.class, ActionItemJson.class)
            .build();

    private static final ObjectWriter WRITER = JSON.writer(new DefaultPrettyPrinter()
            .withObjectIndenter(new DefaultIndenter("  ", "\n"))
            .withArrayIndenter(new DefaultIndenter("  ", "\n")));

    private IncidentReports() {}

    /** ActionItem.isOpen() is written as "open" for readers of the JSON; it is derived, so reading skips it. */
    @JsonIgnoreProperties(value = "open", allowGetters = true)
    private abstract static class ActionItemJson {}

    /**
     * Builds the report with the default acknowledgement target.
     *
     * @param incident the incident, with its timeline and action items
     * @param fingerprints the error fingerprints seen while it was open
     * @param slo the objective it is measured against, if any
     * @param now when the report is built
     * @return the report
     */
    public static IncidentReport build(
            Incident incident, List<SeenFingerprint> fingerprints, Optional<SloBinding> slo, Instant now) {
        return build(incident, fingerprints, slo, DEFAULT_ACK_TARGET, now);
    }

    /**
     * Builds the report.
     *
     * @param incident the incident, with its timeline and action items
     * @param fingerprints the error fingerprints seen while it was open
     * @param slo the objective it is measured against, if any
     * @param ackTarget how soon an acknowledgement counts as quick: the escalation policy's first wait
     * @param now when the report is built
     * @return the report
     */
    public static IncidentReport build(
            Incident incident,
            List<SeenFingerprint> fingerprints,
            Optional<SloBinding> slo,
            Duration ackTarget,
            Instant now) {
        requireNonNull(incident, "incident");
        requireNonNull(fingerprints, "fingerprints");
        requireNonNull(slo, "slo");
        requireNonNull(ackTarget, "ackTarget");
        requireNonNull(now, "now");
        Instant end = incident.resolvedAt().orElse(now);
        Duration failing = TimelineFacts.sourceFailing(incident, end);
        IncidentReport.Impact impact = new IncidentReport.Impact(
                incident.openedAt(),
                incident.resolvedAt(),
                TimelineFacts.between(incident.openedAt(), end),
                TimelineFacts.timeTo(incident, IncidentState.ACKNOWLEDGED),
                TimelineFacts.timeTo(incident, IncidentState.MITIGATED),
                failing,
                slo,
                slo.map(s -> budgetConsumed(failing, s)));
        List<SeenFingerprint> causes = fingerprints.stream()
                .sorted(Comparator.comparingLong(SeenFingerprint::count)
                        .reversed()
                        .thenComparing(SeenFingerprint::fingerprint))
                .toList();
        return new IncidentReport(
                incident.id(),
                incident.title(),
                incident.key(),
                incident.severity(),
                incident.priority(),
                incident.state(),
                now,
                summary(incident, impact, causes),
                impact,
                incident.timeline(),
                causes,
                WentWell.find(incident, ackTarget),
                incident.actionItems());
    }

    /**
     * Returns the share of one window's error budget that a failing time uses.
     *
     * @param failing how long the source failed
     * @param slo the objective
     * @return {@code failing / (window × (1 − objective))}, rounded half-even to six decimals
     */
    public static double budgetConsumed(Duration failing, SloBinding slo) {
        double budgetNanos = slo.window().toNanos() * (1 - slo.objective());
        return BigDecimal.valueOf(failing.toNanos() / budgetNanos)
                .setScale(6, RoundingMode.HALF_EVEN)
                .doubleValue();
    }

    /**
     * Writes the report as Markdown in the fixed layout of {@code docs/incidents.md}.
     *
     * @param report the report
     * @return the Markdown, ending in a newline
     */
    public static String markdown(IncidentReport report) {
        return ReportMarkdown.write(report);
    }

    /**
     * Writes the report as JSON: the record's component names as fields, times as ISO-8601 text,
     * absent values as {@code null}, map entries sorted by key, two-space indentation.
     *
     * @param report the report
     * @return the JSON, ending in a newline
     * @throws IncidentReportException if it cannot be written
     */
    public static String json(IncidentReport report) {
        try {
            return WRITER.writeValueAsString(report) + "\n";
        } catch (JsonProcessingException e) {
            throw new IncidentReportException(
                    "the report of " + report.incidentId() + " cannot be written as JSON: " + e.getOriginalMessage(),
                    e);
        }
    }

    /**
     * Reads a report back from its JSON form.
     *
     * @param json what {@link #json} wrote
     * @return the report, equal to the one written
     * @throws IncidentReportException naming where the JSON is wrong
     */
    public static IncidentReport read(String json) {
        try {
            return JSON.readValue(json, IncidentReport.class);
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null
                    ? ""
                    : " at line " + e.getLocation().getLineNr() + ", column "
                            + e.getLocation().getColumnNr();
            throw new IncidentReportException(
                    "the JSON is not a post-incident report" + where + ": " + e.getOriginalMessage()
                            + "; give the text that IncidentReports.json wrote",
                    e);
        }
    }

    private static String summary(Incident incident, IncidentReport.Impact impact, List<SeenFingerprint> causes) {
        StringBuilder s = new StringBuilder();
        s.append(incident.id())
                .append(" (")
                .append(incident.severity())
                .append(", ")
                .append(incident.priority())
                .append(") \"")
                .append(incident.title())
                .append("\" about ")
                .append(incident.key())
                .append(" was opened at ")
                .append(incident.openedAt());
        if (impact.resolvedAt().isPresent()) {
            s.append(" and resolved at ")
                    .append(impact.resolvedAt().get())
                    .append(", after ")
                    .append(HumanDuration.format(impact.duration()));
        } else {
            s.append(" and is ")
                    .append(incident.state())
                    .append(" after ")
                    .append(HumanDuration.format(impact.duration()));
        }
        long signals = incident.signals();
        s.append(". ")
                .append(signals)
                .append(signals == 1 ? " signal" : " signals")
                .append(" reached it; its source failed for ")
                .append(HumanDuration.format(impact.sourceFailing()));
        if (impact.slo().isPresent() && impact.errorBudgetConsumed().isPresent()) {
            s.append(", ")
                    .append(percent(impact.errorBudgetConsumed().get()))
                    .append(" of the error budget of ")
                    .append(impact.slo().get().name());
        }
        s.append('.');
        if (!causes.isEmpty()) {
            SeenFingerprint top = causes.get(0);
            s.append(' ')
                    .append(causes.size())
                    .append(causes.size() == 1 ? " error fingerprint was" : " error fingerprints were")
                    .append(" seen, the most frequent ")
                    .append(top.fingerprint())
                    .append(" (")
                    .append(top.errorType())
                    .append(" at ")
                    .append(top.origin())
                    .append(", ")
                    .append(top.count())
                    .append(top.count() == 1 ? " error)." : " errors).");
        }
        long open = incident.actionItems().stream().filter(ActionItem::isOpen).count();
        if (!incident.actionItems().isEmpty()) {
            s.append(' ')
                    .append(open)
                    .append(" of ")
                    .append(incident.actionItems().size())
                    .append(incident.actionItems().size() == 1 ? " action item is" : " action items are")
                    .append(" open.");
        }
        return s.toString();
    }

    /** Writes a budget share as a percentage with one decimal, {@code 100.0%}. */
    static String percent(double share) {
        return String.format(Locale.ROOT, "%.1f%%", share * 100);
    }
}

package dev.armature.core.internal.incident;

import dev.armature.api.incident.EscalationPolicy;
import dev.armature.api.incident.EscalationStep;
import dev.armature.api.incident.Incident;
import dev.armature.api.incident.IncidentKey;
import dev.armature.api.incident.IncidentReport;
import dev.armature.api.incident.SeenFingerprint;
import dev.armature.api.incident.SloBinding;
import dev.armature.api.resilience.ErrorEvent;
import dev.armature.core.internal.incident.report.IncidentReports;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Internal: what a book knows for post-incident reports beyond the incidents themselves — the errors
 * seen while each was open, the objectives they are measured against, the escalation policy's first
 * wait as the acknowledgement target — and the writing of a resolved incident's report. Guarded by
 * its book's lock.
 */
final class IncidentReporting {
    private static final Logger log = LoggerFactory.getLogger(IncidentReporting.class);

    private final Map<String, SloBinding> slos;
    private final Optional<Path> directory;
    private final Optional<EscalationPolicy> policy;
    /** The errors seen while each incident is open, by fingerprint; saved with the incident's next change. */
    private final Map<String, Map<String, SeenFingerprint>> seen = new HashMap<>();

    IncidentReporting(Map<String, SloBinding> slos, Optional<Path> directory, Optional<EscalationPolicy> policy) {
        this.slos = Map.copyOf(slos);
        this.directory = directory;
        this.policy = policy;
    }

    /** Builds an incident's report: final when it is resolved, else a draft as of now. */
    IncidentReport build(Incident i, Instant now) {
        return IncidentReports.build(i, errorsOf(i.id()), slo(i), ackTarget(i), now);
    }

    /** The errors counted against an incident, as they are saved with it. */
    List<SeenFingerprint> errorsOf(String id) {
        return List.copyOf(seen.getOrDefault(id, Map.of()).values());
    }

    /** Takes back the errors saved with an incident. */
    void restore(String id, List<SeenFingerprint> errors) {
        Map<String, SeenFingerprint> byFingerprint = new LinkedHashMap<>();
        errors.forEach(f -> byFingerprint.put(f.fingerprint(), f));
        seen.put(id, byFingerprint);
    }

    /** Counts an error against every open incident: the report's suspected causes. */
    void seen(ErrorEvent e, Collection<String> openIds) {
        String fp = e.fingerprint().toString();
        for (String id : openIds) {
            seen.computeIfAbsent(id, k -> new LinkedHashMap<>())
                    .merge(
                            fp,
                            new SeenFingerprint(fp, e.errorType(), e.originName(), 1),
                            (a, b) -> new SeenFingerprint(fp, a.errorType(), a.origin(), a.count() + 1));
        }
    }

    /** Writes the report of a resolved incident as Markdown and JSON into the report directory. */
    void write(Incident i, Instant now) {
        if (directory.isEmpty()) {
            return;
        }
        Path dir = directory.get();
        IncidentReport report = build(i, now);
        try {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve(i.id() + ".md"), IncidentReports.markdown(report));
            Files.writeString(dir.resolve(i.id() + ".json"), IncidentReports.json(report));
        } catch (IOException e) {
            // The incident is resolved and saved; its report can be built again from it at any time.
            log.atWarn()
                    .addKeyValue("incident", i.id())
                    .addKeyValue("directory", dir.toString())
                    .addKeyValue("error", e.toString())
                    .log("post-incident report not written");
        }
    }

    /** The objective an incident is measured against: its key's, or the one its alert names in {@code slo}. */
    private Optional<SloBinding> slo(Incident i) {
        String name = i.key().kind() == IncidentKey.Kind.SLO
                ? i.key().name()
                : i.key().labels().get("slo");
        return name == null ? Optional.empty() : Optional.ofNullable(slos.get(name));
    }

    /** How soon an acknowledgement counts as quick: the first wait of the incident's policy. */
    private Duration ackTarget(Incident i) {
        return policy.filter(p -> i.escalationPolicy().equals(Optional.of(p.name())))
                .flatMap(p -> p.steps().stream()
                        .filter(EscalationStep.Wait.class::isInstance)
                        .map(w -> ((EscalationStep.Wait) w).duration())
                        .findFirst())
                .orElse(IncidentReports.DEFAULT_ACK_TARGET);
    }
}

package dev.armature.core.internal.incident.report;

import dev.armature.api.incident.Incident;
import dev.armature.api.incident.IncidentState;
import dev.armature.api.incident.TimelineEntry;
import dev.armature.core.internal.incident.comms.HumanDuration;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Internal: what went well, found by fixed rules applied in this order, each giving at most the
 * sentences named:
 *
 * <ol>
 *   <li>acknowledged within the target (the escalation policy's first wait, or 15 minutes): one;
 *   <li>the source stopped failing before any person acted on the incident: one;
 *   <li>a recovery that ended {@code RECOVERED} or {@code HEALED}: one per such entry;
 *   <li>runbook steps that passed: one per runbook, with the count;
 *   <li>resolved while the source no longer failed (not forced): one.
 * </ol>
 */
final class WentWell {
    private WentWell() {}

    static List<String> find(Incident incident, Duration ackTarget) {
        List<String> out = new ArrayList<>();
        Optional<Duration> tta = TimelineFacts.timeTo(incident, IncidentState.ACKNOWLEDGED);
        if (tta.isPresent() && tta.get().compareTo(ackTarget) <= 0) {
            out.add("Acknowledged " + HumanDuration.format(tta.get()) + " after opening, within the target of "
                    + HumanDuration.format(ackTarget) + ".");
        }
        for (TimelineEntry e : incident.timeline()) {
            if (!TimelineEntry.SYSTEM.equals(e.actor())) {
                break;
            }
            if (e.kind() == TimelineEntry.Kind.SOURCE && TimelineFacts.detailIs(e, TimelineFacts.FAILING, "FALSE")) {
                out.add("The source stopped failing "
                        + HumanDuration.format(TimelineFacts.between(incident.openedAt(), e.at()))
                        + " after opening, before anyone acted.");
                break;
            }
        }
        for (TimelineEntry e : incident.timeline()) {
            if (e.kind() == TimelineEntry.Kind.RECOVERY
                    && TimelineFacts.detailIs(e, TimelineFacts.RESOLUTION, "RECOVERED", "HEALED")) {
                String resolution = e.details()
                        .getOrDefault(TimelineFacts.RESOLUTION, "")
                        .trim()
                        .toLowerCase(Locale.ROOT);
                out.add("Automatic recovery worked (" + resolution + " at " + e.at() + "): " + e.text());
            }
        }
        Map<String, Integer> passed = new LinkedHashMap<>();
        for (TimelineEntry e : incident.timeline()) {
            if (e.kind() == TimelineEntry.Kind.RUNBOOK
                    && TimelineFacts.detailIs(e, TimelineFacts.OUTCOME, "PASSED", "SUCCEEDED")) {
                passed.merge(e.details().getOrDefault(TimelineFacts.RUNBOOK, "runbook"), 1, Integer::sum);
            }
        }
        passed.forEach(
                (runbook, n) -> out.add("Runbook " + runbook + ": " + n + (n == 1 ? " step" : " steps") + " passed."));
        boolean resolved = false;
        boolean forced = false;
        for (TimelineEntry e : incident.timeline()) {
            if (TimelineFacts.stateOf(e) == IncidentState.RESOLVED) {
                resolved = true;
                forced |= TimelineFacts.detailIs(e, TimelineFacts.FORCED, "TRUE");
            }
        }
        if (resolved && !forced) {
            out.add("Resolved after the source stopped failing, without an override.");
        }
        return out;
    }
}

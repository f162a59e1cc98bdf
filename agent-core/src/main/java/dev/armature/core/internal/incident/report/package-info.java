/**
 * Internal: post-incident reports. Builds an {@link dev.armature.api.incident.IncidentReport} from an
 * incident's own timeline, the error fingerprints seen during it and an optional objective, by rules
 * written down in {@code docs/incidents.md}, and writes it as Markdown in a fixed layout and as JSON
 * that reads back into an equal report. Pure: the incident manager calls it on resolve.
 */
@NullMarked
package dev.armature.core.internal.incident.report;

import org.jspecify.annotations.NullMarked;

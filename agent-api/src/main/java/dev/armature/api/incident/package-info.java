/**
 * Incident management: {@link dev.armature.api.incident.Incident}s opened from the system's signals
 * (escalations, stuck circuits, error findings, firing alerts, safe mode) or by hand, de-duplicated by
 * {@link dev.armature.api.incident.IncidentKey}, moved through their states by people and by the
 * system, each with the timeline of what happened; read and acted on through {@link
 * dev.armature.api.incident.Incidents}.
 *
 * @since 0.1
 */
@NullMarked
package dev.armature.api.incident;

import org.jspecify.annotations.NullMarked;

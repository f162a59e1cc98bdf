/**
 * Incident management's public entry points in agent-core: {@link
 * dev.armature.core.incident.RunbooksExtension}, through which a host gives the system its own
 * runbooks beside those plugins contribute, and {@link dev.armature.core.incident.IncidentArchive},
 * the incidents of a data directory read and changed while no system runs on it (what the {@code
 * armature incidents} command uses).
 *
 * @since 0.1
 */
@NullMarked
package dev.armature.core.incident;

import org.jspecify.annotations.NullMarked;

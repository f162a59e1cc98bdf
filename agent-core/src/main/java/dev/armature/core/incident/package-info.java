/**
 * Incident management's public entry points for tools in agent-core: {@link
 * dev.armature.core.incident.IncidentArchive}, the incidents of a data directory read and changed
 * while no system runs on it (what the {@code armature incidents} command uses), and {@link
 * dev.armature.core.incident.IncidentReportFormats}, post-incident reports as Markdown and JSON. A
 * host's runbooks go to the system through {@code dev.armature.core.runbook.RunbooksExtension}.
 *
 * @since 0.1
 */
@NullMarked
package dev.armature.core.incident;

import org.jspecify.annotations.NullMarked;

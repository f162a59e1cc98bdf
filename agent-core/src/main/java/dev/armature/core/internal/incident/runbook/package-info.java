/**
 * Internal: runbooks as code at work. {@link dev.armature.core.internal.incident.runbook.RunbookRegistry}
 * holds the host's and the plugins' runbooks and finds those bound to an incident's key; {@link
 * dev.armature.core.internal.incident.runbook.RunbookRunner} runs one for an incident on the
 * system's worker pool, one step after the other, each bounded by its timeout on the system's
 * scheduler, pausing at gates until approved, and reports every step's outcome to a {@link
 * dev.armature.core.internal.incident.runbook.RunbookJournal}, which the incident manager turns
 * into RUNBOOK entries of the incident's timeline.
 */
@NullMarked
package dev.armature.core.internal.incident.runbook;

import org.jspecify.annotations.NullMarked;

/**
 * Internal: escalation policies at work. {@link dev.armature.core.internal.incident.escalation.EscalationEngine}
 * starts or resumes one {@link dev.armature.core.internal.incident.escalation.EscalationRun} per open
 * incident, which runs the incident's {@link dev.armature.api.incident.EscalationPolicy} on the
 * system's scheduler and time, acts on the incident only through {@link
 * dev.armature.core.internal.incident.escalation.EscalationHooks} (which the incident manager
 * implements), and reports its {@link dev.armature.core.internal.incident.escalation.EscalationPosition}
 * so that the manager can persist it and a restart neither repeats nor skips a step; {@link
 * dev.armature.core.internal.incident.escalation.EscalationConfig} reads the policies from
 * configuration under the keys {@link dev.armature.core.internal.incident.escalation.EscalationSchema}
 * declares.
 */
@NullMarked
package dev.armature.core.internal.incident.escalation;

import org.jspecify.annotations.NullMarked;

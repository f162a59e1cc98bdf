package dev.armature.core.internal.incident.runbook;

import dev.armature.api.AgentSystem;
import dev.armature.api.incident.Incident;
import dev.armature.spi.incident.RunbookContext;

/** Internal: the context every step of one run sees. */
record RunContext(Incident incident, AgentSystem system, boolean dryRun) implements RunbookContext {}

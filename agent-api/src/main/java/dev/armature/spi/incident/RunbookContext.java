package dev.armature.spi.incident;

import dev.armature.api.AgentSystem;
import dev.armature.api.incident.Incident;

/**
 * What a step of a runbook sees: the incident it runs for, the system it may act on, and whether
 * the run is a dry run. The same context serves every step of one run.
 *
 * @since 0.1
 */
public interface RunbookContext {
    /**
     * Returns the incident the runbook runs for, as it was when the run started.
     *
     * @return the incident
     */
    Incident incident();

    /**
     * Returns the system the runbook acts on.
     *
     * @return the system
     */
    AgentSystem system();

    /**
     * Tells whether the run is a dry run, in which only {@link RunbookAction#describe} is called.
     *
     * @return {@code true} for a dry run
     */
    boolean dryRun();
}

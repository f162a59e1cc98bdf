package dev.armature.core.internal;

import dev.armature.api.AgentSystem;
import dev.armature.core.internal.orchestrator.DefaultAgentSystem;
import dev.armature.spi.RuntimeProvider;
import dev.armature.spi.SystemSpec;

/**
 * Internal: agent-core's {@link RuntimeProvider}, found by {@code AgentSystem.builder()} through
 * ServiceLoader. Public only because ServiceLoader requires it.
 */
public final class CoreRuntimeProvider implements RuntimeProvider {
    /** Creates the provider; called by ServiceLoader. */
    public CoreRuntimeProvider() {}

    @Override
    public AgentSystem create(SystemSpec spec) {
        return new DefaultAgentSystem(spec);
    }
}

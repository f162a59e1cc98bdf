package dev.armature.spi;

import dev.armature.api.AgentSystem;

/**
 * Creates {@link AgentSystem}s; found by {@link java.util.ServiceLoader} under {@code
 * META-INF/services/dev.armature.spi.RuntimeProvider}. Exactly one must be on the class path:
 * agent-core provides it.
 *
 * @since 0.1
 */
public interface RuntimeProvider {
    /**
     * Creates a system from the builder's settings. Validates the component graph; starts nothing.
     *
     * @param spec the settings
     * @return the system, never {@code null}
     * @throws dev.armature.api.ComponentGraphException if the component graph is invalid
     */
    AgentSystem create(SystemSpec spec);
}

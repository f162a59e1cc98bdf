/**
 * Internal: the orchestrator and supervisor, the component graph, the shutdown sequence and the
 * {@code AgentSystem} implementation. Not API.
 */
@NullMarked
package dev.armature.core.internal.orchestrator;

import org.jspecify.annotations.NullMarked;

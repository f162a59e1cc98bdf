/**
 * Embedded durable state: {@link dev.armature.core.state.EmbeddedStorage} owns a data directory and
 * hands out its {@code StateStore} and its {@code Journal}s. Public so that hosts, tests and other
 * modules can open a data directory directly; an {@code AgentSystem} opens one for itself.
 */
@NullMarked
package dev.armature.core.state;

import org.jspecify.annotations.NullMarked;

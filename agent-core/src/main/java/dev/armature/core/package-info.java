/**
 * Armature's runtime. Hosts reach it through {@code AgentSystem.builder()} in agent-api; the
 * public packages here ({@code dev.armature.core.time}, {@code dev.armature.core.state}) hold what tests and other modules use
 * directly, and everything under {@code dev.armature.core.internal} may change without notice.
 */
@NullMarked
package dev.armature.core;

import org.jspecify.annotations.NullMarked;

/**
 * A small coding-agent host built on Armature: a workspace, a simulated model gateway, a tool
 * runner and a session manager that runs periodic agent turns, plus optional telemetry. {@link
 * dev.armature.samples.host.AgentHost} wires them into an {@code AgentSystem}, prints every
 * lifecycle transition as it happens and the shutdown report at the end. Not published.
 */
@NullMarked
package dev.armature.samples.host;

import org.jspecify.annotations.NullMarked;

/**
 * Incident management's public entry points in agent-core: {@link
 * dev.armature.core.incident.RunbooksExtension}, through which a host gives the system its own
 * runbooks beside those plugins contribute.
 */
@NullMarked
package dev.armature.core.incident;

import org.jspecify.annotations.NullMarked;

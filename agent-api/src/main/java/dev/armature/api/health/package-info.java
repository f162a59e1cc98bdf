/**
 * Health: the {@link dev.armature.api.health.HealthStatus} scale, the {@link
 * dev.armature.api.health.CheckKind kinds} of checks, and the {@link
 * dev.armature.api.health.HealthCheck} a component offers to its supervisor.
 */
@NullMarked
package dev.armature.api.health;

import org.jspecify.annotations.NullMarked;

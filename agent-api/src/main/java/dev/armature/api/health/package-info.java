/**
 * Health: the {@link dev.armature.api.health.HealthStatus} scale, the {@link
 * dev.armature.api.health.CheckKind kinds} of checks, the {@link
 * dev.armature.api.health.HealthCheck} a component offers to its supervisor, and the system's
 * health checker ({@link dev.armature.api.health.Health}, provided by agent-monitoring): how a
 * check runs ({@link dev.armature.api.health.CheckSpec}), what it finds ({@link
 * dev.armature.api.health.CheckOutcome}, {@link dev.armature.api.health.CheckResult}), the
 * snapshot ({@link dev.armature.api.health.HealthReport}), history and events, the indicators
 * checks publish ({@link dev.armature.api.health.Indicator}) and the breaches predicted from them
 * ({@link dev.armature.api.health.Prediction}), and the advice drawn from it all ({@link
 * dev.armature.api.health.Recommendation}).
 */
@NullMarked
package dev.armature.api.health;

import org.jspecify.annotations.NullMarked;

/**
 * Monitoring for Armature: meter registries and exporters (console, file, Prometheus), the alert
 * engine, the health checker and its HTTP endpoints. Being built: so far the alert state machine
 * ({@code internal.alert}) with the states and events of {@code dev.armature.api.monitoring}, and
 * the health checker ({@link dev.armature.monitoring.HealthPlugin}, {@code internal.health}) that
 * provides {@code dev.armature.api.health.Health}.
 */
@NullMarked
package dev.armature.monitoring;

import org.jspecify.annotations.NullMarked;

/**
 * Monitoring for Armature: meter registries and exporters (console, file, Prometheus), the alert
 * engine, the health checker and its HTTP endpoints. Being built: so far the alert engine, added by
 * {@link dev.armature.monitoring.AlertsPlugin}, with rules from configuration, from the host's
 * {@link dev.armature.monitoring.AlertRulesExtension} and from plugins' alert rule sources; the
 * notification router ({@link dev.armature.monitoring.NotificationsPlugin}, {@code internal.route})
 * with its routes, groups, inhibition and silences, configured by the host's {@link
 * dev.armature.monitoring.NotificationsExtension}; and the
 * health checker ({@link dev.armature.monitoring.HealthPlugin}, {@code internal.health}) that
 * provides {@code dev.armature.api.health.Health}; the Prometheus text exposition of the
 * system's meters ({@link dev.armature.monitoring.PrometheusPlugin}, {@code internal.prometheus})
 * that provides {@code dev.armature.api.monitoring.MetricsExposition}; and the HTTP endpoints
 * ({@link dev.armature.monitoring.EndpointsPlugin}, {@code internal.endpoint}) that provide {@code
 * dev.armature.api.monitoring.Endpoints} and the optional built-in server.
 */
@NullMarked
package dev.armature.monitoring;

import org.jspecify.annotations.NullMarked;

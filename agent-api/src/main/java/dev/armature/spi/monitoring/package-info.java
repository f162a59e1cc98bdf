/**
 * Extension points of monitoring: {@link dev.armature.spi.monitoring.AlertRuleSource}s, which
 * plugins contribute to give the alert engine rules from code; {@link
 * dev.armature.spi.monitoring.NotificationChannel}s, through which notifications are delivered;
 * {@link dev.armature.spi.monitoring.MetricsExporter}s, which receive {@link
 * dev.armature.spi.monitoring.MetricsSnapshot}s of the system's meters; and the {@link
 * dev.armature.spi.monitoring.EndpointAuthorizer} that decides who sees the details of the
 * monitoring endpoints.
 *
 * @since 0.1
 */
@NullMarked
package dev.armature.spi.monitoring;

import org.jspecify.annotations.NullMarked;

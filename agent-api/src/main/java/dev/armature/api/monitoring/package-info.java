/**
 * Monitoring: alert rules ({@link dev.armature.api.monitoring.AlertRule} and its conditions), alert
 * states and the events alerts publish, which incident management and hosts consume; the {@link
 * dev.armature.api.monitoring.Notification}s the router sends through notification channels, and
 * the {@link dev.armature.api.monitoring.Silence}s that mute them; the Prometheus text of the
 * system's meters ({@link dev.armature.api.monitoring.MetricsExposition}); and the
 * framework-neutral HTTP handler of the monitoring endpoints ({@link
 * dev.armature.api.monitoring.Endpoints}). The implementations live in {@code
 * dev.armature:agent-monitoring}.
 *
 * @since 0.1
 */
@NullMarked
package dev.armature.api.monitoring;

import org.jspecify.annotations.NullMarked;

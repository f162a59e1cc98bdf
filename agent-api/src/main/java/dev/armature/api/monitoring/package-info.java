/**
 * Monitoring: alert rules ({@link dev.armature.api.monitoring.AlertRule} and its conditions), alert
 * states and the events alerts publish, which incident management and hosts consume; the Prometheus text of the system's meters ({@link
 * dev.armature.api.monitoring.MetricsExposition}); and the framework-neutral HTTP handler of the
 * monitoring endpoints ({@link dev.armature.api.monitoring.Endpoints}). The alert engine itself lives in {@code dev.armature:agent-monitoring}.
 *
 * @since 0.1
 */
@NullMarked
package dev.armature.api.monitoring;

import org.jspecify.annotations.NullMarked;

/**
 * Monitoring: alert rules ({@link dev.armature.api.monitoring.AlertRule} and its conditions), alert
 * states and the events alerts publish, which incident management and hosts consume. The alert engine itself lives in {@code dev.armature:agent-monitoring}.
 *
 * @since 0.1
 */
@NullMarked
package dev.armature.api.monitoring;

import org.jspecify.annotations.NullMarked;

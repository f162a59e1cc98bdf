/**
 * Delivery of {@link dev.armature.api.monitoring.Notification}s to {@link
 * dev.armature.spi.monitoring.NotificationChannel}s, at least once, for the modules that notify
 * (alert routing in agent-monitoring, incidents in agent-core). Public for those modules, not for
 * hosts.
 *
 * @since 0.1
 */
@NullMarked
package dev.armature.core.notification;

import org.jspecify.annotations.NullMarked;

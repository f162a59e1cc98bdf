/**
 * Extension points of monitoring: {@link dev.armature.spi.monitoring.AlertRuleSource}s, which
 * plugins contribute to give the alert engine rules from code, and {@link
 * dev.armature.spi.monitoring.NotificationChannel}s, through which notifications are delivered.
 *
 * @since 0.1
 */
@NullMarked
package dev.armature.spi.monitoring;

import org.jspecify.annotations.NullMarked;

/**
 * Internal: the notification router after Alertmanager — routes, groups with their group wait,
 * group interval and repeat interval, per-rule cooldown, inhibition, silences — fed by the alert
 * events of the bus, delivering at least once through {@link
 * dev.armature.spi.monitoring.NotificationChannel}s, and keeping its groups and silences in the
 * state store.
 */
@NullMarked
package dev.armature.monitoring.internal.route;

import org.jspecify.annotations.NullMarked;

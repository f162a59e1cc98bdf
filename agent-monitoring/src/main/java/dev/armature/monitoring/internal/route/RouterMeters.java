package dev.armature.monitoring.internal.route;

import dev.armature.api.monitoring.Notification;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Locale;

/**
 * Internal: the router's meters — {@code armature.notifications.sent} (by channel and status),
 * {@code armature.notifications.failed} (by channel and outcome: {@code retried} or {@code
 * gave-up}) and {@code armature.notifications.deduplicated} (by reason: {@code duplicate-event}, an
 * alert event the router already had, or {@code unchanged}, a group whose notification would have
 * repeated the last one before the repeat interval).
 */
final class RouterMeters {
    private final MeterRegistry registry;

    RouterMeters(MeterRegistry registry) {
        this.registry = registry;
    }

    void sent(String channel, Notification.Status status) {
        counter(
                        "armature.notifications.sent",
                        "Notifications a channel accepted.",
                        "channel",
                        channel,
                        "status",
                        status.name().toLowerCase(Locale.ROOT))
                .increment();
    }

    void failed(String channel, boolean gaveUp) {
        counter(
                        "armature.notifications.failed",
                        "Delivery attempts that failed.",
                        "channel",
                        channel,
                        "outcome",
                        gaveUp ? "gave-up" : "retried")
                .increment();
    }

    void deduplicated(String reason) {
        counter(
                        "armature.notifications.deduplicated",
                        "Notifications not sent because they said nothing new.",
                        "reason",
                        reason)
                .increment();
    }

    private Counter counter(String name, String description, String... tags) {
        return Counter.builder(name)
                .description(description)
                .baseUnit("notifications")
                .tags(tags)
                .register(registry);
    }
}

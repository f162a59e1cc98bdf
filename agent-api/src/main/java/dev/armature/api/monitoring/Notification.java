package dev.armature.api.monitoring;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What a {@link dev.armature.spi.monitoring.NotificationChannel} delivers: a group of alerts (or,
 * for other kinds, another subject) that the router sends together, after Alertmanager's
 * notifications.
 *
 * <p>The router builds a notification once and delivers it at least once: when a channel fails, the
 * same notification, with the same {@link #idempotencyKey()}, is delivered again after a backoff. A
 * channel that must not show a notification twice (a chat message, a page) deduplicates on that key.
 * Each notification of a group tells the whole state of the group: every alert that fires in it and
 * is not muted, and every alert that resolved since a notification told of it firing.
 *
 * @param kind what the notification is about: {@value #ALERTS} for the alert router; incident
 *     management and integrations add kinds of their own, so a channel that knows only some kinds
 *     delivers the rest as plain text
 * @param idempotencyKey the same for every delivery attempt of this notification, different for every
 *     other notification
 * @param route the name of the route that chose the channel
 * @param groupKey a stable id of the group: the route and the values of its {@code groupBy} labels
 * @param groupLabels the labels the group's alerts share, those of the route's {@code groupBy}
 * @param status {@link Status#FIRING} if any alert in it fires, else {@link Status#RESOLVED}
 * @param alerts the alerts, firing ones first, each by rule and labels
 * @param createdAt when the router built it
 * @since 0.1
 */
public record Notification(
        String kind,
        String idempotencyKey,
        String route,
        String groupKey,
        Map<String, String> groupLabels,
        Status status,
        List<NotifiedAlert> alerts,
        Instant createdAt) {
    /** The kind of the alert router's notifications. */
    public static final String ALERTS = "alerts";

    /**
     * Whether a notification, or an alert in it, fires or has resolved.
     *
     * @since 0.1
     */
    public enum Status {
        /** Something fires. */
        FIRING,
        /** Everything in it has resolved. */
        RESOLVED
    }

    /**
     * Checks every part and copies the collections.
     *
     * @param kind the kind
     * @param idempotencyKey the idempotency key
     * @param route the route's name
     * @param groupKey the group's key
     * @param groupLabels the group's labels
     * @param status the status
     * @param alerts the alerts
     * @param createdAt when it was built
     * @throws IllegalArgumentException if the kind or the idempotency key is blank
     */
    public Notification {
        requireNonNull(kind, "kind");
        requireNonNull(idempotencyKey, "idempotencyKey");
        requireNonNull(route, "route");
        requireNonNull(groupKey, "groupKey");
        groupLabels = Map.copyOf(groupLabels);
        requireNonNull(status, "status");
        alerts = List.copyOf(alerts);
        requireNonNull(createdAt, "createdAt");
        if (kind.isBlank() || idempotencyKey.isBlank()) {
            throw new IllegalArgumentException("a notification needs a kind and an idempotency key");
        }
    }

    /**
     * Returns the alerts in it that fire.
     *
     * @return the firing alerts
     */
    public List<NotifiedAlert> firing() {
        return alerts.stream().filter(a -> a.status() == Status.FIRING).toList();
    }

    /**
     * Returns the alerts in it that resolved.
     *
     * @return the resolved alerts
     */
    public List<NotifiedAlert> resolved() {
        return alerts.stream().filter(a -> a.status() == Status.RESOLVED).toList();
    }
}

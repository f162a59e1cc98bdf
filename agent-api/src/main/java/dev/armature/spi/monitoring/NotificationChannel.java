package dev.armature.spi.monitoring;

import dev.armature.api.monitoring.Notification;

/**
 * Where notifications go: a log, a chat room, a pager. agent-monitoring ships the channel {@code
 * log}; a plugin contributes more ({@code context.contribute(NotificationChannel.class, channel)}) and
 * a host adds its own on the builder, and routes in {@code armature.notifications.*} name them.
 * Incident management delivers its notifications through the same channels.
 *
 * <p>Delivery is at least once. When {@link #deliver} throws, the router delivers the same
 * notification again, with the same {@link Notification#idempotencyKey()}, after a backoff on the
 * system's scheduler, until it succeeds or the retries run out; so a channel must expect to see a
 * notification more than once, and one whose receiver must not show it twice deduplicates on the
 * key. A channel should bound the time {@code deliver} takes (a client timeout); the router delivers
 * on a thread of its own, one notification at a time, so a slow channel delays the others.
 *
 * <pre>{@code
 * final class ChatChannel implements NotificationChannel {
 *     public String name() { return "chat"; }
 *     public void deliver(Notification n) throws IOException {
 *         chat.post(n.idempotencyKey(), n.status() + ": " + n.alerts().size() + " alerts");
 *     }
 * }
 * }</pre>
 *
 * @since 0.1
 */
public interface NotificationChannel {
    /**
     * Returns the channel's name, by which routes choose it: lower case, digits and {@code -}, unique
     * in the system.
     *
     * @return the name
     */
    String name();

    /**
     * Delivers one notification; returns once the receiver has accepted it.
     *
     * @param notification what to deliver
     * @throws Exception if it was not delivered; the router retries it with the same idempotency key.
     *     The message is logged, so it must not carry a secret
     */
    void deliver(Notification notification) throws Exception;
}

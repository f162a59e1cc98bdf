package dev.armature.monitoring.internal.route;

import dev.armature.api.monitoring.Notification;
import dev.armature.api.time.Cancellable;
import dev.armature.api.time.Scheduler;
import dev.armature.spi.monitoring.NotificationChannel;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Internal: delivers notifications at least once. Each attempt runs on the delivery executor; a
 * failed one is retried after {@link RouterSettings.Retry#backoff} on the system's scheduler, with
 * the same notification and so the same idempotency key, until it succeeds or the attempts run out.
 * The outcome goes back to the router, which records what each channel was told. Thread-safe.
 */
final class Dispatcher {
    private static final Logger log = LoggerFactory.getLogger(Dispatcher.class);

    /** Told of each delivery's outcome, on the delivery thread. */
    interface Outcome {
        void delivered(String groupKey, String channel, Notification n);

        void gaveUp(String groupKey, String channel, Notification n);
    }

    private final Executor executor;
    private final Scheduler scheduler;
    private final RouterSettings.Retry retry;
    private final RouterMeters meters;
    private final Outcome outcome;
    private final Set<Cancellable> retries = new HashSet<>();
    private boolean stopped;

    Dispatcher(
            Executor executor, Scheduler scheduler, RouterSettings.Retry retry, RouterMeters meters, Outcome outcome) {
        this.executor = executor;
        this.scheduler = scheduler;
        this.retry = retry;
        this.meters = meters;
        this.outcome = outcome;
    }

    void send(String groupKey, NotificationChannel channel, Notification n) {
        submit(groupKey, channel, n, 1);
    }

    private void submit(String groupKey, NotificationChannel channel, Notification n, int attempt) {
        synchronized (this) {
            if (stopped) {
                log.atWarn()
                        .addKeyValue("channel", channel.name())
                        .addKeyValue("idempotencyKey", n.idempotencyKey())
                        .log("notification not delivered: the router stopped");
                return;
            }
        }
        try {
            executor.execute(() -> attempt(groupKey, channel, n, attempt));
        } catch (RejectedExecutionException e) {
            // A full delivery queue: the attempt counts as failed and waits its backoff. (When the
            // router is stopping, retryLater does nothing: the group's saved state owes it.)
            meters.failed(channel.name(), false);
            log.atWarn()
                    .addKeyValue("channel", channel.name())
                    .addKeyValue("idempotencyKey", n.idempotencyKey())
                    .log("notification queue full; retried");
            retryLater(groupKey, channel, n, attempt);
        }
    }

    private void attempt(String groupKey, NotificationChannel channel, Notification n, int attempt) {
        try {
            channel.deliver(n);
        } catch (Exception e) {
            boolean gaveUp = attempt >= retry.maxAttempts();
            meters.failed(channel.name(), gaveUp);
            log.atWarn()
                    .addKeyValue("channel", channel.name())
                    .addKeyValue("group", n.groupKey())
                    .addKeyValue("idempotencyKey", n.idempotencyKey())
                    .addKeyValue("attempt", attempt)
                    .addKeyValue("error", e.getClass().getName() + ": " + e.getMessage())
                    .log(gaveUp ? "notification given up" : "notification failed; retried");
            if (gaveUp) {
                outcome.gaveUp(groupKey, channel.name(), n);
            } else {
                retryLater(groupKey, channel, n, attempt);
            }
            return;
        }
        meters.sent(channel.name(), n.status());
        outcome.delivered(groupKey, channel.name(), n);
    }

    private void retryLater(String groupKey, NotificationChannel channel, Notification n, int attempt) {
        synchronized (this) {
            if (stopped) {
                return;
            }
            Cancellable[] self = new Cancellable[1];
            self[0] = scheduler.schedule(retry.backoff(attempt), () -> {
                synchronized (this) {
                    retries.remove(self[0]);
                }
                submit(groupKey, channel, n, attempt + 1);
            });
            retries.add(self[0]);
        }
    }

    /** Cancels the retries that wait; the groups keep what was owed, so a restart sends it again. */
    synchronized void stop() {
        stopped = true;
        retries.forEach(Cancellable::cancel);
        retries.clear();
    }
}

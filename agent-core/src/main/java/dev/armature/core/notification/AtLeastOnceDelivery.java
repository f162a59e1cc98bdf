package dev.armature.core.notification;

import static java.util.Objects.requireNonNull;

import dev.armature.api.monitoring.Notification;
import dev.armature.api.time.Cancellable;
import dev.armature.api.time.Scheduler;
import dev.armature.spi.monitoring.NotificationChannel;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers notifications at least once. Each attempt runs on the given executor; a failed one is
 * retried after {@link Retry#backoff} on the system's scheduler, with the same notification and so the
 * same idempotency key, until it succeeds or the attempts run out. Thread-safe.
 *
 * @since 0.1
 */
public final class AtLeastOnceDelivery {
    private static final Logger log = LoggerFactory.getLogger(AtLeastOnceDelivery.class);

    /**
     * Told of each attempt's outcome, on the delivering thread.
     *
     * @since 0.1
     */
    public interface Outcome {
        /**
         * The channel accepted the notification.
         *
         * @param channel the channel
         * @param notification the notification
         */
        void delivered(NotificationChannel channel, Notification notification);

        /**
         * An attempt failed.
         *
         * @param channel the channel
         * @param notification the notification
         * @param attempt the attempt's number, from 1
         * @param gaveUp whether it was the last attempt
         * @param error what the channel threw; its message may be logged, never a secret
         */
        void failed(
                NotificationChannel channel, Notification notification, int attempt, boolean gaveUp, Exception error);
    }

    /**
     * How failed deliveries are retried: the wait doubles from {@code initialBackoff} up to {@code
     * maxBackoff}, for {@code maxAttempts} attempts in all.
     *
     * @param initialBackoff the wait after the first failure
     * @param maxBackoff the longest wait
     * @param maxAttempts attempts in all, at least 1
     * @since 0.1
     */
    public record Retry(Duration initialBackoff, Duration maxBackoff, int maxAttempts) {
        /** 5 s doubling to 5 min, 10 attempts: Alertmanager's order of magnitude. */
        public static final Retry DEFAULT = new Retry(Duration.ofSeconds(5), Duration.ofMinutes(5), 10);

        /**
         * Checks every part.
         *
         * @param initialBackoff positive
         * @param maxBackoff at least {@code initialBackoff}
         * @param maxAttempts at least 1
         */
        public Retry {
            requireNonNull(initialBackoff, "initialBackoff");
            requireNonNull(maxBackoff, "maxBackoff");
            if (initialBackoff.isNegative() || initialBackoff.isZero() || maxBackoff.compareTo(initialBackoff) < 0) {
                throw new IllegalArgumentException("retry backoff must be positive and max ≥ initial, was "
                        + initialBackoff + " and " + maxBackoff);
            }
            if (maxAttempts < 1) {
                throw new IllegalArgumentException("retry max attempts must be at least 1, was " + maxAttempts);
            }
        }

        /**
         * Returns the wait after the n-th failed attempt.
         *
         * @param attempt the failed attempt's number, from 1
         * @return the wait
         */
        public Duration backoff(int attempt) {
            Duration d = initialBackoff;
            for (int i = 1; i < attempt && d.compareTo(maxBackoff) < 0; i++) {
                d = d.multipliedBy(2);
            }
            return d.compareTo(maxBackoff) > 0 ? maxBackoff : d;
        }
    }

    private final Executor executor;
    private final Scheduler scheduler;
    private final Retry retry;
    private final Outcome outcome;
    private final Set<Cancellable> retries = new HashSet<>();
    private boolean stopped;

    /**
     * Creates a delivery.
     *
     * @param executor where attempts run; a full queue counts as a failed attempt
     * @param scheduler where retries wait
     * @param retry how failed attempts are retried
     * @param outcome told of each attempt
     */
    public AtLeastOnceDelivery(Executor executor, Scheduler scheduler, Retry retry, Outcome outcome) {
        this.executor = requireNonNull(executor, "executor");
        this.scheduler = requireNonNull(scheduler, "scheduler");
        this.retry = requireNonNull(retry, "retry");
        this.outcome = requireNonNull(outcome, "outcome");
    }

    /**
     * Delivers a notification to a channel; returns at once.
     *
     * @param channel the channel
     * @param notification the notification
     */
    public void send(NotificationChannel channel, Notification notification) {
        submit(channel, notification, 1);
    }

    private void submit(NotificationChannel channel, Notification n, int attempt) {
        synchronized (this) {
            if (stopped) {
                log.atWarn()
                        .addKeyValue("channel", channel.name())
                        .addKeyValue("idempotencyKey", n.idempotencyKey())
                        .log("notification not delivered: delivery stopped");
                return;
            }
        }
        try {
            executor.execute(() -> attempt(channel, n, attempt));
        } catch (RejectedExecutionException e) {
            // A full queue: the attempt counts as failed and waits its backoff.
            outcome.failed(channel, n, attempt, false, e);
            log.atWarn()
                    .addKeyValue("channel", channel.name())
                    .addKeyValue("idempotencyKey", n.idempotencyKey())
                    .log("notification queue full; retried");
            retryLater(channel, n, attempt);
        }
    }

    private void attempt(NotificationChannel channel, Notification n, int attempt) {
        try {
            channel.deliver(n);
        } catch (Exception e) {
            boolean gaveUp = attempt >= retry.maxAttempts();
            outcome.failed(channel, n, attempt, gaveUp, e);
            log.atWarn()
                    .addKeyValue("channel", channel.name())
                    .addKeyValue("group", n.groupKey())
                    .addKeyValue("idempotencyKey", n.idempotencyKey())
                    .addKeyValue("attempt", attempt)
                    .addKeyValue("error", e.getClass().getName() + ": " + e.getMessage())
                    .log(gaveUp ? "notification given up" : "notification failed; retried");
            if (!gaveUp) {
                retryLater(channel, n, attempt);
            }
            return;
        }
        outcome.delivered(channel, n);
    }

    private void retryLater(NotificationChannel channel, Notification n, int attempt) {
        synchronized (this) {
            if (stopped) {
                return;
            }
            Cancellable[] self = new Cancellable[1];
            self[0] = scheduler.schedule(retry.backoff(attempt), () -> {
                synchronized (this) {
                    retries.remove(self[0]);
                }
                submit(channel, n, attempt + 1);
            });
            retries.add(self[0]);
        }
    }

    /** Cancels the retries that wait and refuses further sends. */
    public synchronized void stop() {
        stopped = true;
        retries.forEach(Cancellable::cancel);
        retries.clear();
    }
}

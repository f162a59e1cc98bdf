package dev.armature.core.internal.resilience;

import static java.util.Objects.requireNonNull;

import com.google.common.base.Ticker;
import com.google.common.cache.CacheBuilder;
import com.google.common.cache.CacheLoader;
import com.google.common.cache.LoadingCache;
import com.google.common.cache.RemovalNotification;
import dev.armature.api.resilience.CircuitState;
import dev.armature.api.resilience.Classification;
import dev.armature.api.resilience.ErrorClass;
import dev.armature.api.resilience.Guard;
import dev.armature.api.resilience.GuardDescriptor;
import dev.armature.api.resilience.GuardEvent;
import dev.armature.api.resilience.GuardException;
import dev.armature.api.resilience.GuardRejectedException;
import dev.armature.api.resilience.GuardTimeoutException;
import dev.armature.api.resilience.GuardedCall;
import dev.armature.api.resilience.GuardedRun;
import dev.armature.api.time.Cancellable;
import dev.armature.core.internal.concurrent.LogContext;
import dev.armature.core.internal.metrics.CardinalityGuard;
import dev.armature.core.internal.resilience.limit.AdaptiveLimiter;
import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.internal.AtomicRateLimiter;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;
import org.jspecify.annotations.Nullable;

/**
 * Internal: a guard, or one key's guard under a name. Layers from the outside in: fallback (per
 * call), retry, circuit breaker, rate limiter, time limiter, bulkhead. Each attempt reads the
 * monotonic clock twice, at its start and its end, and every layer and the timer share those two
 * readings. The guard's own refusals (breaker open, rate limited, bulkhead full) are not retried: they
 * go straight to the fallback or the caller. Thread-safe.
 */
final class DefaultGuard implements Guard {
    private final Guards owner;
    private final String name;
    private final @Nullable String key;
    private final RandomGenerator retryRandom;
    private final RandomGenerator breakerRandom;
    private final GuardMeters meters;
    private final GuardOverrides overrides;
    private final Object lock = new Object();
    private volatile int lastPublishedLimit;
    private volatile Pipeline pipeline;
    /** The keyed guards under this name; only on the guard of the name itself, made on first use. */
    private volatile @Nullable LoadingCache<String, DefaultGuard> keyed;

    DefaultGuard(Guards owner, String name, @Nullable String key, String keyTag, GuardSettings settings) {
        this.owner = owner;
        this.name = name;
        this.key = key;
        String stream = "guard." + instanceName();
        this.retryRandom = owner.random.stream(stream + ".retry");
        this.breakerRandom = owner.random.stream(stream + ".breaker");
        this.meters = new GuardMeters(owner.meters, name, keyTag);
        this.overrides = owner.overrides(name);
        this.pipeline = build(null, settings);
        if (key == null || !keyTag.equals(CardinalityGuard.OTHER)) {
            meters.bindGauges(() -> pipeline);
        }
    }

    private String instanceName() {
        return key == null ? name : name + "[" + key + "]";
    }

    private Pipeline build(@Nullable Pipeline previous, GuardSettings s) {
        return Pipeline.build(
                previous,
                s,
                instanceName(),
                owner.time,
                retryRandom,
                breakerRandom,
                this::breakerChanged,
                this::limitChanged,
                meters);
    }

    /**
     * Applies new settings. A layer whose settings are unchanged keeps its state; a changed breaker
     * starts CLOSED with empty counts (published as a transition when it was not closed), a changed
     * budget starts full, a changed bulkhead or rate limiter starts empty.
     */
    void reconfigure(GuardSettings settings) {
        Pipeline before;
        Pipeline after;
        synchronized (lock) {
            before = pipeline;
            if (before.settings().equals(settings)) {
                return;
            }
            after = build(before, settings);
            pipeline = after;
        }
        Breaker old = before.breaker();
        if (old != null && old != after.breaker() && old.state() != CircuitState.CLOSED) {
            breakerChanged(
                    old.state(), after.breaker() == null ? CircuitState.DISABLED : CircuitState.CLOSED, "reconfigured");
        }
        LoadingCache<String, DefaultGuard> k = keyed;
        if (k != null) {
            if (!before.settings().keys().equals(settings.keys())) {
                k = rebuildCache(k, settings.keys());
                keyed = k;
            }
            for (DefaultGuard g : k.asMap().values()) {
                g.reconfigure(settings);
            }
        }
    }

    /**
     * Publishes a move of the adaptive limit once it has moved by a tenth since the last one published
     * (at least by one): AIMD moves it by one on most samples under load, which would flood the bus.
     */
    private void limitChanged(int from, int to) {
        int last = lastPublishedLimit;
        if (last == 0) {
            last = from;
        }
        if (Math.abs(to - last) >= Math.max(1, last / 10)) {
            lastPublishedLimit = to;
            owner.publish(new GuardEvent.ConcurrencyLimitChanged(name, last, to));
        }
    }

    private void breakerChanged(CircuitState from, CircuitState to, String reason) {
        owner.publish(new GuardEvent.CircuitStateChanged(name, Optional.ofNullable(key), from, to, reason));
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public <T> T call(GuardedCall<? extends T> operation) {
        return execute(requireNonNull(operation, "operation"), null);
    }

    @Override
    public <T> T call(GuardedCall<? extends T> operation, Function<Throwable, ? extends T> fallback) {
        return execute(requireNonNull(operation, "operation"), requireNonNull(fallback, "fallback"));
    }

    @Override
    public void run(GuardedRun operation) {
        requireNonNull(operation, "operation");
        GuardedCall<Boolean> call = () -> {
            operation.run();
            return Boolean.TRUE;
        };
        execute(call, null);
    }

    private <T> T execute(GuardedCall<? extends T> op, @Nullable Function<Throwable, ? extends T> fallback) {
        Pipeline p = pipeline;
        // A recovery's answer applies to the calls that begin while it is in force, not to one
        // that fails just as the answer arrives.
        Function<Throwable, ?> answer = overrides.answer;
        for (int attempt = 1; ; attempt++) {
            long start = owner.time.nanoTime();
            GuardRejectedException rejected = admit(p, start);
            if (rejected != null) {
                return finish(rejected, fallback, answer);
            }
            AdaptiveLimiter adaptive = p.adaptive();
            AdaptiveLimiter.Permit permit = null;
            if (adaptive != null) {
                permit = adaptive.tryAcquire(start).orElse(null);
                if (permit == null) {
                    return finish(refuseConcurrency(p, adaptive), fallback, answer);
                }
            }
            Throwable failure;
            Classification c;
            try {
                T value = p.settings().timeLimiter().enabled() ? callTimed(op, p) : op.call();
                long end = owner.time.nanoTime();
                succeeded(p, end - start, end, permit);
                overrides.succeeded(value);
                return value;
            } catch (Exception | Error t) {
                long end = owner.time.nanoTime();
                c = failed(p, t, end - start, end, permit);
                failure = t;
            }
            if (!retries(p, c, attempt)) {
                return finish(failure, fallback, answer);
            }
            awaitDelay(p.delays().delay(attempt, c.retryAfter()));
            p = pipeline; // a configuration change applies from the next attempt
        }
    }

    /** Passes the call through breaker, rate limiter and bulkhead, or says which refused it. */
    private @Nullable GuardRejectedException admit(Pipeline p, long start) {
        String forced = overrides.forcedOpen;
        if (forced != null) {
            meters.notPermitted.increment();
            return reject(GuardRejectedException.Reason.CIRCUIT_OPEN, null, "its circuit is forced open: " + forced);
        }
        Breaker breaker = p.breaker();
        if (breaker != null && !breaker.tryAcquire(start)) {
            meters.notPermitted.increment();
            Duration wait = breaker.remainingOpen(start);
            return reject(
                    GuardRejectedException.Reason.CIRCUIT_OPEN, wait, "its circuit breaker is " + breaker.state());
        }
        RateLimiter limiter = p.limiter();
        if (limiter != null && !limiter.acquirePermission(1)) {
            if (breaker != null) {
                breaker.release();
            }
            Duration wait = limiter instanceof AtomicRateLimiter a
                    ? Duration.ofNanos(Math.max(0, a.getDetailedMetrics().getNanosToWait()))
                    : null;
            return reject(GuardRejectedException.Reason.RATE_LIMITED, wait, "its rate limit is used up");
        }
        Bulkhead bulkhead = p.bulkhead();
        if (bulkhead != null && !bulkhead.tryAcquirePermission()) {
            if (breaker != null) {
                breaker.release();
            }
            return reject(
                    GuardRejectedException.Reason.BULKHEAD_FULL,
                    null,
                    "its bulkhead of " + p.settings().bulkhead().maxConcurrentCalls() + " calls is full");
        }
        return null;
    }

    private GuardRejectedException reject(
            GuardRejectedException.Reason reason, @Nullable Duration retryAfter, String why) {
        meters.rejections(reason).increment();
        String key = this.key == null ? "" : " (key " + this.key + ")";
        return new GuardRejectedException(
                name,
                reason,
                retryAfter,
                "guard " + name + key + " refused the call because " + why
                        + (retryAfter != null ? "; try again after " + retryAfter : "")
                        + "; see armature.guards." + name + ".* for its limits");
    }

    /** The adaptive limit is reached: releases what admit() took and says so. */
    private GuardRejectedException refuseConcurrency(Pipeline p, AdaptiveLimiter adaptive) {
        Bulkhead bulkhead = p.bulkhead();
        if (bulkhead != null) {
            bulkhead.onComplete();
        }
        Breaker breaker = p.breaker();
        if (breaker != null) {
            breaker.release();
        }
        return reject(
                GuardRejectedException.Reason.CONCURRENCY_LIMITED,
                null,
                "its adaptive concurrency limit of " + adaptive.limit() + " calls in flight is reached");
    }

    private void succeeded(Pipeline p, long nanos, long end, AdaptiveLimiter.@Nullable Permit permit) {
        if (permit != null) {
            permit.onSuccess(end);
        }
        Bulkhead bulkhead = p.bulkhead();
        if (bulkhead != null) {
            bulkhead.onComplete();
        }
        Breaker breaker = p.breaker();
        if (breaker != null) {
            breaker.onSuccess(nanos, end);
        }
        p.budget().onSuccess();
        p.successTimer().record(nanos, TimeUnit.NANOSECONDS);
    }

    private Classification failed(
            Pipeline p, Throwable t, long nanos, long end, AdaptiveLimiter.@Nullable Permit permit) {
        Bulkhead bulkhead = p.bulkhead();
        if (bulkhead != null) {
            bulkhead.onComplete();
        }
        Classification c = owner.classifiers.classify(t);
        if (permit != null) {
            // Transient and throttled failures (timeouts, refusals) say the dependency is at capacity;
            // a permanent or ignored one says nothing about its capacity.
            switch (c.errorClass()) {
                case TRANSIENT, THROTTLED -> permit.onDropped(end);
                case PERMANENT, IGNORED -> permit.onIgnore();
            }
        }
        Breaker breaker = p.breaker();
        switch (c.errorClass()) {
            case IGNORED -> {
                if (breaker != null) {
                    breaker.onIgnored(end);
                }
                p.ignoredTimer().record(nanos, TimeUnit.NANOSECONDS);
            }
            case THROTTLED -> {
                if (breaker != null) {
                    breaker.onThrottled(nanos, end, t, c.retryAfter().orElse(Duration.ZERO));
                }
                p.budget().onFailure();
                p.failureTimer().record(nanos, TimeUnit.NANOSECONDS);
            }
            case TRANSIENT, PERMANENT -> {
                if (breaker != null) {
                    breaker.onFailure(nanos, end, t);
                }
                if (c.errorClass() == ErrorClass.TRANSIENT) {
                    p.budget().onFailure();
                }
                p.failureTimer().record(nanos, TimeUnit.NANOSECONDS);
            }
        }
        owner.failed(name, key == null ? "" : key, t, c.errorClass());
        return c;
    }

    /**
     * Whether a failed attempt is tried again: a retryable class, attempts left, a retry-after no
     * longer than max-delay, budget left.
     */
    private boolean retries(Pipeline p, Classification c, int attempt) {
        if (attempt >= p.maxAttempts()
                || (c.errorClass() != ErrorClass.TRANSIENT && c.errorClass() != ErrorClass.THROTTLED)) {
            return false;
        }
        if (c.retryAfter().isPresent()
                && c.retryAfter().get().compareTo(p.settings().retry().maxDelay()) > 0) {
            // The dependency asked for a longer wait than this guard ever waits between attempts.
            return false;
        }
        if (!p.budget().allowsRetry()) {
            meters.budgetExhausted.increment();
            if (p.budget().startsExhaustion()) {
                owner.publish(new GuardEvent.RetryBudgetExhausted(
                        name, p.budget().tokens(), p.budget().maxTokens()));
            }
            return false;
        }
        meters.retries.increment();
        return true;
    }

    private <T> T finish(
            Throwable failure,
            @Nullable Function<Throwable, ? extends T> fallback,
            @Nullable Function<Throwable, ?> answer) {
        if (fallback != null) {
            meters.fallbacks.increment();
            return fallback.apply(failure);
        }
        if (answer != null) {
            meters.fallbacks.increment();
            @SuppressWarnings("unchecked") // a recovery's answer is what the guard's callers expect, as documented
            T value = (T) answer.apply(failure);
            return value;
        }
        if (failure instanceof RuntimeException r) {
            throw r;
        }
        if (failure instanceof Error e) {
            throw e;
        }
        if (failure instanceof InterruptedException) {
            // Whoever threw it cleared the flag; the caller's thread must still see it.
            Thread.currentThread().interrupt();
        }
        throw new GuardException(
                "armature.guard.failed",
                name,
                "guarded call " + name + " failed with " + failure.getClass().getName()
                        + "; the cause is the operation's last failure",
                failure);
    }

    /** Runs one attempt on the worker executor and waits for it at most the time limit. */
    private <T> T callTimed(GuardedCall<? extends T> op, Pipeline p) throws Exception {
        Duration timeout = p.settings().timeLimiter().timeout();
        FutureTask<T> task = new FutureTask<>(op::call);
        // The timer first: the limit counts from before the attempt can begin.
        Cancellable timer = owner.scheduler.schedule(timeout, () -> task.cancel(true));
        try {
            // The attempt runs on a worker, maybe the host's: it logs under the caller's MDC.
            owner.workers.execute(LogContext.wrap(task));
        } catch (RuntimeException e) {
            timer.cancel();
            throw e;
        }
        try {
            return task.get();
        } catch (CancellationException e) {
            // Only the timer cancels the task.
            throw new GuardTimeoutException(name, timeout);
        } catch (ExecutionException e) {
            Throwable cause = requireNonNull(e.getCause(), "cause");
            if (cause instanceof Error err) {
                throw err;
            }
            throw (Exception) cause;
        } catch (InterruptedException e) {
            task.cancel(true);
            Thread.currentThread().interrupt();
            throw e;
        } finally {
            timer.cancel();
        }
    }

    /** Waits for a delay measured on the system's scheduler, so that virtual time drives it in tests. */
    private void awaitDelay(Duration delay) {
        if (delay.isZero() || delay.isNegative()) {
            return;
        }
        CompletableFuture<@Nullable Void> due = new CompletableFuture<>();
        Cancellable task = owner.scheduler.schedule(delay, () -> due.complete(null));
        try {
            due.get();
        } catch (InterruptedException e) {
            task.cancel();
            Thread.currentThread().interrupt();
            throw new GuardException(
                    "armature.guard.interrupted",
                    name,
                    "the thread calling guard " + name + " was interrupted while it waited " + delay
                            + " to retry; the call was abandoned",
                    e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("a retry delay cannot fail", e);
        }
    }

    @Override
    public <T> CompletionStage<T> callAsync(Supplier<? extends CompletionStage<T>> operation) {
        requireNonNull(operation, "operation");
        CompletableFuture<T> result = new CompletableFuture<>();
        attemptAsync(operation, result, 1, overrides.answer);
        return result;
    }

    private <T> void attemptAsync(
            Supplier<? extends CompletionStage<T>> op,
            CompletableFuture<T> result,
            int attempt,
            @Nullable Function<Throwable, ?> answer) {
        Pipeline p = pipeline;
        long start = owner.time.nanoTime();
        GuardRejectedException rejected = admit(p, start);
        if (rejected != null) {
            failAsync(result, rejected, answer);
            return;
        }
        AdaptiveLimiter adaptive = p.adaptive();
        AdaptiveLimiter.Permit permit = null;
        if (adaptive != null) {
            permit = adaptive.tryAcquire(start).orElse(null);
            if (permit == null) {
                failAsync(result, refuseConcurrency(p, adaptive), answer);
                return;
            }
        }
        AdaptiveLimiter.Permit admitted = permit;
        CompletableFuture<T> outcome = new CompletableFuture<>();
        CompletionStage<T> stage;
        try {
            stage = requireNonNull(op.get(), "the operation returned no stage");
        } catch (RuntimeException | Error e) {
            stage = CompletableFuture.failedFuture(e);
        }
        Cancellable timer = null;
        if (p.settings().timeLimiter().enabled()) {
            Duration timeout = p.settings().timeLimiter().timeout();
            CompletionStage<T> attemptStage = stage;
            timer = owner.scheduler.schedule(timeout, () -> {
                if (outcome.completeExceptionally(new GuardTimeoutException(name, timeout))
                        && attemptStage instanceof Future<?> f) {
                    f.cancel(true);
                }
            });
        }
        stage.whenComplete((v, t) -> {
            if (t == null) {
                outcome.complete(v);
            } else {
                outcome.completeExceptionally(
                        t instanceof CompletionException && t.getCause() != null ? t.getCause() : t);
            }
        });
        Cancellable timeoutTask = timer;
        // The stage is the caller's result's source; failures inside end up in result, not here.
        var unused = outcome.whenComplete((v, t) -> {
            try {
                if (timeoutTask != null) {
                    timeoutTask.cancel();
                }
                long end = owner.time.nanoTime();
                if (t == null) {
                    succeeded(p, end - start, end, admitted);
                    overrides.succeeded(v);
                    result.complete(v);
                    return;
                }
                Classification c = failed(p, t, end - start, end, admitted);
                if (!retries(p, c, attempt)) {
                    failAsync(result, t, answer);
                    return;
                }
                Duration delay = p.delays().delay(attempt, c.retryAfter());
                // The next attempt starts on the scheduler's thread, maybe the host's: under this MDC.
                owner.scheduler.schedule(delay, LogContext.wrap(() -> attemptAsync(op, result, attempt + 1, answer)));
            } catch (RuntimeException | Error e) {
                result.completeExceptionally(e);
            }
        });
    }

    /** Fails an asynchronous call, unless a recovery's fallback answers it. */
    private <T> void failAsync(
            CompletableFuture<T> result, Throwable failure, @Nullable Function<Throwable, ?> answer) {
        if (answer == null) {
            result.completeExceptionally(failure);
            return;
        }
        meters.fallbacks.increment();
        @SuppressWarnings("unchecked") // a recovery's answer is what the guard's callers expect, as documented
        T value = (T) answer.apply(failure);
        result.complete(value);
    }

    /** Publishes the move into or out of a forced-open circuit. */
    void forcedOpenChanged(boolean forced, String reason) {
        Breaker b = pipeline.breaker();
        CircuitState underlying = b == null ? CircuitState.DISABLED : b.state();
        breakerChanged(
                forced ? underlying : CircuitState.FORCED_OPEN, forced ? CircuitState.FORCED_OPEN : underlying, reason);
    }

    @Override
    public boolean forceOpen(String holder, String reason) {
        return owner.forceOpen(name, holder, reason);
    }

    @Override
    public boolean releaseForce(String holder, String reason) {
        return owner.release(name, holder, reason);
    }

    @Override
    public void closeCircuit(String reason) {
        requireNonNull(reason, "reason");
        Breaker b = pipeline.breaker();
        if (b != null) {
            b.close(owner.time.nanoTime(), reason);
        }
    }

    @Override
    public Guard forKey(String key) {
        requireNonNull(key, "key");
        if (this.key != null) {
            throw new IllegalStateException("guard " + instanceName() + " is already keyed; call forKey on"
                    + " system.guard(\"" + name + "\")");
        }
        if (key.isBlank() || key.length() > Guards.MAX_KEY_LENGTH) {
            throw new IllegalArgumentException("a guard's key must be non-blank and at most " + Guards.MAX_KEY_LENGTH
                    + " characters, was \"" + key + "\" for guard " + name);
        }
        LoadingCache<String, DefaultGuard> k = keyed;
        if (k == null) {
            synchronized (lock) {
                k = keyed;
                if (k == null) {
                    k = newCache(pipeline.settings().keys());
                    keyed = k;
                }
            }
        }
        return k.getUnchecked(key);
    }

    private LoadingCache<String, DefaultGuard> newCache(GuardSettings.Keys keys) {
        return CacheBuilder.newBuilder()
                .ticker(new Ticker() {
                    @Override
                    public long read() {
                        return owner.time.nanoTime();
                    }
                })
                .expireAfterAccess(keys.idleTtl())
                .maximumSize(keys.max())
                .removalListener((RemovalNotification<String, DefaultGuard> n) -> {
                    DefaultGuard g = n.getValue();
                    if (g != null) {
                        g.meters.unbindGauges();
                    }
                })
                .build(new CacheLoader<String, DefaultGuard>() {
                    @Override
                    public DefaultGuard load(String k) {
                        return new DefaultGuard(
                                owner,
                                name,
                                k,
                                owner.keyTag(name, k, pipeline.settings().keys().maxTagged()),
                                pipeline.settings());
                    }
                });
    }

    private LoadingCache<String, DefaultGuard> rebuildCache(
            LoadingCache<String, DefaultGuard> old, GuardSettings.Keys keys) {
        LoadingCache<String, DefaultGuard> fresh = newCache(keys);
        fresh.putAll(old.asMap());
        return fresh;
    }

    @Override
    public CircuitState circuitState() {
        if (overrides.forcedOpen != null) {
            return CircuitState.FORCED_OPEN;
        }
        Breaker b = pipeline.breaker();
        return b == null ? CircuitState.DISABLED : b.state();
    }

    @Override
    public GuardDescriptor descriptor() {
        return new GuardDescriptor(
                name, Optional.ofNullable(key), pipeline.settings().layers(false));
    }

    @Override
    public String toString() {
        return "Guard[" + instanceName() + "]";
    }
}

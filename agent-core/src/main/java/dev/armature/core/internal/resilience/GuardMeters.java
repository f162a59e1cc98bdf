package dev.armature.core.internal.resilience;

import dev.armature.api.resilience.CircuitState;
import dev.armature.api.resilience.GuardRejectedException;
import dev.armature.core.internal.metrics.Meters;
import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.micrometer.tagged.BulkheadMetricNames;
import io.github.resilience4j.micrometer.tagged.CircuitBreakerMetricNames;
import io.github.resilience4j.micrometer.tagged.RateLimiterMetricNames;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;
import org.jspecify.annotations.Nullable;

/**
 * Internal: one guard's meters. The circuit breaker's, bulkhead's and rate limiter's keep
 * Resilience4j's names and its {@code name} tag (plus {@code key}), so existing dashboards work; the
 * guard's own are {@code armature.guard.*}. Each attempt records one timer: Resilience4j's {@code
 * resilience4j.circuitbreaker.calls} (kind {@code successful}, {@code failed}, {@code ignored}) when
 * the guard has a breaker, else {@code armature.guard.calls} (outcome {@code success}, {@code
 * failure}, {@code ignored}). Gauges are registered only for the guard itself and its tagged keys;
 * keys folded into {@code OTHER} share counters and timers but have no gauges.
 */
final class GuardMeters {
    static final String NO_KEY = "none";
    private static final CircuitBreakerMetricNames CB = CircuitBreakerMetricNames.ofDefaults();
    private static final BulkheadMetricNames BH = BulkheadMetricNames.ofDefaults();
    private static final RateLimiterMetricNames RL = RateLimiterMetricNames.ofDefaults();

    private final Meters meters;
    private final MeterRegistry registry;
    private final String guard;
    private final String keyTag;
    private final List<Meter> gauges = new ArrayList<>();
    final Counter retries;
    final Counter fallbacks;
    final Counter budgetExhausted;
    final Counter notPermitted;
    private final Map<GuardRejectedException.Reason, Counter> rejections =
            new EnumMap<>(GuardRejectedException.Reason.class);

    GuardMeters(Meters meters, String guard, String keyTag) {
        this.meters = meters;
        this.registry = meters.registry();
        this.guard = guard;
        this.keyTag = keyTag;
        this.retries = counter("armature.guard.retries", "Retries the guard scheduled", Tags.empty());
        this.fallbacks = counter("armature.guard.fallbacks", "Calls answered by their fallback", Tags.empty());
        this.budgetExhausted = counter(
                "armature.guard.retry.budget.exhausted",
                "Retries refused because the retry budget ran dry",
                Tags.empty());
        this.notPermitted = meters.keep(Counter.builder(CB.getNotPermittedCallsMetricName())
                .description("Calls the circuit breaker refused")
                .tags(r4jTags())
                .register(registry));
        for (GuardRejectedException.Reason r : GuardRejectedException.Reason.values()) {
            rejections.put(
                    r,
                    counter(
                            "armature.guard.rejections",
                            "Calls the guard refused without running them",
                            Tags.of("reason", r.name().toLowerCase(Locale.ROOT).replace('_', '-'))));
        }
    }

    private Tags armatureTags() {
        return Tags.of("guard", guard, "key", keyTag);
    }

    private Tags r4jTags() {
        return Tags.of("name", guard, "key", keyTag);
    }

    private Counter counter(String name, String description, Tags extra) {
        return meters.keep(Counter.builder(name)
                .description(description)
                .tags(armatureTags().and(extra))
                .register(registry));
    }

    Counter rejections(GuardRejectedException.Reason reason) {
        Counter c = rejections.get(reason);
        if (c == null) {
            throw new IllegalStateException("no counter for " + reason);
        }
        return c;
    }

    /** Returns the success, failure and ignored timers of an attempt. */
    Timer[] attemptTimers(boolean breaker) {
        if (breaker) {
            return new Timer[] {
                timer(CB.getCallsMetricName(), r4jTags().and("kind", "successful")),
                timer(CB.getCallsMetricName(), r4jTags().and("kind", "failed")),
                timer(CB.getCallsMetricName(), r4jTags().and("kind", "ignored"))
            };
        }
        return new Timer[] {
            timer("armature.guard.calls", armatureTags().and("outcome", "success")),
            timer("armature.guard.calls", armatureTags().and("outcome", "failure")),
            timer("armature.guard.calls", armatureTags().and("outcome", "ignored"))
        };
    }

    private Timer timer(String name, Tags tags) {
        return meters.keep(Timer.builder(name)
                .description("Attempts of guarded calls, by outcome")
                .tags(tags)
                .register(registry));
    }

    /** Registers the gauges, which read the guard's current layers. */
    void bindGauges(Supplier<Pipeline> pipeline) {
        for (CircuitState s :
                List.of(CircuitState.CLOSED, CircuitState.OPEN, CircuitState.HALF_OPEN, CircuitState.FORCED_OPEN)) {
            String state = s.name().toLowerCase(Locale.ROOT);
            gauge(CB.getStateMetricName(), r4jTags().and("state", state), pipeline, p -> {
                Breaker b = p.breaker();
                return b != null && b.state() == s ? 1 : 0;
            });
        }
        gauge(CB.getFailureRateMetricName(), r4jTags(), pipeline, p -> breakerFigure(p.breaker(), true));
        gauge(CB.getSlowCallRateMetricName(), r4jTags(), pipeline, p -> breakerFigure(p.breaker(), false));
        gauge(CB.getBufferedCallsMetricName(), r4jTags().and("kind", "successful"), pipeline, p -> {
            Breaker b = p.breaker();
            return b == null ? Double.NaN : b.metrics().getNumberOfSuccessfulCalls();
        });
        gauge(CB.getBufferedCallsMetricName(), r4jTags().and("kind", "failed"), pipeline, p -> {
            Breaker b = p.breaker();
            return b == null ? Double.NaN : b.metrics().getNumberOfFailedCalls();
        });
        gauge(BH.getAvailableConcurrentCallsMetricName(), r4jTags(), pipeline, p -> {
            Bulkhead b = p.bulkhead();
            return b == null ? Double.NaN : b.getMetrics().getAvailableConcurrentCalls();
        });
        gauge(BH.getMaxAllowedConcurrentCallsMetricName(), r4jTags(), pipeline, p -> {
            Bulkhead b = p.bulkhead();
            return b == null ? Double.NaN : b.getMetrics().getMaxAllowedConcurrentCalls();
        });
        gauge(RL.getAvailablePermissionsMetricName(), r4jTags(), pipeline, p -> {
            RateLimiter r = p.limiter();
            return r == null ? Double.NaN : r.getMetrics().getAvailablePermissions();
        });
        gauge("armature.guard.retry.budget.tokens", armatureTags(), pipeline, p -> p.budget()
                .tokens());
        gauge("armature.guard.concurrency.limit", armatureTags(), pipeline, p -> {
            var a = p.adaptive();
            return a == null ? Double.NaN : a.limit();
        });
        gauge("armature.guard.concurrency.inflight", armatureTags(), pipeline, p -> {
            var a = p.adaptive();
            return a == null ? Double.NaN : a.inflight();
        });
    }

    private static double breakerFigure(@Nullable Breaker b, boolean failureRate) {
        if (b == null) {
            return Double.NaN;
        }
        return failureRate ? b.metrics().getFailureRate() : b.metrics().getSlowCallRate();
    }

    private void gauge(String name, Tags tags, Supplier<Pipeline> pipeline, ToDoubleFunction<Pipeline> f) {
        Gauge g = Gauge.builder(name, pipeline, s -> f.applyAsDouble(s.get()))
                .tags(tags)
                .strongReference(true)
                .register(registry);
        synchronized (gauges) {
            gauges.add(meters.keep(g));
        }
    }

    /** Removes the gauges, when a keyed guard is evicted; shared counters and timers stay. */
    void unbindGauges() {
        synchronized (gauges) {
            gauges.forEach(meters::forget);
            gauges.clear();
        }
    }
}

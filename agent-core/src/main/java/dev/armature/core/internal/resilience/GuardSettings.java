package dev.armature.core.internal.resilience;

import dev.armature.api.config.ConfigSnapshot;
import dev.armature.api.resilience.GuardLayer;
import dev.armature.core.internal.resilience.limit.AdaptiveLimiterSettings;
import dev.armature.core.internal.resilience.limit.AimdSettings;
import dev.armature.core.internal.resilience.limit.Gradient2Settings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Internal: one guard's settings as the configuration makes them. Each key is read from {@code
 * armature.guards.<name>.<key>}, else from {@code armature.guards.default.<key>}, else the code's
 * default below. One record per layer, so that a change rebuilds only the layers whose record changed.
 */
record GuardSettings(
        Retry retry,
        Budget budget,
        Breaker breaker,
        RateLimiter rateLimiter,
        TimeLimiter timeLimiter,
        Bulkhead bulkhead,
        Adaptive adaptive,
        Keys keys) {
    static final String PREFIX = "armature.guards.";
    static final String DEFAULT_SECTION = "default";

    record Retry(
            boolean enabled,
            int maxAttempts,
            Duration initialDelay,
            double multiplier,
            Duration maxDelay,
            double jitter) {}

    record Budget(int maxTokens, double tokenRatio) {}

    record Breaker(
            boolean enabled,
            float failureRateThreshold,
            float slowCallRateThreshold,
            Duration slowCallDuration,
            int slidingWindowSize,
            int minimumNumberOfCalls,
            int consecutiveFailures,
            int failuresPerWindow,
            Duration failuresWindow,
            Duration waitInOpen,
            double waitJitter,
            int maxConcurrentProbes) {}

    record RateLimiter(boolean enabled, int limitForPeriod, Duration refreshPeriod) {}

    record TimeLimiter(boolean enabled, Duration timeout) {}

    record Bulkhead(boolean enabled, int maxConcurrentCalls) {}

    /** The adaptive concurrency limiter; its options are read only when it is enabled. */
    record Adaptive(boolean enabled, AdaptiveLimiterSettings limiter) {}

    /** The options of {@code adaptive-limiter.*} besides {@code enabled}, as the limiter names them. */
    static final List<String> ADAPTIVE_OPTIONS = List.of(
            AdaptiveLimiterSettings.ALGORITHM,
            AdaptiveLimiterSettings.INITIAL_LIMIT,
            AdaptiveLimiterSettings.MIN_LIMIT,
            AdaptiveLimiterSettings.MAX_LIMIT,
            AimdSettings.BACKOFF_RATIO,
            AimdSettings.TIMEOUT,
            Gradient2Settings.SMOOTHING,
            Gradient2Settings.QUEUE_SIZE,
            Gradient2Settings.RTT_TOLERANCE,
            Gradient2Settings.LONG_WINDOW);

    record Keys(int max, Duration idleTtl, int maxTagged) {}

    /** Reads a guard's settings from a snapshot. */
    static GuardSettings read(ConfigSnapshot config, String name) {
        Reader r = new Reader(config, name);
        return new GuardSettings(
                new Retry(
                        r.get("retry.enabled", Boolean.class, true),
                        r.get("retry.max-attempts", Integer.class, 3),
                        r.get("retry.initial-delay", Duration.class, Duration.ofMillis(100)),
                        r.get("retry.multiplier", Double.class, 2.0),
                        r.get("retry.max-delay", Duration.class, Duration.ofSeconds(10)),
                        r.get("retry.jitter", Double.class, 0.5)),
                new Budget(
                        r.get("retry.budget.max-tokens", Integer.class, 10),
                        r.get("retry.budget.token-ratio", Double.class, 0.1)),
                new Breaker(
                        r.get("circuit-breaker.enabled", Boolean.class, true),
                        r.get("circuit-breaker.failure-rate-threshold", Double.class, 50.0)
                                .floatValue(),
                        r.get("circuit-breaker.slow-call-rate-threshold", Double.class, 100.0)
                                .floatValue(),
                        r.get("circuit-breaker.slow-call-duration", Duration.class, Duration.ofSeconds(60)),
                        r.get("circuit-breaker.sliding-window-size", Integer.class, 100),
                        r.get("circuit-breaker.minimum-number-of-calls", Integer.class, 20),
                        r.get("circuit-breaker.consecutive-failures", Integer.class, 0),
                        r.get("circuit-breaker.failures-per-window", Integer.class, 0),
                        r.get("circuit-breaker.failures-window", Duration.class, Duration.ofSeconds(60)),
                        r.get("circuit-breaker.wait-in-open", Duration.class, Duration.ofSeconds(60)),
                        r.get("circuit-breaker.wait-jitter", Double.class, 0.0),
                        r.get("circuit-breaker.max-concurrent-probes", Integer.class, 5)),
                new RateLimiter(
                        r.get("rate-limiter.enabled", Boolean.class, false),
                        r.get("rate-limiter.limit-for-period", Integer.class, 50),
                        r.get("rate-limiter.refresh-period", Duration.class, Duration.ofSeconds(1))),
                new TimeLimiter(
                        r.get("time-limiter.enabled", Boolean.class, false),
                        r.get("time-limiter.timeout", Duration.class, Duration.ofSeconds(30))),
                new Bulkhead(
                        r.get("bulkhead.enabled", Boolean.class, false),
                        r.get("bulkhead.max-concurrent-calls", Integer.class, 25)),
                readAdaptive(r, name),
                new Keys(
                        r.get("keys.max", Integer.class, 1000),
                        r.get("keys.idle-ttl", Duration.class, Duration.ofHours(1)),
                        r.get("keys.max-tagged", Integer.class, 20)));
    }

    private static Adaptive readAdaptive(Reader r, String name) {
        if (!r.get("adaptive-limiter.enabled", Boolean.class, false)) {
            return new Adaptive(false, AdaptiveLimiterSettings.defaults());
        }
        Map<String, String> options = new LinkedHashMap<>();
        for (String option : ADAPTIVE_OPTIONS) {
            r.find("adaptive-limiter." + option).ifPresent(v -> options.put(option, v));
        }
        return new Adaptive(true, AdaptiveLimiterSettings.fromOptions(PREFIX + name + ".adaptive-limiter", options));
    }

    /** Returns the layers these settings build, outermost first, with their options. */
    List<GuardLayer> layers(boolean withFallback) {
        List<GuardLayer> out = new ArrayList<>();
        if (withFallback) {
            out.add(new GuardLayer(GuardLayer.Kind.FALLBACK, Map.of()));
        }
        if (retry.enabled() && retry.maxAttempts() > 1) {
            out.add(new GuardLayer(
                    GuardLayer.Kind.RETRY,
                    options(
                            "max-attempts", retry.maxAttempts(),
                            "initial-delay", retry.initialDelay(),
                            "multiplier", retry.multiplier(),
                            "max-delay", retry.maxDelay(),
                            "jitter", retry.jitter(),
                            "budget.max-tokens", budget.maxTokens(),
                            "budget.token-ratio", budget.tokenRatio())));
        }
        if (breaker.enabled()) {
            out.add(new GuardLayer(
                    GuardLayer.Kind.CIRCUIT_BREAKER,
                    options(
                            "failure-rate-threshold", breaker.failureRateThreshold(),
                            "slow-call-rate-threshold", breaker.slowCallRateThreshold(),
                            "slow-call-duration", breaker.slowCallDuration(),
                            "sliding-window-size", breaker.slidingWindowSize(),
                            "minimum-number-of-calls", breaker.minimumNumberOfCalls(),
                            "consecutive-failures", breaker.consecutiveFailures(),
                            "failures-per-window", breaker.failuresPerWindow(),
                            "failures-window", breaker.failuresWindow(),
                            "wait-in-open", breaker.waitInOpen(),
                            "wait-jitter", breaker.waitJitter(),
                            "max-concurrent-probes", breaker.maxConcurrentProbes())));
        }
        if (rateLimiter.enabled()) {
            out.add(new GuardLayer(
                    GuardLayer.Kind.RATE_LIMITER,
                    options(
                            "limit-for-period", rateLimiter.limitForPeriod(),
                            "refresh-period", rateLimiter.refreshPeriod())));
        }
        if (timeLimiter.enabled()) {
            out.add(new GuardLayer(GuardLayer.Kind.TIME_LIMITER, options("timeout", timeLimiter.timeout())));
        }
        if (bulkhead.enabled()) {
            out.add(new GuardLayer(
                    GuardLayer.Kind.BULKHEAD, options("max-concurrent-calls", bulkhead.maxConcurrentCalls())));
        }
        if (adaptive.enabled()) {
            out.add(new GuardLayer(
                    GuardLayer.Kind.ADAPTIVE_LIMITER, adaptive.limiter().toOptions()));
        }
        return out;
    }

    private static Map<String, String> options(Object... pairs) {
        Map<String, String> out = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            out.put((String) pairs[i], String.valueOf(pairs[i + 1]));
        }
        return out;
    }

    /** Reads one key with the guard's section, then the default section, then the code's value. */
    private record Reader(ConfigSnapshot config, String name) {
        <T> T get(String key, Class<T> type, T codeDefault) {
            Optional<T> own = config.getOptional(PREFIX + name + "." + key, type);
            if (own.isPresent()) {
                return own.get();
            }
            return config.getOptional(PREFIX + DEFAULT_SECTION + "." + key, type)
                    .orElse(codeDefault);
        }

        /** The text of a key without a code default: the guard's section, then the default section. */
        Optional<String> find(String key) {
            Optional<String> own = config.getOptional(PREFIX + name + "." + key, String.class);
            return own.isPresent() ? own : config.getOptional(PREFIX + DEFAULT_SECTION + "." + key, String.class);
        }
    }
}

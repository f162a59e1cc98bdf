package dev.armature.core.internal.resilience;

import dev.armature.api.config.ConfigException;
import dev.armature.api.config.ConfigSnapshot;
import dev.armature.api.resilience.GuardLayer;
import dev.armature.core.internal.resilience.limit.AdaptiveLimiterSettings;
import dev.armature.core.internal.resilience.limit.AimdSettings;
import dev.armature.core.internal.resilience.limit.Gradient2Settings;
import dev.armature.core.internal.resilience.limit.InvalidOptionException;
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
    private static final String ADAPTIVE = "adaptive-limiter.";

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

    /** The options only AIMD takes, in the order a refusal names them. */
    private static final List<String> AIMD_ONLY = List.of(AimdSettings.BACKOFF_RATIO, AimdSettings.TIMEOUT);

    /** The options only Gradient2 takes, in the order a refusal names them. */
    private static final List<String> GRADIENT2_ONLY = List.of(
            Gradient2Settings.LONG_WINDOW,
            Gradient2Settings.QUEUE_SIZE,
            Gradient2Settings.RTT_TOLERANCE,
            Gradient2Settings.SMOOTHING);

    /** A value the schema accepts alone that contradicts another, as configuration reads code it. */
    private static final String INVALID_CODE = "armature.config.invalid";

    record Keys(int max, Duration idleTtl, int maxTagged) {}

    /**
     * Reads a guard's settings from a snapshot the schema has checked.
     *
     * @throws ConfigException naming the key, when the adaptive limiter's options contradict each other
     */
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
                readAdaptive(r),
                new Keys(
                        r.get("keys.max", Integer.class, 1000),
                        r.get("keys.idle-ttl", Duration.class, Duration.ofHours(1)),
                        r.get("keys.max-tagged", Integer.class, 20)));
    }

    /**
     * Reads the adaptive limiter's options, only when it is enabled. The schema has checked each
     * option alone; what is left is what it cannot see: options of the other algorithm, and limits
     * that contradict each other.
     *
     * @throws ConfigException naming the key at fault
     */
    private static Adaptive readAdaptive(Reader r) {
        if (!r.get("adaptive-limiter.enabled", Boolean.class, false)) {
            return new Adaptive(false, AdaptiveLimiterSettings.defaults());
        }
        // The schema allows only aimd and gradient2.
        String algorithm = r.get("adaptive-limiter.algorithm", String.class, AimdSettings.NAME);
        boolean aimd = !algorithm.equals(Gradient2Settings.NAME);
        for (String option : aimd ? GRADIENT2_ONLY : AIMD_ONLY) {
            Optional<String> key = r.source(ADAPTIVE + option);
            if (key.isPresent()) {
                throw new ConfigException(
                        INVALID_CODE,
                        key.get() + " applies only to algorithm " + (aimd ? Gradient2Settings.NAME : AimdSettings.NAME)
                                + ", but " + r.keyOf("adaptive-limiter.algorithm") + " is " + algorithm
                                + "; remove it or change the algorithm",
                        key.get(),
                        null);
            }
        }
        int min = r.get("adaptive-limiter.min-limit", Integer.class, AdaptiveLimiterSettings.DEFAULT_MIN_LIMIT);
        int max = r.get("adaptive-limiter.max-limit", Integer.class, AdaptiveLimiterSettings.DEFAULT_MAX_LIMIT);
        // A default initial limit follows bounds set without it, so max-limit=10 alone is valid.
        int initial = r.get(
                "adaptive-limiter.initial-limit",
                Integer.class,
                Math.max(min, Math.min(max, AdaptiveLimiterSettings.DEFAULT_INITIAL_LIMIT)));
        try {
            if (aimd) {
                return new Adaptive(
                        true,
                        new AimdSettings(
                                initial,
                                min,
                                max,
                                r.get(
                                        "adaptive-limiter.backoff-ratio",
                                        Double.class,
                                        AimdSettings.DEFAULT_BACKOFF_RATIO),
                                r.get("adaptive-limiter.timeout", Duration.class, AimdSettings.DEFAULT_TIMEOUT)));
            }
            return new Adaptive(
                    true,
                    new Gradient2Settings(
                            initial,
                            min,
                            max,
                            r.get("adaptive-limiter.smoothing", Double.class, Gradient2Settings.DEFAULT_SMOOTHING),
                            r.get("adaptive-limiter.queue-size", Integer.class, Gradient2Settings.DEFAULT_QUEUE_SIZE),
                            r.get(
                                    "adaptive-limiter.rtt-tolerance",
                                    Double.class,
                                    Gradient2Settings.DEFAULT_RTT_TOLERANCE),
                            r.get(
                                    "adaptive-limiter.long-window",
                                    Integer.class,
                                    Gradient2Settings.DEFAULT_LONG_WINDOW)));
        } catch (InvalidOptionException e) {
            String key = r.keyOf(ADAPTIVE + e.option());
            throw new ConfigException(INVALID_CODE, key + ": " + e.getMessage(), key, e);
        }
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

        /** The full key that sets a key: the guard's own, else the default section's, else none. */
        Optional<String> source(String key) {
            String own = PREFIX + name + "." + key;
            if (config.keys().contains(own)) {
                return Optional.of(own);
            }
            String fallback = PREFIX + DEFAULT_SECTION + "." + key;
            return config.keys().contains(fallback) ? Optional.of(fallback) : Optional.empty();
        }

        /** The key a message about a key names: the one that sets it, else the guard's own. */
        String keyOf(String key) {
            return source(key).orElse(PREFIX + name + "." + key);
        }
    }
}

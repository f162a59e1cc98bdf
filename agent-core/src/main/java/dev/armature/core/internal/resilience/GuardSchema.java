package dev.armature.core.internal.resilience;

import dev.armature.api.config.ConfigProperty;
import dev.armature.api.config.ConfigSchema;
import dev.armature.api.config.ConfigType;
import org.jspecify.annotations.Nullable;

/**
 * Internal: the keys under {@code armature.guards}. A guard's name has one to {@value
 * #MAX_NAME_SEGMENTS} dotted segments and a {@code *} matches one segment, so every key is declared
 * once per name length; {@code default} is a one-segment name. No key carries a schema default:
 * an absent key falls back to the {@code default} section, then to the code's value (named in each
 * description), which a schema default would hide.
 */
public final class GuardSchema {
    /** The most dotted segments a guard's name may have. */
    public static final int MAX_NAME_SEGMENTS = 4;

    private GuardSchema() {}

    /** Returns the schema, owned by agent-core. */
    public static ConfigSchema schema(String owner) {
        ConfigSchema.Builder b = ConfigSchema.builder(owner + " (guards)").addPrefix("armature.guards");
        for (int segments = 1; segments <= MAX_NAME_SEGMENTS; segments++) {
            String prefix = "armature.guards." + "*.".repeat(segments);
            key(
                    b,
                    prefix,
                    "retry.enabled",
                    ConfigType.BOOLEAN,
                    null,
                    null,
                    "Whether failed attempts are retried; true.");
            key(
                    b,
                    prefix,
                    "retry.max-attempts",
                    ConfigType.INT,
                    "1",
                    "100",
                    "Attempts per call, the first included; 3.");
            key(
                    b,
                    prefix,
                    "retry.initial-delay",
                    ConfigType.DURATION,
                    "0ms",
                    null,
                    "The delay before the first retry; 100ms.");
            key(b, prefix, "retry.multiplier", ConfigType.DOUBLE, "1", null, "How much each retry delay grows; 2.0.");
            key(
                    b,
                    prefix,
                    "retry.max-delay",
                    ConfigType.DURATION,
                    "0ms",
                    null,
                    "The longest retry delay before jitter; 10s.");
            key(b, prefix, "retry.jitter", ConfigType.DOUBLE, "0", "1", "The random share of each retry delay; 0.5.");
            key(b, prefix, "retry.budget.max-tokens", ConfigType.INT, "1", null, "The retry budget's size; 10.");
            key(b, prefix, "retry.budget.token-ratio", ConfigType.DOUBLE, "0", "1", "Tokens a success returns; 0.1.");
            key(
                    b,
                    prefix,
                    "circuit-breaker.enabled",
                    ConfigType.BOOLEAN,
                    null,
                    null,
                    "Whether the guard has a circuit breaker; true.");
            key(
                    b,
                    prefix,
                    "circuit-breaker.failure-rate-threshold",
                    ConfigType.DOUBLE,
                    "1",
                    "100",
                    "The failure percentage that opens the breaker; 50.");
            key(
                    b,
                    prefix,
                    "circuit-breaker.slow-call-rate-threshold",
                    ConfigType.DOUBLE,
                    "1",
                    "100",
                    "The slow-call percentage that opens the breaker; 100.");
            key(
                    b,
                    prefix,
                    "circuit-breaker.slow-call-duration",
                    ConfigType.DURATION,
                    "1ms",
                    null,
                    "Attempts at least this long are slow; 60s.");
            key(
                    b,
                    prefix,
                    "circuit-breaker.sliding-window-size",
                    ConfigType.INT,
                    "1",
                    null,
                    "The attempts the rates are computed over; 100.");
            key(
                    b,
                    prefix,
                    "circuit-breaker.minimum-number-of-calls",
                    ConfigType.INT,
                    "1",
                    null,
                    "Attempts needed before a rate can open the breaker; 20.");
            key(
                    b,
                    prefix,
                    "circuit-breaker.consecutive-failures",
                    ConfigType.INT,
                    "0",
                    null,
                    "Failures in a row that open the breaker; 0 (off).");
            key(
                    b,
                    prefix,
                    "circuit-breaker.failures-per-window",
                    ConfigType.INT,
                    "0",
                    null,
                    "Failures within failures-window that open the breaker; 0 (off).");
            key(
                    b,
                    prefix,
                    "circuit-breaker.failures-window",
                    ConfigType.DURATION,
                    "1ms",
                    null,
                    "The window failures-per-window counts in; 60s.");
            key(
                    b,
                    prefix,
                    "circuit-breaker.wait-in-open",
                    ConfigType.DURATION,
                    "1ms",
                    null,
                    "How long the breaker stays open; 60s.");
            key(
                    b,
                    prefix,
                    "circuit-breaker.wait-jitter",
                    ConfigType.DOUBLE,
                    "0",
                    "1",
                    "The random share added to each open wait; 0.");
            key(
                    b,
                    prefix,
                    "circuit-breaker.max-concurrent-probes",
                    ConfigType.INT,
                    "1",
                    null,
                    "Calls let through while half-open; 5.");
            key(
                    b,
                    prefix,
                    "rate-limiter.enabled",
                    ConfigType.BOOLEAN,
                    null,
                    null,
                    "Whether calls per period are bounded; false.");
            key(b, prefix, "rate-limiter.limit-for-period", ConfigType.INT, "1", null, "Calls allowed per period; 50.");
            key(
                    b,
                    prefix,
                    "rate-limiter.refresh-period",
                    ConfigType.DURATION,
                    "1ms",
                    null,
                    "The rate limiter's period; 1s.");
            key(
                    b,
                    prefix,
                    "time-limiter.enabled",
                    ConfigType.BOOLEAN,
                    null,
                    null,
                    "Whether each attempt's time is bounded; false.");
            key(
                    b,
                    prefix,
                    "time-limiter.timeout",
                    ConfigType.DURATION,
                    "1ms",
                    null,
                    "How long one attempt may take; 30s.");
            key(
                    b,
                    prefix,
                    "bulkhead.enabled",
                    ConfigType.BOOLEAN,
                    null,
                    null,
                    "Whether calls in flight are bounded; false.");
            key(b, prefix, "bulkhead.max-concurrent-calls", ConfigType.INT, "1", null, "Calls in flight allowed; 25.");
            key(
                    b,
                    prefix,
                    "adaptive-limiter.enabled",
                    ConfigType.BOOLEAN,
                    null,
                    null,
                    "Whether calls in flight follow an adaptive limit (innermost layer); false.");
            b.add(ConfigProperty.builder(prefix + "adaptive-limiter.algorithm", ConfigType.STRING)
                    .allowedValues("aimd", "gradient2")
                    .reloadable(true)
                    .description("The adaptive limit's algorithm, aimd or gradient2; aimd. Falls back to"
                            + " armature.guards.default.adaptive-limiter.algorithm.")
                    .build());
            key(b, prefix, "adaptive-limiter.initial-limit", ConfigType.INT, "1", null, "The limit to start from; 20.");
            key(b, prefix, "adaptive-limiter.min-limit", ConfigType.INT, "1", null, "The lowest limit; 1.");
            key(b, prefix, "adaptive-limiter.max-limit", ConfigType.INT, "1", null, "The highest limit; 200.");
            key(
                    b,
                    prefix,
                    "adaptive-limiter.backoff-ratio",
                    ConfigType.DOUBLE,
                    "0.5",
                    "0.99",
                    "AIMD: what the limit is multiplied by on a drop; 0.9.");
            key(
                    b,
                    prefix,
                    "adaptive-limiter.timeout",
                    ConfigType.DURATION,
                    "1ms",
                    null,
                    "AIMD: a call slower than this counts as a drop; 30s.");
            key(
                    b,
                    prefix,
                    "adaptive-limiter.smoothing",
                    ConfigType.DOUBLE,
                    "0.01",
                    "1",
                    "Gradient2: how far one sample moves the limit; 0.2.");
            key(
                    b,
                    prefix,
                    "adaptive-limiter.queue-size",
                    ConfigType.INT,
                    "0",
                    null,
                    "Gradient2: calls allowed to queue above the estimate; 4.");
            key(
                    b,
                    prefix,
                    "adaptive-limiter.rtt-tolerance",
                    ConfigType.DOUBLE,
                    "1",
                    null,
                    "Gradient2: how much slower than the long-term latency is tolerated; 1.5.");
            key(
                    b,
                    prefix,
                    "adaptive-limiter.long-window",
                    ConfigType.INT,
                    "1",
                    null,
                    "Gradient2: samples in the long-term latency average; 600.");
            key(b, prefix, "keys.max", ConfigType.INT, "1", null, "Keyed guards kept per guard; 1000.");
            key(
                    b,
                    prefix,
                    "keys.idle-ttl",
                    ConfigType.DURATION,
                    "1ms",
                    null,
                    "How long an unused keyed guard is kept; 1h.");
            key(b, prefix, "keys.max-tagged", ConfigType.INT, "0", null, "Keys that get a meter tag of their own; 20.");
        }
        return b.build();
    }

    private static void key(
            ConfigSchema.Builder b,
            String prefix,
            String suffix,
            ConfigType type,
            @Nullable String min,
            @Nullable String max,
            String description) {
        ConfigProperty.Builder p = ConfigProperty.builder(prefix + suffix, type)
                .reloadable(true)
                .description(description + " Falls back to armature.guards.default." + suffix + ".");
        if (min != null) {
            p.min(min);
        }
        if (max != null) {
            p.max(max);
        }
        b.add(p.build());
    }
}

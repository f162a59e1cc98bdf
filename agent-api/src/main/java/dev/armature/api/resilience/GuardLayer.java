package dev.armature.api.resilience;

import static java.util.Objects.requireNonNull;

import java.util.Map;
import java.util.TreeMap;

/**
 * One layer of a guard and the options it was built with.
 *
 * @param kind the kind of layer
 * @param options the layer's options by their configuration name, for example {@code
 *     max-attempts=3}; durations in ISO-8601
 * @since 0.1
 */
public record GuardLayer(Kind kind, Map<String, String> options) {
    /**
     * Checks every part and copies the options in name order.
     *
     * @param kind the kind
     * @param options the options
     */
    public GuardLayer {
        requireNonNull(kind, "kind");
        options = java.util.Collections.unmodifiableMap(new TreeMap<>(options));
    }

    /** The kinds of layer, in the order they wrap an operation from the outside in. */
    public enum Kind {
        /** Turns the last failure into a value. */
        FALLBACK,
        /** Tries again after transient and throttled failures, within a budget. */
        RETRY,
        /** Stops calling a failing dependency for a while. */
        CIRCUIT_BREAKER,
        /** Bounds the calls per period. */
        RATE_LIMITER,
        /** Bounds the time of each attempt. */
        TIME_LIMITER,
        /** Bounds the calls in flight to a fixed number. */
        BULKHEAD,
        /** Bounds the calls in flight to a limit that follows the dependency's latency. */
        ADAPTIVE_LIMITER
    }
}

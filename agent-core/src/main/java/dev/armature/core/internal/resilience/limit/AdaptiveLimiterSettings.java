package dev.armature.core.internal.resilience.limit;

import java.util.Map;

/**
 * Internal: the settings of a guard's adaptive concurrency limiter, one record per algorithm.
 *
 * <p>Configured under {@code armature.guards.<name>.adaptive-limiter.}; the option names are the
 * constants below. Options every algorithm shares:
 *
 * <ul>
 *   <li>{@code algorithm}: {@code aimd} (the default, {@link AimdSettings}) or {@code gradient2}
 *       ({@link Gradient2Settings});
 *   <li>{@code initial-limit}: the limit before any sample; default {@value #DEFAULT_INITIAL_LIMIT},
 *       brought within {@code min-limit..max-limit} when only those are set;
 *   <li>{@code min-limit}: the floor no drop pushes the limit under; default {@value
 *       #DEFAULT_MIN_LIMIT} (the reference's 20 would keep 20 calls at a dependency that can take
 *       3);
 *   <li>{@code max-limit}: the ceiling no success lifts the limit over; default {@value
 *       #DEFAULT_MAX_LIMIT}.
 * </ul>
 *
 * <p>Construction checks its arguments with an {@link InvalidOptionException} naming the option,
 * which the guard's settings report as a {@link dev.armature.api.config.ConfigException} naming the
 * full key.
 */
public sealed interface AdaptiveLimiterSettings permits AimdSettings, Gradient2Settings {
    /** The option choosing the algorithm. */
    String ALGORITHM = "algorithm";
    /** The option of the first limit. */
    String INITIAL_LIMIT = "initial-limit";
    /** The option of the lowest limit. */
    String MIN_LIMIT = "min-limit";
    /** The option of the highest limit. */
    String MAX_LIMIT = "max-limit";

    /** The default first limit. */
    int DEFAULT_INITIAL_LIMIT = 20;
    /** The default lowest limit. */
    int DEFAULT_MIN_LIMIT = 1;
    /** The default highest limit. */
    int DEFAULT_MAX_LIMIT = 200;

    /**
     * Returns the algorithm's configuration name.
     *
     * @return {@code aimd} or {@code gradient2}
     */
    String algorithm();

    /**
     * Returns the limit before any sample.
     *
     * @return the initial limit, within {@link #minLimit()}..{@link #maxLimit()}
     */
    int initialLimit();

    /**
     * Returns the lowest limit.
     *
     * @return the minimum, at least 1
     */
    int minLimit();

    /**
     * Returns the highest limit.
     *
     * @return the maximum, at least {@link #minLimit()}
     */
    int maxLimit();

    /**
     * Creates a fresh algorithm with these settings, for one limiter.
     *
     * @return a new limit at {@link #initialLimit()}
     */
    ConcurrencyLimit newLimit();

    /**
     * Returns every option by its configuration name, durations in ISO-8601, as a guard's {@code
     * GuardLayer} describes them; set under a guard's {@code adaptive-limiter.}, they read back to
     * equal settings.
     *
     * @return the options, unmodifiable
     */
    Map<String, String> toOptions();

    /**
     * Returns the default settings: AIMD with its defaults.
     *
     * @return the defaults
     */
    static AdaptiveLimiterSettings defaults() {
        return AimdSettings.defaults();
    }
}

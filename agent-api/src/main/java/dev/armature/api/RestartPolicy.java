package dev.armature.api;

import static java.util.Objects.requireNonNull;

/**
 * How the supervisor treats a component that fails or completes while running.
 *
 * @param kind when it is restarted
 * @param strategy which other components its restart involves
 * @param backoff the delay before each restart
 * @param intensity how many restarts are allowed before escalation
 * @since 0.1
 */
public record RestartPolicy(RestartKind kind, RestartStrategy strategy, Backoff backoff, RestartIntensity intensity) {
    /**
     * The default: {@link RestartKind#PERMANENT}, {@link RestartStrategy#ONE_FOR_ONE}, {@link
     * Backoff#DEFAULT} and {@link RestartIntensity#DEFAULT}.
     */
    public static final RestartPolicy DEFAULT = new RestartPolicy(
            RestartKind.PERMANENT, RestartStrategy.ONE_FOR_ONE, Backoff.DEFAULT, RestartIntensity.DEFAULT);

    /**
     * Checks that every part is present.
     *
     * @param kind when it is restarted
     * @param strategy which components a restart involves
     * @param backoff the delay before each restart
     * @param intensity how many restarts are allowed
     */
    public RestartPolicy {
        requireNonNull(kind, "kind");
        requireNonNull(strategy, "strategy");
        requireNonNull(backoff, "backoff");
        requireNonNull(intensity, "intensity");
    }

    /**
     * Returns a copy with another restart kind.
     *
     * @param kind the restart kind
     * @return the new policy
     */
    public RestartPolicy withKind(RestartKind kind) {
        return new RestartPolicy(kind, strategy, backoff, intensity);
    }

    /**
     * Returns a copy with another strategy.
     *
     * @param strategy the strategy
     * @return the new policy
     */
    public RestartPolicy withStrategy(RestartStrategy strategy) {
        return new RestartPolicy(kind, strategy, backoff, intensity);
    }

    /**
     * Returns a copy with another backoff.
     *
     * @param backoff the backoff
     * @return the new policy
     */
    public RestartPolicy withBackoff(Backoff backoff) {
        return new RestartPolicy(kind, strategy, backoff, intensity);
    }

    /**
     * Returns a copy with another intensity.
     *
     * @param intensity the intensity
     * @return the new policy
     */
    public RestartPolicy withIntensity(RestartIntensity intensity) {
        return new RestartPolicy(kind, strategy, backoff, intensity);
    }
}

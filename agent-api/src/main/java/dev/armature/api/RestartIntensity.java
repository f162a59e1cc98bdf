package dev.armature.api;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * How many restarts within a window the supervisor allows before it gives up on a component and
 * escalates: more than {@code maxRestarts} within {@code window} marks it FAILED, stops its
 * dependents and publishes a {@link ComponentEvent.Escalated} event.
 *
 * @param maxRestarts the number of restarts allowed within the window, not negative
 * @param window the sliding window; positive
 * @since 0.1
 */
public record RestartIntensity(int maxRestarts, Duration window) {
    /** The default: more than 3 restarts within 60 seconds escalates. */
    public static final RestartIntensity DEFAULT = new RestartIntensity(3, Duration.ofSeconds(60));

    /**
     * Checks both bounds.
     *
     * @param maxRestarts the number of restarts allowed within the window
     * @param window the sliding window
     */
    public RestartIntensity {
        requireNonNull(window, "window");
        if (maxRestarts < 0) {
            throw new IllegalArgumentException("maxRestarts must not be negative, was " + maxRestarts);
        }
        if (window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("intensity window must be positive, was " + window);
        }
    }
}

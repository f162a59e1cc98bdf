package dev.armature.api.health;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * A predicted breach: the trend of one of a check's {@link Indicator}s, fitted by least squares
 * over its latest results, reaches the indicator's critical value within the prediction horizon
 * ({@code armature.health.prediction.horizon}). A check that was UP is then DEGRADED.
 *
 * @param indicator the indicator's name
 * @param value its latest value
 * @param critical its critical value
 * @param ratePerSecond the fitted change per second; negative for a falling indicator
 * @param predictedBreachAt when the fitted line reaches {@code critical}, on the system's clock
 * @param confidence how far the fit can be trusted, from 0 to 1: the coefficient of determination
 *     (R²) of the fit times {@code (n − 2) / n} for {@code n} samples, since a line through two
 *     points always fits
 * @param samples how many results the fit used
 * @since 0.1
 */
public record Prediction(
        String indicator,
        double value,
        double critical,
        double ratePerSecond,
        Instant predictedBreachAt,
        double confidence,
        int samples) {
    /**
     * Checks every part.
     *
     * @param indicator the indicator's name
     * @param value the latest value
     * @param critical the critical value
     * @param ratePerSecond the change per second
     * @param predictedBreachAt when
     * @param confidence the confidence, 0 to 1
     * @param samples the samples, at least 2
     * @throws IllegalArgumentException if the confidence is outside 0..1 or there are fewer than two
     *     samples
     */
    public Prediction {
        requireNonNull(indicator, "indicator");
        requireNonNull(predictedBreachAt, "predictedBreachAt");
        if (!(confidence >= 0 && confidence <= 1)) {
            throw new IllegalArgumentException("a prediction's confidence must be within 0..1, was " + confidence);
        }
        if (samples < 2) {
            throw new IllegalArgumentException("a prediction needs at least two samples, had " + samples);
        }
    }
}

package dev.armature.monitoring.internal.health;

import static java.util.Objects.requireNonNull;

import dev.armature.api.health.CheckResult;
import dev.armature.api.health.Indicator;
import dev.armature.api.health.Prediction;
import dev.armature.core.timeseries.Ewma;
import dev.armature.core.timeseries.LeastSquares;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import org.jspecify.annotations.Nullable;

/**
 * Internal: predicts when a check's indicators reach their critical values. For each indicator
 * that is not critical yet, it fits a least-squares line (optionally through an EWMA of the
 * values) to the indicator's values in the check's latest results and the new one, against their
 * times, and reads where the line meets the critical value. A breach counts when it falls within
 * the horizon and the fit's confidence — R² × (n − 2) / n for n samples, since a line through two
 * points always fits — reaches the minimum. Stateless and thread-safe.
 */
final class Predictor {
    /** How predictions are made; see {@link HealthSchema} for the keys. */
    record Settings(
            boolean enabled, Duration horizon, int window, int minSamples, double minConfidence, double smoothing) {
        static final Settings DEFAULTS = new Settings(true, Duration.ofMinutes(30), 30, 5, 0.5, 1.0);
        static final Settings OFF = new Settings(false, Duration.ofMinutes(30), 30, 5, 0.5, 1.0);

        Settings {
            requireNonNull(horizon, "horizon");
            if (horizon.isNegative() || horizon.isZero()) {
                throw new IllegalArgumentException("the prediction horizon must be positive, was " + horizon);
            }
            if (minSamples < 3 || window < minSamples) {
                throw new IllegalArgumentException("predictions need at least 3 samples and a window at least as"
                        + " large, were " + minSamples + " and " + window);
            }
            if (!(minConfidence >= 0 && minConfidence <= 1) || !(smoothing > 0 && smoothing <= 1)) {
                throw new IllegalArgumentException("the minimum confidence must be within 0..1 and the smoothing"
                        + " within (0, 1], were " + minConfidence + " and " + smoothing);
            }
        }
    }

    private final Settings settings;

    Predictor(Settings settings) {
        this.settings = requireNonNull(settings, "settings");
    }

    Settings settings() {
        return settings;
    }

    /**
     * Returns the earliest breach predicted within the horizon, if any.
     *
     * @param past the check's earlier results, oldest first; only the latest {@code window − 1} that
     *     carry an indicator are used for it
     * @param at when the new values were taken
     * @param current the new values
     */
    Optional<Prediction> predict(List<CheckResult> past, Instant at, Map<String, Indicator> current) {
        if (!settings.enabled()) {
            return Optional.empty();
        }
        @Nullable Prediction earliest = null;
        for (Map.Entry<String, Indicator> e : current.entrySet()) {
            Optional<Prediction> p = predict(e.getKey(), past, at, e.getValue());
            if (p.isPresent()
                    && (earliest == null || p.get().predictedBreachAt().isBefore(earliest.predictedBreachAt()))) {
                earliest = p.get();
            }
        }
        return Optional.ofNullable(earliest);
    }

    /** The prediction for one indicator, within the horizon and confident enough, if any. */
    Optional<Prediction> predict(String name, List<CheckResult> past, Instant at, Indicator now) {
        if (now.isCritical()) {
            return Optional.empty(); // the check's own status says so; nothing left to predict
        }
        List<Instant> times = new ArrayList<>();
        List<Double> values = new ArrayList<>();
        for (int i = past.size() - 1; i >= 0 && times.size() < settings.window() - 1; i--) {
            CheckResult r = past.get(i);
            Indicator old = r.indicators().get(name);
            if (old != null && old.direction() == now.direction() && r.at().isBefore(at)) {
                times.add(0, r.at());
                values.add(0, old.value());
            }
        }
        times.add(at);
        values.add(now.value());
        int n = times.size();
        if (n < settings.minSamples()) {
            return Optional.empty();
        }
        // Fit in the rising sense: a falling indicator is negated, so a breach is always upwards.
        double sign = now.direction() == Indicator.Direction.RISING ? 1 : -1;
        Instant first = times.get(0);
        double[] x = new double[n];
        double[] y = new double[n];
        Ewma smooth = Ewma.perSample(settings.smoothing());
        for (int i = 0; i < n; i++) {
            x[i] = Duration.between(first, times.get(i)).toNanos() / 1e9;
            smooth.update(sign * values.get(i));
            y[i] = smooth.value();
        }
        LeastSquares line = LeastSquares.fit(x, y);
        OptionalDouble breachX = line.xReaching(sign * now.critical());
        if (breachX.isEmpty()) {
            return Optional.empty(); // flat or moving away from the critical value
        }
        double confidence = line.r2() * (n - 2) / n;
        if (confidence < settings.minConfidence()) {
            return Optional.empty();
        }
        double secondsAhead = Math.max(0, breachX.getAsDouble() - x[n - 1]);
        if (secondsAhead > settings.horizon().toNanos() / 1e9) {
            return Optional.empty();
        }
        Instant breachAt = at.plusNanos((long) (secondsAhead * 1e9));
        return Optional.of(
                new Prediction(name, now.value(), now.critical(), sign * line.slope(), breachAt, confidence, n));
    }
}

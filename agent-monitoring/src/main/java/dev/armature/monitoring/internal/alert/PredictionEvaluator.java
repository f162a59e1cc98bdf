package dev.armature.monitoring.internal.alert;

import dev.armature.api.monitoring.AlertCondition;
import dev.armature.core.timeseries.LeastSquares;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Internal: {@link AlertCondition.LinearPrediction}, a least-squares line through the readings of the
 * lookback, with {@code x} in seconds before now so that the numbers stay small. Not thread-safe.
 */
final class PredictionEvaluator extends ConditionEvaluator {
    private record Point(Instant at, double value) {}

    private final AlertCondition.LinearPrediction condition;
    private final Deque<Point> points = new ArrayDeque<>();

    PredictionEvaluator(AlertCondition.LinearPrediction condition) {
        this.condition = condition;
    }

    @Override
    Outcome evaluate(Instant now, MeterReader readings) {
        double value = readings.read(condition.query());
        if (!Double.isNaN(value)) {
            points.addLast(new Point(now, value));
        }
        Instant oldest = now.minus(condition.lookback());
        while (!points.isEmpty() && points.peekFirst().at().isBefore(oldest)) {
            points.removeFirst();
        }
        if (Double.isNaN(value) || points.size() < AlertCondition.LinearPrediction.MIN_POINTS) {
            return Outcome.NO_DATA;
        }
        double[] x = new double[points.size()];
        double[] y = new double[points.size()];
        int i = 0;
        for (Point p : points) {
            x[i] = -seconds(Duration.between(p.at(), now));
            y[i] = p.value();
            i++;
        }
        double predicted = LeastSquares.fit(x, y).predict(seconds(condition.horizon()));
        return compare(predicted, condition.comparison(), condition.threshold());
    }

    private static double seconds(Duration d) {
        return d.toNanos() / 1e9;
    }
}

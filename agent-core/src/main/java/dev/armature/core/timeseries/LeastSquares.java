package dev.armature.core.timeseries;

import static java.util.Objects.requireNonNull;

import java.util.OptionalDouble;

/**
 * The ordinary least-squares line {@code y = intercept + slope × x} through a set of points, with
 * its coefficient of determination and the {@code x} at which it reaches a threshold. Immutable
 * and thread-safe.
 *
 * <p>Degenerate data gives a defined, finite answer, never {@code NaN}:
 *
 * <ul>
 *   <li>no points: slope 0, intercept 0, {@code r2} 0;
 *   <li>one point, or all points at the same {@code x} (a vertical line, whose slope is
 *       undefined): slope 0, intercept the mean of {@code y}, {@code r2} 0;
 *   <li>all points at the same {@code y} across different {@code x}: slope 0, intercept that
 *       {@code y}, {@code r2} 1, since the line explains the data exactly.
 * </ul>
 *
 * <pre>{@code
 * LeastSquares line = LeastSquares.fitSeries(perMinuteCounts);   // x = 0, 1, 2, … minutes
 * OptionalDouble minute = line.xReaching(100.0);              // when the rate reaches 100
 * }</pre>
 *
 * @since 0.1
 */
public final class LeastSquares {
    private final int points;
    private final double slope;
    private final double intercept;
    private final double r2;

    private LeastSquares(int points, double slope, double intercept, double r2) {
        this.points = points;
        this.slope = slope;
        this.intercept = intercept;
        this.r2 = r2;
    }

    /**
     * Fits a line through the points {@code (x[i], y[i])}.
     *
     * @param x the abscissae, finite
     * @param y the ordinates, finite, as many as {@code x}
     * @return the fitted line
     * @throws IllegalArgumentException if the arrays differ in length, a value is not finite, or
     *     the values are so large that their squares overflow (scale them down first)
     */
    public static LeastSquares fit(double[] x, double[] y) {
        requireNonNull(x, "x");
        requireNonNull(y, "y");
        if (x.length != y.length) {
            throw new IllegalArgumentException(
                    "least squares needs as many x as y values, got " + x.length + " and " + y.length);
        }
        checkFinite(x, "x");
        checkFinite(y, "y");
        int n = x.length;
        if (n == 0) {
            return new LeastSquares(0, 0.0, 0.0, 0.0);
        }
        // Two passes about the means: sums of raw squares lose everything when x is large (nanos).
        double meanX = mean(x);
        double meanY = mean(y);
        double sxx = 0;
        double sxy = 0;
        double syy = 0;
        for (int i = 0; i < n; i++) {
            double dx = x[i] - meanX;
            double dy = y[i] - meanY;
            sxx += dx * dx;
            sxy += dx * dy;
            syy += dy * dy;
        }
        if (!Double.isFinite(sxx) || !Double.isFinite(sxy) || !Double.isFinite(syy)) {
            throw new IllegalArgumentException("least squares values are too large: their squares overflow a double;"
                    + " scale x and y down before fitting");
        }
        if (n < 2 || sxx == 0.0) {
            return new LeastSquares(n, 0.0, meanY, 0.0);
        }
        double slope = sxy / sxx;
        double intercept = meanY - slope * meanX;
        if (!Double.isFinite(slope) || !Double.isFinite(intercept)) {
            throw new IllegalArgumentException(
                    "least squares x values are too close together for a finite slope;" + " scale x up before fitting");
        }
        double explained = syy == 0.0 ? 1.0 : slope * (sxy / syy);
        // Underflow at the edges of the double range could make 0 × ∞; that is no fit, not NaN.
        double r2 = Double.isNaN(explained) ? 0.0 : Math.min(1.0, Math.max(0.0, explained));
        return new LeastSquares(n, slope, intercept, r2);
    }

    /**
     * Fits a line through a series of values at {@code x = 0, 1, 2, …}, such as the counts from
     * {@link WindowedCounter#bucketCounts()}.
     *
     * @param y the values, oldest first
     * @return the fitted line, with {@code x} in steps of the series
     */
    public static LeastSquares fitSeries(long[] y) {
        requireNonNull(y, "y");
        double[] xs = new double[y.length];
        double[] ys = new double[y.length];
        for (int i = 0; i < y.length; i++) {
            xs[i] = i;
            ys[i] = y[i];
        }
        return fit(xs, ys);
    }

    /**
     * Returns how many points were fitted.
     *
     * @return the number of points
     */
    public int points() {
        return points;
    }

    /**
     * Returns the slope of the line.
     *
     * @return the change of {@code y} per unit of {@code x}; 0 for fewer than two points or a
     *     vertical set of points
     */
    public double slope() {
        return slope;
    }

    /**
     * Returns the line's value at {@code x = 0}.
     *
     * @return the intercept
     */
    public double intercept() {
        return intercept;
    }

    /**
     * Returns the coefficient of determination: the share of the variance of {@code y} that the
     * line explains.
     *
     * @return a value from 0 (no fit) to 1 (exact fit); see the class description for degenerate
     *     data
     */
    public double r2() {
        return r2;
    }

    /**
     * Returns the line's value at {@code x}.
     *
     * @param x the abscissa, finite
     * @return {@code intercept + slope × x}
     * @throws IllegalArgumentException if {@code x} is not finite
     */
    public double predict(double x) {
        if (!Double.isFinite(x)) {
            throw new IllegalArgumentException("least squares can only predict at a finite x, was " + x);
        }
        return intercept + slope * x;
    }

    /**
     * Returns where a rising line reaches a threshold.
     *
     * @param threshold the value of {@code y} to reach, finite
     * @return the {@code x} at which the line equals the threshold, which lies before the data when
     *     the line is already above it; empty when the slope is zero or negative, or the crossing is
     *     beyond the range of a double
     * @throws IllegalArgumentException if the threshold is not finite
     */
    public OptionalDouble xReaching(double threshold) {
        if (!Double.isFinite(threshold)) {
            throw new IllegalArgumentException("least squares threshold must be finite, was " + threshold);
        }
        if (!(slope > 0.0)) {
            return OptionalDouble.empty();
        }
        double x = (threshold - intercept) / slope;
        return Double.isFinite(x) ? OptionalDouble.of(x) : OptionalDouble.empty();
    }

    private static double mean(double[] values) {
        double sum = 0;
        for (double v : values) {
            sum += v;
        }
        double mean = sum / values.length;
        if (Double.isFinite(mean)) {
            return mean;
        }
        // The sum overflowed; averaging the scaled values keeps a finite mean of finite values.
        double scaled = 0;
        for (double v : values) {
            scaled += v / values.length;
        }
        return scaled;
    }

    private static void checkFinite(double[] values, String name) {
        for (int i = 0; i < values.length; i++) {
            if (!Double.isFinite(values[i])) {
                throw new IllegalArgumentException(
                        "least squares " + name + "[" + i + "] must be finite, was " + values[i]);
            }
        }
    }

    @Override
    public String toString() {
        return "LeastSquares[points=" + points + ", slope=" + slope + ", intercept=" + intercept + ", r2=" + r2 + "]";
    }
}

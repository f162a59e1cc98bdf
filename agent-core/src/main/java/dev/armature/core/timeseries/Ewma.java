package dev.armature.core.timeseries;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.concurrent.locks.ReentrantLock;

/**
 * An exponentially weighted moving average, in one of two kinds.
 *
 * <ul>
 *   <li>{@link #perSample(double)}: each {@link #update(double)} moves the average by a fixed
 *       weight {@code alpha} towards the new value.
 *   <li>{@link #withHalfLife(Duration)}: each {@link #update(double, long)} gives the new value the
 *       weight {@code 1 − 2^(−Δt / halfLife)}, where {@code Δt} is the monotonic time since the
 *       previous update, so that samples taken at irregular times are weighed by the time they
 *       stand for. A value given at the same instant as the previous one, or earlier, carries no
 *       weight.
 * </ul>
 *
 * <p>The first update sets the average to its value. The average is <em>primed</em> once that
 * first value's weight has decayed to one half or less: after one half-life of updates (for the
 * per-sample kind, {@code ln 2 / −ln(1 − alpha)} updates after the first). Before the first update
 * {@link #value()} is zero. The average always lies between the smallest and the largest value
 * given, and is never {@code NaN}.
 *
 * <p>Thread-safe.
 *
 * <pre>{@code
 * Ewma baseline = Ewma.withHalfLife(Duration.ofMinutes(30));
 * baseline.update(perMinuteCount, time.nanoTime());
 * if (baseline.isPrimed() && count > 3 * baseline.value()) { ... }
 * }</pre>
 *
 * @since 0.1
 */
public final class Ewma {
    private final ReentrantLock lock = new ReentrantLock();
    // Exactly one of the two is meaningful: alpha for the per-sample kind, halfLifeNanos otherwise.
    private final double alpha;
    private final long halfLifeNanos;
    private double value;
    private long updates;
    private long firstNanos;
    private long lastNanos;
    // The per-sample kind's weight of the first value; the timed kind measures time instead.
    private double firstWeight = 1.0;

    private Ewma(double alpha, long halfLifeNanos) {
        this.alpha = alpha;
        this.halfLifeNanos = halfLifeNanos;
    }

    /**
     * Returns an average that moves by a fixed weight per sample, fed with {@link #update(double)}.
     *
     * @param alpha the weight of each new value, in {@code (0, 1]}; 1 keeps only the latest value
     * @return a new, empty average
     * @throws IllegalArgumentException if {@code alpha} is outside {@code (0, 1]}
     */
    public static Ewma perSample(double alpha) {
        if (!(alpha > 0.0 && alpha <= 1.0)) {
            throw new IllegalArgumentException("EWMA alpha must be in (0, 1], was " + alpha);
        }
        return new Ewma(alpha, 0);
    }

    /**
     * Returns an average whose weights depend on the time between samples, fed with {@link
     * #update(double, long)}.
     *
     * @param halfLife the time after which a value's weight has halved, positive
     * @return a new, empty average
     * @throws IllegalArgumentException if the half-life is not positive or too long for nanoseconds
     */
    public static Ewma withHalfLife(Duration halfLife) {
        requireNonNull(halfLife, "halfLife");
        if (halfLife.isNegative() || halfLife.isZero()) {
            throw new IllegalArgumentException("EWMA halfLife must be positive, was " + halfLife);
        }
        try {
            return new Ewma(Double.NaN, halfLife.toNanos());
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("EWMA halfLife must fit in a long of nanoseconds, was " + halfLife, e);
        }
    }

    /**
     * Adds a sample to a per-sample average.
     *
     * @param sample the value, finite
     * @throws IllegalArgumentException if the value is not finite
     * @throws IllegalStateException if this average decays with time; use {@link #update(double,
     *     long)}
     */
    public void update(double sample) {
        if (isTimed()) {
            throw new IllegalStateException("this EWMA decays with time (half-life " + Duration.ofNanos(halfLifeNanos)
                    + "); call update(value, nanos)");
        }
        checkFinite(sample);
        lock.lock();
        try {
            fold(sample, alpha);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Adds a sample taken at a monotonic time to a time-decaying average.
     *
     * @param sample the value, finite
     * @param nanos when it was taken, a reading of {@code TimeSource.nanoTime()}
     * @throws IllegalArgumentException if the value is not finite
     * @throws IllegalStateException if this is a per-sample average; use {@link #update(double)}
     */
    public void update(double sample, long nanos) {
        if (!isTimed()) {
            throw new IllegalStateException("this EWMA weighs each sample by alpha " + alpha + "; call update(value)");
        }
        checkFinite(sample);
        lock.lock();
        try {
            double weight = 0.0;
            if (updates > 0 && nanos > lastNanos) {
                // nanos − lastNanos cannot overflow between two readings of one monotonic clock.
                weight = -Math.expm1(-Math.log(2) * (nanos - lastNanos) / halfLifeNanos);
            }
            if (updates == 0) {
                firstNanos = nanos;
                lastNanos = nanos;
            } else if (nanos > lastNanos) {
                lastNanos = nanos;
            }
            fold(sample, weight);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Returns the current average.
     *
     * @return the average, or zero before the first update
     */
    public double value() {
        lock.lock();
        try {
            return value;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Says whether the average has seen enough to be trusted: whether the first value's weight has
     * decayed to one half or less.
     *
     * @return {@code true} once primed
     */
    public boolean isPrimed() {
        lock.lock();
        try {
            if (updates == 0) {
                return false;
            }
            // Time is compared exactly; the product of per-sample weights gets a rounding margin.
            return isTimed() ? lastNanos - firstNanos >= halfLifeNanos : firstWeight <= 0.5 + 1e-12;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Returns how many samples have been added.
     *
     * @return the number of updates
     */
    public long updates() {
        lock.lock();
        try {
            return updates;
        } finally {
            lock.unlock();
        }
    }

    private boolean isTimed() {
        return halfLifeNanos > 0;
    }

    private void fold(double sample, double weight) {
        if (updates == 0) {
            value = sample;
        } else {
            // The convex form cannot overflow (sample − value can), and the clamp keeps rounding from
            // carrying the average outside [value, sample].
            double next = (1.0 - weight) * value + weight * sample;
            value = Math.min(Math.max(next, Math.min(value, sample)), Math.max(value, sample));
            firstWeight *= 1.0 - weight;
        }
        updates++;
    }

    private static void checkFinite(double sample) {
        if (!Double.isFinite(sample)) {
            throw new IllegalArgumentException("EWMA sample must be finite, was " + sample);
        }
    }

    @Override
    public String toString() {
        String kind = isTimed() ? "halfLife=" + Duration.ofNanos(halfLifeNanos) : "alpha=" + alpha;
        return "Ewma[" + kind + ", value=" + value() + ", primed=" + isPrimed() + "]";
    }
}

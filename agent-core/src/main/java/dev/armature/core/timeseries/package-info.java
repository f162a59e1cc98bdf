/**
 * Time-series arithmetic for detectors and alerts: {@link
 * dev.armature.core.timeseries.WindowedCounter} counts events in fixed time buckets on a {@code
 * TimeSource}'s monotonic clock, {@link dev.armature.core.timeseries.Ewma} keeps an exponentially
 * weighted moving average, and {@link dev.armature.core.timeseries.LeastSquares} fits a straight
 * line and says when it reaches a threshold.
 *
 * <p>Every class here is thread-safe unless its Javadoc says otherwise; none of them reads the
 * system clock, allocates per event, or lets {@code NaN} out. The error analyzer in agent-core
 * and the alert engine in agent-monitoring build on them.
 *
 * @since 0.1
 */
@NullMarked
package dev.armature.core.timeseries;

import org.jspecify.annotations.NullMarked;

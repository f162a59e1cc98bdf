package dev.armature.api.time;

import java.time.Instant;

/**
 * The source of wall-clock and monotonic time for one system.
 *
 * <p>Wall-clock time ({@link #now()}) is for timestamps people read; monotonic time ({@link
 * #nanoTime()}) is for measuring durations and never goes backwards. Implementations are
 * thread-safe.
 *
 * @since 0.1
 */
public interface TimeSource {
    /**
     * Returns the current wall-clock time.
     *
     * @return the current instant; never {@code null}
     */
    Instant now();

    /**
     * Returns the current monotonic time in nanoseconds, meaningful only as a difference between
     * two readings of the same source.
     *
     * @return monotonic nanoseconds
     */
    long nanoTime();

    /**
     * Returns the time source backed by the operating system's clocks.
     *
     * @return the system time source; a shared, stateless instance
     */
    static TimeSource system() {
        return SystemTimeSource.INSTANCE;
    }
}

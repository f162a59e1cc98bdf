package dev.armature.core.timeseries;

import static java.util.Objects.requireNonNull;

import dev.armature.api.time.TimeSource;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Counts events in a ring of fixed-width time buckets on a {@link TimeSource}'s monotonic clock,
 * so that the count over the recent past can be read at any moment and old events roll off.
 *
 * <p>Bucket {@code i} holds the events counted while {@code floorDiv(time.nanoTime(),
 * bucketWidth)} was {@code i}; buckets are therefore aligned to the time source's zero, and all
 * counters with the same width on the same time source share their boundaries. The counter keeps
 * the current bucket, which is still filling, and the {@code buckets − 1} before it. A bucket that
 * has rolled off reads as zero. Rolling off costs nothing per idle bucket: each slot remembers
 * which bucket it holds, so a counter that was idle for a day needs no catching up.
 *
 * <p>Thread-safe. Every operation holds one lock: {@link #add} for O(1), reads for O(buckets).
 *
 * <pre>{@code
 * WindowedCounter failures = new WindowedCounter(time, Duration.ofMinutes(1), 60);
 * failures.increment();
 * long lastFiveMinutes = failures.count(Duration.ofMinutes(5));
 * }</pre>
 *
 * @since 0.1
 */
public final class WindowedCounter {
    /** The epoch of a slot that has never held a bucket; no real bucket index can equal it. */
    private static final long NEVER = Long.MIN_VALUE;

    private final ReentrantLock lock = new ReentrantLock();
    private final TimeSource time;
    private final Duration bucketWidth;
    private final long widthNanos;
    private final long[] counts;
    // The bucket index each slot holds; a slot whose epoch is not the bucket asked for is stale.
    private final long[] epochs;

    /**
     * Creates an empty counter.
     *
     * @param time the time source whose {@link TimeSource#nanoTime()} places each event
     * @param bucketWidth the width of one bucket, positive, for example one minute
     * @param buckets how many buckets to keep, the current one included, at least 1, for example
     *     60
     * @throws IllegalArgumentException if the width is not positive, the number of buckets is
     *     below 1, or the span they cover does not fit in a {@code long} of nanoseconds
     */
    public WindowedCounter(TimeSource time, Duration bucketWidth, int buckets) {
        this.time = requireNonNull(time, "time");
        this.bucketWidth = requireNonNull(bucketWidth, "bucketWidth");
        if (bucketWidth.isNegative() || bucketWidth.isZero()) {
            throw new IllegalArgumentException("windowed counter bucketWidth must be positive, was " + bucketWidth);
        }
        if (buckets < 1) {
            throw new IllegalArgumentException("windowed counter buckets must be at least 1, was " + buckets);
        }
        try {
            this.widthNanos = bucketWidth.toNanos();
            Math.multiplyExact(widthNanos, (long) buckets);
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException(
                    "windowed counter span " + bucketWidth + " × " + buckets
                            + " is too long; use fewer or narrower buckets",
                    e);
        }
        this.counts = new long[buckets];
        this.epochs = new long[buckets];
        Arrays.fill(epochs, NEVER);
    }

    /** Counts one event now. */
    public void increment() {
        add(1);
    }

    /**
     * Counts {@code n} events now.
     *
     * @param n how many events, not negative; the bucket's count saturates at {@link Long#MAX_VALUE}
     * @throws IllegalArgumentException if {@code n} is negative
     */
    public void add(long n) {
        if (n < 0) {
            throw new IllegalArgumentException("windowed counter cannot add a negative count, was " + n);
        }
        lock.lock();
        try {
            // The clock is read under the lock so that buckets are written in time order.
            long bucket = bucketOf(time.nanoTime());
            int slot = slot(bucket);
            if (epochs[slot] < bucket) {
                epochs[slot] = bucket;
                counts[slot] = 0;
            } else if (epochs[slot] > bucket) {
                return; // only a clock that went backwards gets here: the bucket has rolled off
            }
            long sum = counts[slot] + n;
            counts[slot] = sum < 0 ? Long.MAX_VALUE : sum;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Returns the events counted in the most recent buckets covering {@code window}.
     *
     * <p>The window is rounded up to whole buckets and always ends with the current bucket, which
     * is still filling: with one-minute buckets, {@code count(Duration.ofMinutes(5))} counts the
     * current minute so far and the four whole minutes before it, that is between four and five
     * minutes of the past.
     *
     * @param window how far back to count, positive and at most {@link #span()}
     * @return the count
     * @throws IllegalArgumentException if the window is not positive or longer than the span
     */
    public long count(Duration window) {
        return snapshot().count(window);
    }

    /**
     * Returns the events counted in every bucket still kept, the current one included.
     *
     * @return the count over the whole {@link #span()}
     */
    public long total() {
        return snapshot().total();
    }

    /**
     * Returns the count of every bucket kept, oldest first; the last element is the current
     * bucket, which is still filling. Buckets with no events, or rolled off, are zero.
     *
     * @return a new array of length {@link #buckets()}
     */
    public long[] bucketCounts() {
        return snapshot().bucketCounts();
    }

    /**
     * Returns every bucket's count at one moment, so that several windows can be read
     * consistently.
     *
     * @return an immutable snapshot
     */
    public Snapshot snapshot() {
        lock.lock();
        try {
            long newest = bucketOf(time.nanoTime());
            long[] copy = new long[counts.length];
            long oldest = newest - counts.length + 1;
            for (int i = 0; i < copy.length; i++) {
                long bucket = oldest + i;
                int slot = slot(bucket);
                copy[i] = epochs[slot] == bucket ? counts[slot] : 0;
            }
            return new Snapshot(newest, bucketWidth, widthNanos, copy);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Returns the index of the bucket that holds a monotonic time: {@code floorDiv(nanos,
     * bucketWidth)}.
     *
     * @param nanos a reading of this counter's time source's {@link TimeSource#nanoTime()}
     * @return the bucket index
     */
    public long bucketOf(long nanos) {
        return Math.floorDiv(nanos, widthNanos);
    }

    /**
     * Returns the width of one bucket.
     *
     * @return the width
     */
    public Duration bucketWidth() {
        return bucketWidth;
    }

    /**
     * Returns how many buckets are kept, the current one included.
     *
     * @return the number of buckets
     */
    public int buckets() {
        return counts.length;
    }

    /**
     * Returns the time all buckets cover: the width times the number of buckets.
     *
     * @return the span
     */
    public Duration span() {
        return bucketWidth.multipliedBy(counts.length);
    }

    private int slot(long bucket) {
        return (int) Math.floorMod(bucket, (long) counts.length);
    }

    /**
     * The counts of a {@link WindowedCounter}'s buckets at one moment. Immutable and thread-safe.
     *
     * @since 0.1
     */
    public static final class Snapshot {
        private final long newestBucket;
        private final Duration bucketWidth;
        private final long widthNanos;
        private final long[] counts;

        private Snapshot(long newestBucket, Duration bucketWidth, long widthNanos, long[] counts) {
            this.newestBucket = newestBucket;
            this.bucketWidth = bucketWidth;
            this.widthNanos = widthNanos;
            this.counts = counts;
        }

        /**
         * Returns the index of the newest bucket, the one that was still filling when the snapshot
         * was taken (see {@link WindowedCounter#bucketOf(long)}).
         *
         * @return the bucket index
         */
        public long newestBucket() {
            return newestBucket;
        }

        /**
         * Returns the index of the oldest bucket in the snapshot.
         *
         * @return {@code newestBucket() − buckets + 1}
         */
        public long oldestBucket() {
            return newestBucket - counts.length + 1;
        }

        /**
         * Returns the width of one bucket.
         *
         * @return the width
         */
        public Duration bucketWidth() {
            return bucketWidth;
        }

        /**
         * Returns one bucket's count.
         *
         * @param bucket a bucket index
         * @return its count, or zero if the bucket is outside the snapshot
         */
        public long countOf(long bucket) {
            if (bucket < oldestBucket() || bucket > newestBucket) {
                return 0;
            }
            return counts[(int) (bucket - oldestBucket())];
        }

        /**
         * Returns the count of every bucket, oldest first; the last is the newest bucket.
         *
         * @return a new array
         */
        public long[] bucketCounts() {
            return counts.clone();
        }

        /**
         * Returns the events counted in the most recent buckets covering {@code window}, rounded up
         * to whole buckets and ending with the newest, as {@link WindowedCounter#count(Duration)}
         * does.
         *
         * @param window how far back to count, positive and at most the span
         * @return the count, saturating at {@link Long#MAX_VALUE}
         * @throws IllegalArgumentException if the window is not positive or longer than the span
         */
        public long count(Duration window) {
            requireNonNull(window, "window");
            Duration span = bucketWidth.multipliedBy(counts.length);
            if (window.isNegative() || window.isZero() || window.compareTo(span) > 0) {
                throw new IllegalArgumentException(
                        "windowed counter window must be positive and at most the span " + span + ", was " + window);
            }
            long windowNanos = window.toNanos();
            long buckets = windowNanos / widthNanos + (windowNanos % widthNanos == 0 ? 0 : 1);
            return sum(counts.length - (int) buckets);
        }

        /**
         * Returns the events counted in every bucket of the snapshot.
         *
         * @return the count, saturating at {@link Long#MAX_VALUE}
         */
        public long total() {
            return sum(0);
        }

        private long sum(int from) {
            long sum = 0;
            for (int i = from; i < counts.length; i++) {
                sum += counts[i];
                if (sum < 0) {
                    return Long.MAX_VALUE;
                }
            }
            return sum;
        }

        @Override
        public String toString() {
            return "Snapshot[newestBucket=" + newestBucket + ", bucketWidth=" + bucketWidth + ", counts="
                    + Arrays.toString(counts) + "]";
        }
    }
}

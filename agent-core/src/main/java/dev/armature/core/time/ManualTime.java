package dev.armature.core.time;

import static java.util.Objects.requireNonNull;

import dev.armature.api.time.Cancellable;
import dev.armature.api.time.Scheduler;
import dev.armature.api.time.TimeSource;
import java.time.Duration;
import java.time.Instant;
import java.util.PriorityQueue;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link TimeSource} and {@link Scheduler} whose time moves only when {@link #advance(Duration)}
 * is called, so that backoff, timeouts and periodic work run on virtual time without sleeping.
 *
 * <p>Wall-clock and monotonic time advance together. {@code advance} runs every task that falls
 * due, in due-time order, on the calling thread, setting the clock to each task's due time before
 * running it; tasks may schedule further tasks, which run in the same call if they fall due within
 * it. A task scheduled with a zero delay runs at the next {@code advance}, including {@code
 * advance(Duration.ZERO)}. A task that throws is logged and, if periodic, keeps its schedule.
 * Thread-safe; calls to {@code advance} from several threads are serialised.
 *
 * <pre>{@code
 * ManualTime time = ManualTime.create();
 * AgentSystem system = AgentSystem.builder().timeSource(time).scheduler(time).component(c).build();
 * system.start();
 * time.advance(Duration.ofSeconds(60)); // a breaker's wait, a backoff, a timeout: at once
 * }</pre>
 *
 * @since 0.1
 */
public final class ManualTime implements TimeSource, Scheduler {
    /** The wall-clock start of {@link #create()}: 2026-01-01T00:00:00Z. */
    public static final Instant DEFAULT_START = Instant.parse("2026-01-01T00:00:00Z");

    private static final Logger log = LoggerFactory.getLogger(ManualTime.class);

    private final ReentrantLock lock = new ReentrantLock();
    private final ReentrantLock advancing = new ReentrantLock();
    private final Instant wallAtZero;
    private final PriorityQueue<Task> tasks = new PriorityQueue<>();
    private long nanos;
    private long nextSequence;

    private ManualTime(Instant start) {
        this.wallAtZero = start;
    }

    /**
     * Returns a manual time that starts at {@link #DEFAULT_START}.
     *
     * @return a new manual time
     */
    public static ManualTime create() {
        return new ManualTime(DEFAULT_START);
    }

    /**
     * Returns a manual time that starts at the given instant.
     *
     * @param start the initial wall-clock time
     * @return a new manual time
     */
    public static ManualTime startingAt(Instant start) {
        return new ManualTime(requireNonNull(start, "start"));
    }

    @Override
    public Instant now() {
        lock.lock();
        try {
            return wallAtZero.plusNanos(nanos);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public long nanoTime() {
        lock.lock();
        try {
            return nanos;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Returns how much virtual time has passed since this manual time was created.
     *
     * @return the elapsed virtual time
     */
    public Duration elapsed() {
        return Duration.ofNanos(nanoTime());
    }

    /**
     * Returns how many tasks are waiting to fall due, periodic ones included.
     *
     * @return the number of pending tasks
     */
    public int pendingTasks() {
        lock.lock();
        try {
            return (int) tasks.stream().filter(t -> !t.cancelled).count();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Moves time forward, running every task that falls due on the way.
     *
     * @param duration how far to move; not negative
     */
    public void advance(Duration duration) {
        requireNonNull(duration, "duration");
        if (duration.isNegative()) {
            throw new IllegalArgumentException("time cannot move backwards: " + duration);
        }
        advancing.lock();
        try {
            long target;
            lock.lock();
            try {
                target = Math.addExact(nanos, duration.toNanos());
            } finally {
                lock.unlock();
            }
            while (true) {
                @Nullable Task due = nextDue(target);
                if (due == null) {
                    break;
                }
                runTask(due);
            }
        } finally {
            advancing.unlock();
        }
    }

    private @Nullable Task nextDue(long target) {
        lock.lock();
        try {
            while (true) {
                @Nullable Task head = tasks.peek();
                if (head == null || head.dueNanos > target) {
                    nanos = target;
                    return null;
                }
                tasks.poll();
                if (!head.cancelled) {
                    nanos = Math.max(nanos, head.dueNanos);
                    return head;
                }
            }
        } finally {
            lock.unlock();
        }
    }

    private void runTask(Task task) {
        try {
            task.runnable.run();
        } catch (RuntimeException | Error e) {
            log.atWarn().addKeyValue("task", task.runnable).setCause(e).log("a task scheduled on ManualTime threw");
        }
        if (task.periodNanos > 0) {
            lock.lock();
            try {
                if (!task.cancelled) {
                    task.dueNanos += task.periodNanos;
                    task.sequence = nextSequence++;
                    tasks.add(task);
                }
            } finally {
                lock.unlock();
            }
        } else {
            task.done = true;
        }
    }

    @Override
    public Cancellable schedule(Duration delay, Runnable task) {
        return add(delay, 0, task);
    }

    @Override
    public Cancellable scheduleAtFixedRate(Duration initialDelay, Duration period, Runnable task) {
        requireNonNull(period, "period");
        if (period.isNegative() || period.isZero()) {
            throw new IllegalArgumentException("period must be positive, was " + period);
        }
        return add(initialDelay, period.toNanos(), task);
    }

    private Cancellable add(Duration delay, long periodNanos, Runnable runnable) {
        requireNonNull(delay, "delay");
        requireNonNull(runnable, "task");
        lock.lock();
        try {
            Task task = new Task(runnable, nanos + Math.max(0, delay.toNanos()), periodNanos, nextSequence++);
            tasks.add(task);
            return task;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public String toString() {
        return "ManualTime[" + now() + "]";
    }

    private final class Task implements Comparable<Task>, Cancellable {
        final Runnable runnable;
        final long periodNanos;
        long dueNanos;
        long sequence;
        volatile boolean cancelled;
        volatile boolean done;

        Task(Runnable runnable, long dueNanos, long periodNanos, long sequence) {
            this.runnable = runnable;
            this.dueNanos = dueNanos;
            this.periodNanos = periodNanos;
            this.sequence = sequence;
        }

        @Override
        public boolean cancel() {
            lock.lock();
            try {
                if (cancelled || done) {
                    return false;
                }
                cancelled = true;
                return true;
            } finally {
                lock.unlock();
            }
        }

        @Override
        public int compareTo(Task o) {
            int byDue = Long.compare(dueNanos, o.dueNanos);
            return byDue != 0 ? byDue : Long.compare(sequence, o.sequence);
        }
    }
}

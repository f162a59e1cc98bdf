package dev.armature.core.internal.concurrent;

import static java.util.Objects.requireNonNull;

import dev.armature.api.time.TimeSource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Internal: creates every thread a system owns (daemon, named {@code armature-<system>-<role>-N})
 * and remembers them, so that {@code close()} can prove none outlives the system.
 */
public final class OwnedThreads {
    private final String systemName;
    private final Set<Thread> threads = ConcurrentHashMap.newKeySet();

    /**
     * Creates the registry for one system.
     *
     * @param systemName the system's name, used in thread names
     */
    public OwnedThreads(String systemName) {
        this.systemName = requireNonNull(systemName, "systemName");
    }

    /**
     * Returns a factory for threads of one role.
     *
     * @param role the role, for example {@code worker}
     * @return the factory
     */
    public ThreadFactory factory(String role) {
        AtomicInteger counter = new AtomicInteger();
        String prefix = "armature-" + systemName + "-" + role + "-";
        return runnable -> {
            Thread t = new Thread(runnable, prefix + counter.incrementAndGet());
            t.setDaemon(true);
            // A thread is forgotten only once it has terminated: one that removed itself as its task
            // ended would still be alive, briefly, when close() looked.
            threads.removeIf(old -> old.getState() == Thread.State.TERMINATED);
            threads.add(t);
            return t;
        };
    }

    /**
     * Returns whether a thread is one of this system's.
     *
     * @param thread the thread
     * @return {@code true} on an owned thread
     */
    public boolean isOwned(Thread thread) {
        return threads.contains(thread);
    }

    /**
     * Waits for every owned thread except the given ones to end.
     *
     * @param except threads not to wait for, such as the caller's own
     * @param timeout how long to wait in all
     * @return the threads still alive when the wait ended
     * @throws InterruptedException if the wait was interrupted
     */
    public List<Thread> awaitEnd(Set<Thread> except, Duration timeout) throws InterruptedException {
        long deadline = TimeSource.system().nanoTime() + timeout.toNanos();
        List<Thread> alive = new ArrayList<>();
        for (Thread t : List.copyOf(threads)) {
            if (except.contains(t) || t == Thread.currentThread()) {
                continue;
            }
            long left = deadline - TimeSource.system().nanoTime();
            if (left > 0) {
                t.join(Math.max(1, left / 1_000_000));
            }
            if (t.isAlive()) {
                alive.add(t);
            }
        }
        return alive;
    }
}

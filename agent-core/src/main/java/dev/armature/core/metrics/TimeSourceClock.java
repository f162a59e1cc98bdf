package dev.armature.core.metrics;

import static java.util.Objects.requireNonNull;

import dev.armature.api.time.TimeSource;
import io.micrometer.core.instrument.Clock;

/**
 * Micrometer's {@link Clock} read from a system's {@link TimeSource}, so that meters (a timer's
 * decaying max, a registry's steps) follow virtual time in tests as they follow real time in
 * production. For registries a module or host creates beside the system's own.
 *
 * @param time the system's time source
 * @since 0.1
 */
public record TimeSourceClock(TimeSource time) implements Clock {
    /**
     * Checks the time source.
     *
     * @param time the system's time source
     */
    public TimeSourceClock {
        requireNonNull(time, "time");
    }

    @Override
    public long wallTime() {
        return time.now().toEpochMilli();
    }

    @Override
    public long monotonicTime() {
        return time.nanoTime();
    }
}

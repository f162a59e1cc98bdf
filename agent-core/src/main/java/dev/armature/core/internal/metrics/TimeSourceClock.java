package dev.armature.core.internal.metrics;

import dev.armature.api.time.TimeSource;
import io.micrometer.core.instrument.Clock;

/** Internal: Micrometer's {@link Clock} read from the system's {@link TimeSource}, so meters follow virtual time. */
record TimeSourceClock(TimeSource time) implements Clock {
    @Override
    public long wallTime() {
        return time.now().toEpochMilli();
    }

    @Override
    public long monotonicTime() {
        return time.nanoTime();
    }
}

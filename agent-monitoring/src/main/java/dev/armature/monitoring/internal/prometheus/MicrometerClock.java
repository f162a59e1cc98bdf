package dev.armature.monitoring.internal.prometheus;

import dev.armature.api.time.TimeSource;
import io.micrometer.core.instrument.Clock;

/** Internal: Micrometer's {@link Clock} read from the system's {@link TimeSource}, so a timer's max decays in virtual time too. */
record MicrometerClock(TimeSource time) implements Clock {
    @Override
    public long wallTime() {
        return time.now().toEpochMilli();
    }

    @Override
    public long monotonicTime() {
        return time.nanoTime();
    }
}

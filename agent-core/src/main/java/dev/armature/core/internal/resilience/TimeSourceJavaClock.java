package dev.armature.core.internal.resilience;

import static java.util.Objects.requireNonNull;

import dev.armature.api.time.TimeSource;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** Internal: a {@link Clock} read from the system's {@link TimeSource}, so Resilience4j's waits follow virtual time. */
final class TimeSourceJavaClock extends Clock {
    private final TimeSource time;

    TimeSourceJavaClock(TimeSource time) {
        this.time = requireNonNull(time, "time");
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        // Resilience4j only compares instants; the zone carries no meaning here.
        return this;
    }

    @Override
    public Instant instant() {
        return time.now();
    }

    @Override
    public long millis() {
        return time.now().toEpochMilli();
    }
}

package dev.armature.api.time;

import java.time.Instant;

/** The operating system's clocks; the one place in Armature that reads them. */
enum SystemTimeSource implements TimeSource {
    INSTANCE;

    @Override
    public Instant now() {
        return Instant.now();
    }

    @Override
    public long nanoTime() {
        return System.nanoTime();
    }

    @Override
    public String toString() {
        return "TimeSource.system()";
    }
}

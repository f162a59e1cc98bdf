package dev.armature.api;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Arrays;

/**
 * A component's saved state, as handed to {@link Checkpointable#restore}.
 *
 * @param component the component's name
 * @param sequence the checkpoint's number, one more for each checkpoint of the component
 * @param version the component's {@linkplain Checkpointable#checkpointVersion() checkpoint version}
 *     when it was taken
 * @param takenAt when it was taken, by the system's time source
 * @param state the state; a copy
 * @since 0.1
 */
@SuppressWarnings("ArrayRecordComponent") // copied in and out, compared and hashed by content
public record Checkpoint(String component, long sequence, String version, Instant takenAt, byte[] state) {
    /**
     * Checks every part and copies the state.
     *
     * @param component the component's name
     * @param sequence the checkpoint's number, at least 1
     * @param version the checkpoint version
     * @param takenAt when it was taken
     * @param state the state
     */
    public Checkpoint {
        requireNonNull(component, "component");
        requireNonNull(version, "version");
        requireNonNull(takenAt, "takenAt");
        state = requireNonNull(state, "state").clone();
        if (sequence < 1) {
            throw new IllegalArgumentException("sequence must be at least 1, was " + sequence);
        }
    }

    /**
     * Returns a copy of the state.
     *
     * @return the state
     */
    @Override
    public byte[] state() {
        return state.clone();
    }

    /**
     * Compares by content, the state included.
     *
     * @param o the other object
     * @return whether both describe the same checkpoint
     */
    @Override
    public boolean equals(Object o) {
        return o instanceof Checkpoint c
                && c.component.equals(component)
                && c.sequence == sequence
                && c.version.equals(version)
                && c.takenAt.equals(takenAt)
                && Arrays.equals(c.state, state);
    }

    /**
     * Hashes by content.
     *
     * @return the hash
     */
    @Override
    public int hashCode() {
        return ((component.hashCode() * 31 + Long.hashCode(sequence)) * 31 + version.hashCode()) * 31
                + Arrays.hashCode(state);
    }

    /**
     * Describes the checkpoint without its state, which may be large or sensitive.
     *
     * @return the description
     */
    @Override
    public String toString() {
        return "Checkpoint[" + component + " #" + sequence + " v" + version + " at " + takenAt + ", " + state.length
                + " bytes]";
    }
}

package dev.armature.api.state;

import static java.util.Objects.requireNonNull;

import java.util.Arrays;

/**
 * A value read from a {@link StateStore} together with its version.
 *
 * <p>The record copies the bytes on the way in and on the way out, so neither the caller that
 * created it nor the one that reads it can change the other's view. Two instances are equal when
 * their versions are equal and their bytes have the same content.
 *
 * @param value the stored bytes; copied
 * @param version the key's version, at least 1
 * @since 0.1
 */
// The array is copied in and out, and equals/hashCode/toString are written for its content.
@SuppressWarnings("ArrayRecordComponent")
public record Versioned(byte[] value, long version) {
    /**
     * Copies the value and checks the version's range.
     *
     * @param value the stored bytes; copied
     * @param version the key's version, at least 1
     */
    public Versioned {
        value = requireNonNull(value, "value").clone();
        if (version < 1) {
            throw new IllegalArgumentException("version must be at least 1, was " + version);
        }
    }

    /**
     * Returns a copy of the stored bytes.
     *
     * @return a fresh copy; changing it changes nothing else
     */
    @Override
    public byte[] value() {
        return value.clone();
    }

    /**
     * Returns the number of stored bytes, without copying them.
     *
     * @return the value's length
     */
    public int size() {
        return value.length;
    }

    /**
     * Compares versions and the content of the values.
     *
     * @param other the object to compare with
     * @return {@code true} if {@code other} is a {@code Versioned} with the same version and equal
     *     bytes
     */
    @Override
    public boolean equals(Object other) {
        return other instanceof Versioned v && v.version == version && Arrays.equals(v.value, value);
    }

    /**
     * Hashes the version and the content of the value.
     *
     * @return the hash code
     */
    @Override
    public int hashCode() {
        return 31 * Long.hashCode(version) + Arrays.hashCode(value);
    }

    /**
     * Describes the version and the size of the value, never its bytes, which may be secret.
     *
     * @return a description such as {@code Versioned[version=3, size=12 bytes]}
     */
    @Override
    public String toString() {
        return "Versioned[version=" + version + ", size=" + value.length + " bytes]";
    }
}

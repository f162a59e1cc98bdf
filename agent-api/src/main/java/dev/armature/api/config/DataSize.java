package dev.armature.api.config;

/**
 * An amount of data in bytes, as configuration writes it: {@code 512}, {@code 64KiB}, {@code
 * 10MiB}, {@code 1GiB} (powers of 1024) or {@code 10MB} (powers of 1000).
 *
 * @param bytes the number of bytes, not negative
 * @since 0.1
 */
public record DataSize(long bytes) implements Comparable<DataSize> {
    /**
     * Checks that the size is not negative.
     *
     * @param bytes the number of bytes
     */
    public DataSize {
        if (bytes < 0) {
            throw new IllegalArgumentException("a data size cannot be negative, was " + bytes);
        }
    }

    /**
     * Returns a size of a number of bytes.
     *
     * @param bytes the number of bytes
     * @return the size
     */
    public static DataSize ofBytes(long bytes) {
        return new DataSize(bytes);
    }

    /**
     * Returns a size of a number of mebibytes (1024 × 1024 bytes).
     *
     * @param mebibytes the number of mebibytes
     * @return the size
     */
    public static DataSize ofMebibytes(long mebibytes) {
        return new DataSize(Math.multiplyExact(mebibytes, 1024L * 1024L));
    }

    @Override
    public int compareTo(DataSize other) {
        return Long.compare(bytes, other.bytes);
    }

    /** Returns the size in bytes followed by {@code B}, such as {@code 1048576B}. */
    @Override
    public String toString() {
        return bytes + "B";
    }
}

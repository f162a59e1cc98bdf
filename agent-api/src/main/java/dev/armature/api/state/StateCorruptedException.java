package dev.armature.api.state;

import static java.util.Objects.requireNonNull;

import dev.armature.api.ArmatureException;

/**
 * Thrown when a stored file is unreadable in a way that recovery must not guess about: a journal
 * whose header is not a journal header, or a stored value that fails its checksum. The message
 * names the file and the byte offset.
 *
 * <p>A torn journal tail, the normal result of a crash during an append, is not reported this way:
 * recovery drops it silently apart from a log line.
 *
 * @since 0.1
 */
public final class StateCorruptedException extends ArmatureException {
    private static final long serialVersionUID = 1L;

    /** The stable code of this exception. */
    public static final String CODE = "armature.state.corrupted";

    /** The corrupt file. */
    private final String file;
    /** Where in the file the damage starts. */
    private final long offset;

    /**
     * Creates the exception.
     *
     * @param file the corrupt file
     * @param offset the byte offset at which the damage was found, at least 0
     * @param problem what was found there, for example {@code "bad magic number"}
     */
    public StateCorruptedException(String file, long offset, String problem) {
        super(
                CODE,
                "The file " + requireNonNull(file, "file") + " is corrupt at byte offset " + offset + ": "
                        + requireNonNull(problem, "problem")
                        + ". Restore it from a backup or move it aside; Armature does not guess at its content.");
        if (offset < 0) {
            throw new IllegalArgumentException("offset must not be negative, was " + offset);
        }
        this.file = file;
        this.offset = offset;
    }

    /**
     * Returns the corrupt file.
     *
     * @return the file's path as text
     */
    public String file() {
        return file;
    }

    /**
     * Returns the byte offset at which the damage was found.
     *
     * @return the offset, at least 0
     */
    public long offset() {
        return offset;
    }
}

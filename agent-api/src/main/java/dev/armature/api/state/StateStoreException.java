package dev.armature.api.state;

import static java.util.Objects.requireNonNull;

import dev.armature.api.ArmatureException;
import org.jspecify.annotations.Nullable;

/**
 * Thrown when durable state cannot be read or written because of an I/O failure; the message names
 * the file or directory, the operation and what to check.
 *
 * @since 0.1
 */
public final class StateStoreException extends ArmatureException {
    private static final long serialVersionUID = 1L;

    /** The stable code of this exception. */
    public static final String CODE = "armature.state.io";

    /** The file or directory involved. */
    private final String path;

    /**
     * Creates the exception.
     *
     * @param path the file or directory that could not be read or written
     * @param operation what was being done, for example {@code "write the value of sessions/s-42"}
     * @param cause the underlying failure, or {@code null} if there is none
     */
    public StateStoreException(String path, String operation, @Nullable Throwable cause) {
        super(
                CODE,
                "Could not " + requireNonNull(operation, "operation") + " at " + requireNonNull(path, "path")
                        + (cause == null ? "" : " (" + cause + ")")
                        + ": check that the disk is not full, that the path is writable by this process, and"
                        + " that nothing else modifies the data directory.",
                cause);
        this.path = path;
    }

    /**
     * Returns the file or directory that could not be read or written.
     *
     * @return the path as text
     */
    public String path() {
        return path;
    }
}

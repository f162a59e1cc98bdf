package dev.armature.api.state;

import static java.util.Objects.requireNonNull;

import dev.armature.api.ArmatureException;

/**
 * Thrown when a data directory is already owned by another process, or by another owner in this
 * process, so that two owners never write the same files.
 *
 * <p>Ownership is an operating-system file lock, which the system releases when its owner exits in
 * any way, including being killed; a lock that is still held therefore means a live owner.
 *
 * @since 0.1
 */
public final class DataDirectoryLockedException extends ArmatureException {
    private static final long serialVersionUID = 1L;

    /** The stable code of this exception. */
    public static final String CODE = "armature.state.locked";

    /** The locked directory. */
    private final String directory;

    /**
     * Creates the exception.
     *
     * @param directory the data directory that is owned already
     * @param owner who owns it, as far as known, for example {@code "process 4711"} or {@code "this
     *     process"}
     */
    public DataDirectoryLockedException(String directory, String owner) {
        super(
                CODE,
                "The data directory " + requireNonNull(directory, "directory") + " is owned by "
                        + requireNonNull(owner, "owner")
                        + " (another Armature system holds its lock file armature.lock). Stop that system or"
                        + " close its storage first, or give this one a different data directory.");
        this.directory = directory;
    }

    /**
     * Returns the data directory that is owned already.
     *
     * @return the directory's path as text
     */
    public String directory() {
        return directory;
    }
}

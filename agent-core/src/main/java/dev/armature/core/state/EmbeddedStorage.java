package dev.armature.core.state;

import dev.armature.api.state.DataDirectoryLockedException;
import dev.armature.api.state.Journal;
import dev.armature.api.state.StateNames;
import dev.armature.api.state.StateStore;
import dev.armature.api.state.StateStoreException;
import dev.armature.core.internal.state.Storage;
import java.nio.file.Path;

/**
 * The embedded durable state of one data directory: a {@link StateStore} and any number of named
 * {@link Journal}s, kept in files under the directory, which this object owns exclusively from
 * {@link #open} until {@link #close()}.
 *
 * <p>Ownership is an operating-system lock on the file {@code armature.lock}: a second owner, in
 * another process or in this one, is refused with {@link DataDirectoryLockedException}, and a
 * process that dies in any way, even killed, releases it, so the next start is never blocked.
 *
 * <p>Layout: {@code state/<namespace>/<key in base32>.v} holds one value each; {@code
 * journal/<name>.journal} one journal each. Safe for use by many threads.
 *
 * <pre>{@code
 * try (EmbeddedStorage storage = EmbeddedStorage.open(Path.of("armature-data"))) {
 *     StateStore store = storage.stateStore();
 *     Journal journal = storage.journal("tool-calls");
 *     ...
 * }
 * }</pre>
 *
 * @since 0.1
 */
public final class EmbeddedStorage implements AutoCloseable {
    /** The data directory used when none is given: {@code ./armature-data}. */
    public static final Path DEFAULT_DIRECTORY = Storage.DEFAULT_DIRECTORY;

    private final Storage storage;

    private EmbeddedStorage(Storage storage) {
        this.storage = storage;
    }

    /**
     * Creates the directory if it is missing and takes ownership of it.
     *
     * @param directory the data directory, for example {@link #DEFAULT_DIRECTORY}
     * @return the storage, owning the directory until it is closed
     * @throws DataDirectoryLockedException if another process, or another storage in this process,
     *     owns the directory
     * @throws StateStoreException if the directory cannot be created or locked
     */
    public static EmbeddedStorage open(Path directory) {
        return new EmbeddedStorage(Storage.open(directory));
    }

    /**
     * Returns the data directory's real path.
     *
     * @return the directory
     */
    public Path directory() {
        return storage.directory();
    }

    /**
     * Returns the state store kept in this directory.
     *
     * @return the store, usable until this storage is closed
     */
    public StateStore stateStore() {
        return storage.stateStore();
    }

    /**
     * Returns the named journal, opening (and if needed recovering) it on the first call. Later
     * calls return the same open instance; the storage closes every journal it opened.
     *
     * @param name the journal's name, following the namespace rules of {@link StateNames}
     * @return the open journal
     * @throws IllegalArgumentException if the name breaks the rules
     * @throws IllegalStateException if the storage is closed
     */
    public Journal journal(String name) {
        return storage.journal(name);
    }

    /**
     * Closes every journal opened through this storage and releases the directory's lock. Safe to
     * call more than once.
     */
    @Override
    public void close() {
        storage.close();
    }
}

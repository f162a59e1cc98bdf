package dev.armature.core.state;

import dev.armature.api.state.DataDirectoryLockedException;
import dev.armature.api.state.Journal;
import dev.armature.api.state.StateNames;
import dev.armature.api.state.StateStore;
import dev.armature.api.state.StateStoreException;
import dev.armature.core.internal.state.DataDirectory;
import dev.armature.core.internal.state.FileJournal;
import dev.armature.core.internal.state.FileStateStore;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

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
    public static final Path DEFAULT_DIRECTORY = Path.of("armature-data");

    private final DataDirectory directory;
    private final FileStateStore store;
    private final Map<String, FileJournal> journals = new HashMap<>();
    private boolean closed;

    private EmbeddedStorage(DataDirectory directory) {
        this.directory = directory;
        this.store = new FileStateStore(directory);
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
        DataDirectory owned = DataDirectory.open(directory);
        try {
            return new EmbeddedStorage(owned);
        } catch (RuntimeException e) {
            owned.close();
            throw e;
        }
    }

    /**
     * Returns the data directory's real path.
     *
     * @return the directory
     */
    public Path directory() {
        return directory.path();
    }

    /**
     * Returns the state store kept in this directory. It stops working when the storage closes.
     *
     * @return the store; the same instance on every call
     */
    public StateStore stateStore() {
        return store;
    }

    /**
     * Returns the named journal, opening (and if needed recovering) it on the first call.
     *
     * <p>Later calls return the same open instance. Closing a journal is optional: the storage
     * closes every journal it opened; a journal closed by its user is opened again by the next call.
     *
     * @param name the journal's name, following the namespace rules of {@link StateNames}
     * @return the open journal
     * @throws IllegalArgumentException if the name breaks the rules
     * @throws IllegalStateException if the storage is closed
     */
    public synchronized Journal journal(String name) {
        StateNames.checkNamespace(name);
        if (closed) {
            throw new IllegalStateException("the storage of " + directory.path() + " is closed");
        }
        FileJournal journal = journals.get(name);
        if (journal == null || journal.isClosed()) {
            journal = FileJournal.open(directory, name);
            journals.put(name, journal);
        }
        return journal;
    }

    /**
     * Closes every journal opened through this storage and releases the directory's lock. Safe to
     * call more than once.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            for (FileJournal journal : journals.values()) {
                journal.close();
            }
        } finally {
            journals.clear();
            directory.close();
        }
    }
}

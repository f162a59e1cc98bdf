package dev.armature.core.internal.state;

import dev.armature.api.state.DataDirectoryLockedException;
import dev.armature.api.state.Journal;
import dev.armature.api.state.StateNames;
import dev.armature.api.state.StateStore;
import dev.armature.api.state.StateStoreException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Internal: the embedded durable state of one data directory, owned through its lock; the body of
 * the public {@code EmbeddedStorage} and what a system opens on first use of durable state.
 */
public final class Storage implements AutoCloseable {
    /** The data directory used when none is given: {@code ./armature-data}. */
    public static final Path DEFAULT_DIRECTORY = Path.of("armature-data");

    private final DataDirectory directory;
    private final FileStateStore store;
    private final Map<String, FileJournal> journals = new HashMap<>();
    private boolean closed;

    private Storage(DataDirectory directory) {
        this.directory = directory;
        this.store = new FileStateStore(directory);
    }

    /**
     * Creates the directory if it is missing and takes ownership of it.
     *
     * @param directory the data directory, for example {@code ./armature-data}
     * @return the storage, owning the directory until it is closed
     * @throws DataDirectoryLockedException if another process, or another storage in this process,
     *     owns the directory
     * @throws StateStoreException if the directory cannot be created or locked
     */
    public static Storage open(Path directory) {
        DataDirectory owned = DataDirectory.open(directory);
        try {
            return new Storage(owned);
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
     * Returns whether a data directory already holds a namespace of the state store, without taking
     * the directory's lock; callers use it to open the store only when there is something to read.
     */
    public static boolean holdsNamespace(Path directory, String namespace) {
        return java.nio.file.Files.isDirectory(
                directory.resolve(FileStateStore.DIRECTORY).resolve(namespace));
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

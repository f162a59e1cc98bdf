package dev.armature.core.internal.state;

import static java.util.Objects.requireNonNull;

import dev.armature.api.state.StateNames;
import dev.armature.api.state.StateStore;
import dev.armature.api.state.Versioned;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Internal: the embedded {@link StateStore}, one file per key under {@code state/<namespace>/} of a
 * {@link DataDirectory}, named by {@link KeyFileNames} and laid out by {@link ValueFileFormat}.
 *
 * <p>Every write replaces the key's file atomically ({@link DurableFiles#writeAtomically}) and
 * returns once the file and its directory are synced. Writes to one key are serialised by one of
 * {@value #STRIPES} locks chosen by the key's hash, which makes read-check-write of compare-and-set
 * atomic within this process; the data directory's lock keeps other processes out. Reads take no
 * lock: a rename is atomic, so a reader sees the old file or the new one.
 */
public final class FileStateStore implements StateStore {
    static final String DIRECTORY = "state";
    private static final int STRIPES = 64;

    private final DataDirectory owner;
    private final Path root;
    private final ReentrantLock[] stripes = new ReentrantLock[STRIPES];

    /** Opens the store in {@code owner}'s directory, removing temporary files a crash left behind. */
    public FileStateStore(DataDirectory owner) {
        this.owner = requireNonNull(owner, "owner");
        this.root = owner.subdirectory(DIRECTORY);
        for (int i = 0; i < STRIPES; i++) {
            stripes[i] = new ReentrantLock();
        }
        removeLeftovers();
    }

    @Override
    public Optional<Versioned> get(String namespace, String key) {
        return read(file(namespace, key));
    }

    @Override
    public long put(String namespace, String key, byte[] value) {
        requireNonNull(value, "value");
        Path file = file(namespace, key);
        ReentrantLock lock = stripe(namespace, key);
        lock.lock();
        try {
            long next = currentVersion(file) + 1;
            write(namespace, file, next, value);
            return next;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public boolean compareAndSet(String namespace, String key, long expectedVersion, byte[] value) {
        requireNonNull(value, "value");
        if (expectedVersion < 0) {
            throw new IllegalArgumentException("expectedVersion must not be negative, was " + expectedVersion);
        }
        Path file = file(namespace, key);
        ReentrantLock lock = stripe(namespace, key);
        lock.lock();
        try {
            if (currentVersion(file) != expectedVersion) {
                return false;
            }
            write(namespace, file, expectedVersion + 1, value);
            return true;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public boolean delete(String namespace, String key) {
        Path file = file(namespace, key);
        ReentrantLock lock = stripe(namespace, key);
        lock.lock();
        try {
            return remove(file);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public boolean delete(String namespace, String key, long expectedVersion) {
        if (expectedVersion < 1) {
            throw new IllegalArgumentException("expectedVersion must be at least 1, was " + expectedVersion);
        }
        Path file = file(namespace, key);
        ReentrantLock lock = stripe(namespace, key);
        lock.lock();
        try {
            return currentVersion(file) == expectedVersion && remove(file);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public List<String> keys(String namespace) {
        Path directory = root.resolve(StateNames.checkNamespace(namespace));
        checkOpen();
        List<String> keys = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(directory)) {
            for (Path f : files) {
                KeyFileNames.key(f.getFileName().toString()).ifPresent(keys::add);
            }
        } catch (NoSuchFileException e) {
            return List.of();
        } catch (IOException e) {
            throw DurableFiles.failure(directory, "list the keys of namespace " + namespace, e);
        }
        keys.sort(null);
        return List.copyOf(keys);
    }

    private Path file(String namespace, String key) {
        Path file = root.resolve(StateNames.checkNamespace(namespace))
                .resolve(KeyFileNames.fileName(StateNames.checkKey(key)));
        checkOpen();
        return file;
    }

    private void checkOpen() {
        if (!owner.isOpen()) {
            throw new IllegalStateException(
                    "the state store of " + owner.path() + " is closed; open the storage again to use it");
        }
    }

    private ReentrantLock stripe(String namespace, String key) {
        int hash = 31 * namespace.hashCode() + key.hashCode();
        return stripes[Math.floorMod(hash, STRIPES)];
    }

    private static Optional<Versioned> read(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw DurableFiles.failure(file, "read a stored value", e);
        }
        return Optional.of(ValueFileFormat.decode(file, bytes));
    }

    private static long currentVersion(Path file) {
        return read(file).map(Versioned::version).orElse(0L);
    }

    private static void write(String namespace, Path file, long version, byte[] value) {
        try {
            DurableFiles.createDirectories(DurableFiles.parent(file));
            DurableFiles.writeAtomically(file, ValueFileFormat.encode(version, value));
        } catch (IOException e) {
            throw DurableFiles.failure(file, "write version " + version + " of a key in namespace " + namespace, e);
        }
    }

    private static boolean remove(Path file) {
        try {
            if (!Files.deleteIfExists(file)) {
                return false;
            }
            DurableFiles.syncDirectory(DurableFiles.parent(file));
            return true;
        } catch (IOException e) {
            throw DurableFiles.failure(file, "delete a stored value", e);
        }
    }

    private void removeLeftovers() {
        try (DirectoryStream<Path> namespaces = Files.newDirectoryStream(root)) {
            for (Path namespace : namespaces) {
                if (!Files.isDirectory(namespace)) {
                    continue;
                }
                try (DirectoryStream<Path> temps = Files.newDirectoryStream(namespace, "*.tmp")) {
                    for (Path temp : temps) {
                        Files.deleteIfExists(temp);
                    }
                }
            }
        } catch (IOException e) {
            throw DurableFiles.failure(root, "remove temporary files left by an earlier crash", e);
        }
    }
}

package dev.armature.core.internal.state;

import static java.util.Objects.requireNonNull;

import dev.armature.api.state.DataDirectoryLockedException;
import dev.armature.api.state.StateStoreException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * Internal: a data directory owned exclusively through an operating-system lock on its file {@value
 * #LOCK_FILE}, held from {@link #open} until {@link #close()}.
 *
 * <p>The operating system releases the lock when the owning process ends in any way, so a killed
 * owner never blocks the next start. A second owner is refused with {@link
 * DataDirectoryLockedException}, whether it is another process ({@code tryLock} returns {@code
 * null}) or this one. Owners in this process are tracked in a set before the lock file is even
 * opened: with POSIX locks, closing any channel on the lock file would release this process's lock,
 * so a refused second owner must never open and close one. The lock file is never deleted, so two
 * processes can never lock two different files of the same name.
 */
public final class DataDirectory implements AutoCloseable {
    /** The name of the lock file inside the data directory. */
    public static final String LOCK_FILE = "armature.lock";

    /** The real paths of the directories owned in this process. */
    private static final Set<Path> OWNED_HERE = ConcurrentHashMap.newKeySet();

    /** Lock-file channels that must never be closed; see {@link #open}. */
    private static final Set<FileChannel> KEPT_OPEN = ConcurrentHashMap.newKeySet();

    private final Path path;
    private final FileChannel lockChannel;
    private final FileLock lock;
    private boolean closed;

    private DataDirectory(Path path, FileChannel lockChannel, FileLock lock) {
        this.path = path;
        this.lockChannel = lockChannel;
        this.lock = lock;
    }

    /**
     * Creates the directory if needed and takes ownership of it.
     *
     * @throws DataDirectoryLockedException if another process or another owner in this process owns it
     * @throws StateStoreException if the directory or its lock file cannot be created
     */
    public static DataDirectory open(Path directory) {
        requireNonNull(directory, "directory");
        Path real;
        try {
            DurableFiles.createDirectories(directory);
            real = directory.toRealPath();
        } catch (IOException e) {
            throw DurableFiles.failure(directory.toAbsolutePath(), "create the data directory", e);
        }
        if (!OWNED_HERE.add(real)) {
            throw new DataDirectoryLockedException(real.toString(), "this process (process " + pid() + ")");
        }
        Path lockFile = real.resolve(LOCK_FILE);
        FileChannel channel = null;
        try {
            channel = FileChannel.open(
                    lockFile, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException e) {
                // Another owner in this JVM that OWNED_HERE did not see (Armature loaded twice by two
                // class loaders). Closing this channel would drop that owner's POSIX lock, so it is
                // kept open, referenced so that no cleaner closes it, for the life of the JVM.
                KEPT_OPEN.add(channel);
                OWNED_HERE.remove(real);
                channel = null;
                throw new DataDirectoryLockedException(real.toString(), "this process (process " + pid() + ")");
            }
            if (lock == null) {
                String owner = recordedOwner(channel);
                channel.close();
                OWNED_HERE.remove(real);
                throw new DataDirectoryLockedException(real.toString(), owner);
            }
            recordOwner(channel);
            return new DataDirectory(real, channel, lock);
        } catch (IOException e) {
            closeQuietly(channel);
            OWNED_HERE.remove(real);
            throw DurableFiles.failure(lockFile, "lock the data directory", e);
        } catch (RuntimeException e) {
            closeQuietly(channel);
            OWNED_HERE.remove(real);
            throw e;
        }
    }

    /** Returns the directory's real path. */
    public Path path() {
        return path;
    }

    /** Returns a subdirectory, created if missing. */
    Path subdirectory(String name) {
        Path sub = path.resolve(name);
        try {
            DurableFiles.createDirectories(sub);
        } catch (IOException e) {
            throw DurableFiles.failure(sub, "create the directory", e);
        }
        return sub;
    }

    /** Returns whether this owner still holds the lock. */
    public synchronized boolean isOpen() {
        return !closed;
    }

    /** Releases the lock. Safe to call more than once. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            lock.release();
            lockChannel.close();
        } catch (IOException e) {
            throw DurableFiles.failure(path.resolve(LOCK_FILE), "release the data directory's lock", e);
        } finally {
            OWNED_HERE.remove(path);
        }
    }

    private static void recordOwner(FileChannel channel) throws IOException {
        byte[] text = ("process " + pid() + "\n").getBytes(StandardCharsets.UTF_8);
        channel.truncate(0);
        DurableFiles.writeFully(channel, ByteBuffer.wrap(text), 0);
    }

    /** Reads who the lock file says holds it; the lock is advisory, so reading is allowed. */
    private static String recordedOwner(FileChannel channel) {
        try {
            ByteBuffer buffer = ByteBuffer.allocate(64);
            int n = DurableFiles.readFully(channel, buffer, 0);
            String text = new String(buffer.array(), 0, n, StandardCharsets.UTF_8).strip();
            return text.startsWith("process ") ? text : "another process";
        } catch (IOException e) {
            return "another process";
        }
    }

    private static long pid() {
        return ProcessHandle.current().pid();
    }

    private static void closeQuietly(@Nullable FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // already failing; the first error is the one to report
            }
        }
    }
}

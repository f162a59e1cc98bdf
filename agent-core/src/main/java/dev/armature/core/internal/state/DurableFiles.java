package dev.armature.core.internal.state;

import dev.armature.api.state.StateStoreException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Internal: the file operations that make a write survive a crash — write to a temporary file,
 * sync it, rename it over the target atomically, then sync the directory so that the rename itself
 * is durable.
 */
final class DurableFiles {
    private DurableFiles() {}

    /**
     * Replaces {@code target} with {@code content} so that after a crash the file holds either the
     * old content or the new, never a mix. Not safe for two concurrent writers of one target: the
     * caller serialises writes per target.
     */
    static void writeAtomically(Path target, ByteBuffer content) throws IOException {
        Path temp = target.resolveSibling(target.getFileName() + ".tmp");
        try (FileChannel channel = FileChannel.open(
                temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
            writeFully(channel, content, 0);
            channel.force(true);
        }
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.deleteIfExists(temp);
            throw e;
        }
        syncDirectory(parent(target));
    }

    /** Writes every remaining byte of {@code content} at {@code position}. */
    static void writeFully(FileChannel channel, ByteBuffer content, long position) throws IOException {
        long at = position;
        while (content.hasRemaining()) {
            at += channel.write(content, at);
        }
    }

    /** Reads until {@code buffer} is full or the file ends; returns the number of bytes read. */
    static int readFully(FileChannel channel, ByteBuffer buffer, long position) throws IOException {
        int total = 0;
        while (buffer.hasRemaining()) {
            int n = channel.read(buffer, position + total);
            if (n < 0) {
                break;
            }
            total += n;
        }
        return total;
    }

    /**
     * Syncs a directory, so that files created, renamed or deleted in it stay so after a crash. On
     * Linux and macOS a directory opens for reading and syncs; where the platform refuses (Windows),
     * the rename is already durable through the file system's own journal and nothing more is done.
     */
    static void syncDirectory(Path directory) throws IOException {
        FileChannel channel;
        try {
            channel = FileChannel.open(directory, StandardOpenOption.READ);
        } catch (IOException e) {
            if (isWindows()) {
                return;
            }
            throw e;
        }
        try (channel) {
            channel.force(true);
        }
    }

    /** Creates a directory and its missing parents, syncing each parent that gained an entry. */
    static void createDirectories(Path directory) throws IOException {
        Path absolute = directory.toAbsolutePath();
        if (Files.isDirectory(absolute)) {
            return;
        }
        Path parent = absolute.getParent();
        if (parent != null) {
            createDirectories(parent);
        }
        try {
            Files.createDirectory(absolute);
        } catch (java.nio.file.FileAlreadyExistsException e) {
            if (!Files.isDirectory(absolute)) {
                throw e;
            }
            return;
        }
        if (parent != null) {
            syncDirectory(parent);
        }
    }

    /** Returns the directory that holds {@code file}. */
    static Path parent(Path file) {
        Path parent = file.toAbsolutePath().getParent();
        if (parent == null) {
            throw new IllegalArgumentException("the path " + file + " has no parent directory");
        }
        return parent;
    }

    static StateStoreException failure(Path path, String operation, IOException cause) {
        return new StateStoreException(path.toString(), operation, cause);
    }

    private static boolean isWindows() {
        return System.getProperty("os.name", "").startsWith("Windows");
    }
}

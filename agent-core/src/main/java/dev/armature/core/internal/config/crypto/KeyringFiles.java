package dev.armature.core.internal.config.crypto;

import dev.armature.api.config.ConfigException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Internal: reads and writes keyring files. Files are written owner-only ({@code rw-------}) where
 * the file system has POSIX permissions, and reading one that others may read logs a warning.
 */
public final class KeyringFiles {
    private static final Logger log = LoggerFactory.getLogger(KeyringFiles.class);

    /** A keyring of a thousand keys is under 100 KiB; anything this large is not a keyring. */
    private static final long MAX_BYTES = 1 << 20;

    private static final Set<PosixFilePermission> OWNER_ONLY =
            EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);

    private KeyringFiles() {}

    /**
     * Reads a keyring file.
     *
     * @throws ConfigException with code {@value KeyringFormat#CODE} naming the file
     */
    public static StoredKeyring read(Path file) {
        String where = where(file);
        String text;
        try {
            if (Files.size(file) > MAX_BYTES) {
                throw KeyringFormat.failure(where, "is larger than " + MAX_BYTES + " bytes; it is not a keyring");
            }
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw KeyringFormat.failure(where, "does not exist");
        } catch (CharacterCodingException e) {
            throw KeyringFormat.failure(where, "is not UTF-8 text");
        } catch (IOException e) {
            throw new ConfigException(
                    KeyringFormat.CODE,
                    where + " cannot be read: " + e.getClass().getSimpleName(),
                    null,
                    e);
        }
        warnIfOthersMayRead(file);
        return KeyringFormat.parseJson(text, where);
    }

    /**
     * Writes a keyring file, owner-only where permissions are POSIX.
     *
     * @param replace whether an existing file is replaced (atomically where possible) or refused
     * @throws ConfigException with code {@value KeyringFormat#CODE} naming the file
     */
    public static void write(StoredKeyring keyring, Path file, boolean replace) {
        String where = where(file);
        byte[] content = KeyringFormat.toJson(keyring).getBytes(StandardCharsets.UTF_8);
        try {
            if (replace) {
                replace(file, content);
            } else {
                create(file, content);
            }
        } catch (FileAlreadyExistsException e) {
            throw KeyringFormat.failure(
                    where, "exists already; refusing to overwrite it, since values may be sealed with its keys");
        } catch (IOException e) {
            throw new ConfigException(
                    KeyringFormat.CODE,
                    where + " cannot be written: " + e.getClass().getSimpleName(),
                    null,
                    e);
        } finally {
            Arrays.fill(content, (byte) 0);
        }
        log.atInfo()
                .addKeyValue("file", file)
                .addKeyValue("primaryKeyId", keyring.primaryKeyId())
                .addKeyValue("keyIds", keyring.keyIds())
                .log("wrote a keyring file");
    }

    private static void create(Path file, byte[] content) throws IOException {
        Set<OpenOption> options = Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        boolean created = false;
        try (FileChannel channel = FileChannel.open(file, options, ownerOnly(file))) {
            created = true;
            writeFully(channel, content);
        } catch (IOException | RuntimeException e) {
            if (created) {
                Files.deleteIfExists(file);
            }
            throw e;
        }
    }

    private static void replace(Path file, byte[] content) throws IOException {
        Path directory = file.toAbsolutePath().getParent();
        if (directory == null) {
            throw new NoSuchFileException(file.toString(), null, "has no parent directory");
        }
        Path temp = Files.createTempFile(directory, "." + file.getFileName(), ".tmp", ownerOnly(file));
        try {
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                writeFully(channel, content);
            }
            try {
                Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    private static void writeFully(FileChannel channel, byte[] content) throws IOException {
        ByteBuffer buffer = ByteBuffer.wrap(content);
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
        channel.force(true);
    }

    /** Returns the owner-only permission attribute where the file system is POSIX, else none. */
    private static FileAttribute<?>[] ownerOnly(Path file) {
        if (isPosix(file)) {
            return new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(OWNER_ONLY)};
        }
        return new FileAttribute<?>[0];
    }

    private static boolean isPosix(Path file) {
        return file.getFileSystem().supportedFileAttributeViews().contains("posix");
    }

    private static void warnIfOthersMayRead(Path file) {
        if (!isPosix(file)) {
            return;
        }
        try {
            Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
            if (!OWNER_ONLY.containsAll(permissions)) {
                log.atWarn()
                        .addKeyValue("file", file)
                        .addKeyValue("permissions", PosixFilePermissions.toString(permissions))
                        .log("the keyring file may be read by other users; restrict it to its owner (chmod 600)");
            }
        } catch (IOException e) {
            log.atDebug().addKeyValue("file", file).setCause(e).log("cannot read the keyring file's permissions");
        }
    }

    private static String where(Path file) {
        return "the keyring file " + file;
    }
}

package dev.armature.core.internal.state;

import dev.armature.api.state.StateCorruptedException;
import dev.armature.api.state.Versioned;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.zip.CRC32C;

/**
 * Internal: the content of one stored value's file.
 *
 * <pre>
 * offset size  field
 *      0    4  magic "ARMS"
 *      4    4  format version (1)
 *      8    8  the key's version
 *     16    4  value length n
 *     20    n  value
 *   20+n    4  CRC32C of bytes 0 .. 20+n
 * </pre>
 *
 * All integers are big-endian. Files are replaced atomically, so a mismatch is damage to the disk
 * or by another program, never a crash mid-write, and is reported rather than repaired.
 */
final class ValueFileFormat {
    static final int MAGIC = 0x41524D53; // "ARMS"
    static final int FORMAT_VERSION = 1;
    static final int HEADER_BYTES = 20;
    static final int OVERHEAD_BYTES = HEADER_BYTES + 4;

    private ValueFileFormat() {}

    static ByteBuffer encode(long version, byte[] value) {
        ByteBuffer buffer = ByteBuffer.allocate(OVERHEAD_BYTES + value.length);
        buffer.putInt(MAGIC)
                .putInt(FORMAT_VERSION)
                .putLong(version)
                .putInt(value.length)
                .put(value);
        CRC32C crc = new CRC32C();
        crc.update(buffer.array(), 0, buffer.position());
        buffer.putInt((int) crc.getValue());
        return buffer.flip();
    }

    static Versioned decode(Path file, byte[] bytes) {
        if (bytes.length < OVERHEAD_BYTES) {
            throw corrupt(file, bytes.length, "the file ends after " + bytes.length + " bytes, inside its header");
        }
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        if (buffer.getInt(0) != MAGIC) {
            throw corrupt(file, 0, "the magic number is not that of an Armature value file");
        }
        int format = buffer.getInt(4);
        if (format != FORMAT_VERSION) {
            throw corrupt(file, 4, "format version " + format + " is not one this version of Armature reads");
        }
        long version = buffer.getLong(8);
        int length = buffer.getInt(16);
        if (length < 0 || length != bytes.length - OVERHEAD_BYTES) {
            throw corrupt(file, 16, "the value length " + length + " does not match the file size " + bytes.length);
        }
        CRC32C crc = new CRC32C();
        crc.update(bytes, 0, HEADER_BYTES + length);
        if ((int) crc.getValue() != buffer.getInt(HEADER_BYTES + length)) {
            throw corrupt(file, HEADER_BYTES + length, "the CRC32C checksum does not match the content");
        }
        if (version < 1) {
            throw corrupt(file, 8, "the version " + version + " is not positive");
        }
        byte[] value = new byte[length];
        buffer.get(HEADER_BYTES, value);
        return new Versioned(value, version);
    }

    private static StateCorruptedException corrupt(Path file, long offset, String problem) {
        return new StateCorruptedException(file.toString(), offset, problem);
    }
}

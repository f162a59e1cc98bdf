package dev.armature.core.internal.orchestrator;

import dev.armature.api.Checkpoint;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.zip.CRC32C;

/**
 * Internal: a checkpoint's bytes in the state store: magic {@code ACKP}, format version, sequence,
 * time taken, checkpoint version, state, and a CRC32C of everything before it.
 */
final class CheckpointCodec {
    private static final int MAGIC = 0x41434B50; // "ACKP"
    private static final byte FORMAT = 1;

    private CheckpointCodec() {}

    /** Thrown for bytes that are not an intact checkpoint. */
    static final class CorruptCheckpointException extends Exception {
        private static final long serialVersionUID = 1L;

        CorruptCheckpointException(String message) {
            super(message);
        }
    }

    static byte[] encode(Checkpoint c) {
        byte[] version = c.version().getBytes(StandardCharsets.UTF_8);
        byte[] state = c.state();
        ByteBuffer b = ByteBuffer.allocate(4 + 1 + 8 + 8 + 4 + 4 + version.length + 4 + state.length + 4);
        b.putInt(MAGIC).put(FORMAT).putLong(c.sequence());
        Instant takenAt = c.takenAt();
        long seconds = takenAt.getEpochSecond();
        int nanos = takenAt.getNano(); // the adjustment within the second, stored beside the seconds
        b.putLong(seconds).putInt(nanos);
        b.putInt(version.length).put(version);
        b.putInt(state.length).put(state);
        CRC32C crc = new CRC32C();
        crc.update(b.array(), 0, b.position());
        b.putInt((int) crc.getValue());
        return b.array();
    }

    static Checkpoint decode(String component, byte[] bytes) throws CorruptCheckpointException {
        if (bytes.length < 4 + 1 + 8 + 12 + 4 + 4 + 4) {
            throw new CorruptCheckpointException("too short: " + bytes.length + " bytes");
        }
        CRC32C crc = new CRC32C();
        crc.update(bytes, 0, bytes.length - 4);
        int stored = ByteBuffer.wrap(bytes, bytes.length - 4, 4).getInt();
        if (stored != (int) crc.getValue()) {
            throw new CorruptCheckpointException("checksum mismatch");
        }
        try {
            ByteBuffer b = ByteBuffer.wrap(bytes, 0, bytes.length - 4);
            if (b.getInt() != MAGIC) {
                throw new CorruptCheckpointException("not a checkpoint (bad magic)");
            }
            byte format = b.get();
            if (format != FORMAT) {
                throw new CorruptCheckpointException("unknown checkpoint format " + format);
            }
            long sequence = b.getLong();
            Instant takenAt = Instant.ofEpochSecond(b.getLong(), b.getInt());
            byte[] version = new byte[length(b)];
            b.get(version);
            byte[] state = new byte[length(b)];
            b.get(state);
            if (b.hasRemaining()) {
                throw new CorruptCheckpointException(b.remaining() + " unexpected bytes at the end");
            }
            return new Checkpoint(component, sequence, new String(version, StandardCharsets.UTF_8), takenAt, state);
        } catch (BufferUnderflowException | IllegalArgumentException e) {
            throw new CorruptCheckpointException("malformed: " + e);
        }
    }

    private static int length(ByteBuffer b) throws CorruptCheckpointException {
        int n = b.getInt();
        if (n < 0 || n > b.remaining()) {
            throw new CorruptCheckpointException("a length of " + n + " runs past the end");
        }
        return n;
    }
}

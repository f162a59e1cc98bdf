package dev.armature.core.internal.state;

import dev.armature.api.state.Journal;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.zip.CRC32C;

/**
 * Internal: the layout of a journal file and the parser that reads it back.
 *
 * <pre>
 * file header, 12 bytes:   magic "ARMJ" | format version (int, 1) | CRC32C of the first 8 bytes
 * each record, 9 + n bytes: record format (byte, 1) | payload length n (int) |
 *                          CRC32C of format, length and payload (int) | payload
 * </pre>
 *
 * All integers are big-endian. A record's sequence number is its position in the file, counted
 * from 1, so nothing but the file itself has to be kept. The record format byte lets a later
 * version add a record kind without rewriting old files; this version reads format 1 only, and
 * treats anything else, like a bad length or checksum, as the damaged tail a crash leaves.
 */
final class JournalFormat {
    static final int MAGIC = 0x41524D4A; // "ARMJ"
    static final int FORMAT_VERSION = 1;
    static final int HEADER_BYTES = 12;
    static final byte RECORD_FORMAT = 1;
    static final int RECORD_OVERHEAD = 9;

    private JournalFormat() {}

    /** A source of bytes at absolute positions: a file channel, or an array in tests. */
    interface Source {
        /** Reads into {@code into} from {@code position} until full or at the end; returns the count. */
        int read(ByteBuffer into, long position) throws IOException;

        /** Returns the number of bytes in the source. */
        long size() throws IOException;

        static Source of(byte[] data) {
            return new Source() {
                @Override
                public int read(ByteBuffer into, long position) {
                    if (position >= data.length) {
                        return 0;
                    }
                    int n = (int) Math.min(into.remaining(), data.length - position);
                    into.put(data, (int) position, n);
                    return n;
                }

                @Override
                public long size() {
                    return data.length;
                }
            };
        }

        static Source of(java.nio.channels.FileChannel channel) {
            return new Source() {
                @Override
                public int read(ByteBuffer into, long position) throws IOException {
                    return DurableFiles.readFully(channel, into, position);
                }

                @Override
                public long size() throws IOException {
                    return channel.size();
                }
            };
        }
    }

    /** What the parser found at one position. */
    sealed interface Frame {
        /** The source ends exactly here: no record, no damage. */
        record End() implements Frame {}

        /** An intact record, and where the next one starts. */
        @SuppressWarnings("ArrayRecordComponent") // a parser result, handed on and never compared
        record Intact(byte[] payload, long next) implements Frame {}

        /** A record that a crash tore or that is damaged; everything from here on is the tail. */
        record Damaged(String problem) implements Frame {}
    }

    static ByteBuffer header() {
        byte[] bytes = new byte[HEADER_BYTES];
        ByteBuffer buffer = ByteBuffer.wrap(bytes).putInt(MAGIC).putInt(FORMAT_VERSION);
        buffer.putInt(crc(bytes, 0, 8));
        return buffer.flip();
    }

    /** Returns what is wrong with a header, or {@code null} if it is a version-1 header. */
    static @org.jspecify.annotations.Nullable String headerProblem(byte[] bytes, int length) {
        ByteBuffer header = ByteBuffer.wrap(bytes);
        if (length < HEADER_BYTES) {
            return "the file ends after " + length + " bytes, inside its 12-byte header";
        }
        if (header.getInt(0) != MAGIC) {
            return "the magic number is not that of an Armature journal";
        }
        if (header.getInt(8) != crc(bytes, 0, 8)) {
            return "the header's CRC32C checksum does not match";
        }
        if (header.getInt(4) != FORMAT_VERSION) {
            return "format version " + header.getInt(4) + " is not one this version of Armature reads";
        }
        return null;
    }

    static ByteBuffer encode(byte[] payload) {
        ByteBuffer buffer = ByteBuffer.allocate(RECORD_OVERHEAD + payload.length);
        buffer.put(RECORD_FORMAT).putInt(payload.length);
        CRC32C crc = new CRC32C();
        crc.update(buffer.array(), 0, 5);
        crc.update(payload);
        buffer.putInt((int) crc.getValue()).put(payload);
        return buffer.flip();
    }

    /** Parses the record at {@code position}; never throws for any content of the source. */
    static Frame read(Source source, long position) throws IOException {
        ByteBuffer head = ByteBuffer.allocate(RECORD_OVERHEAD);
        int n = source.read(head, position);
        if (n == 0) {
            return new Frame.End();
        }
        if (n < RECORD_OVERHEAD) {
            return new Frame.Damaged("the record header ends after " + n + " of " + RECORD_OVERHEAD + " bytes");
        }
        byte format = head.get(0);
        if (format != RECORD_FORMAT) {
            return new Frame.Damaged("record format " + format + " is not 1");
        }
        int length = head.getInt(1);
        if (length < 0 || length > Journal.MAX_RECORD_BYTES) {
            return new Frame.Damaged("the record length " + length + " is out of range");
        }
        long available = source.size() - position - RECORD_OVERHEAD;
        if (length > available) {
            return new Frame.Damaged("the payload ends after " + available + " of " + length + " bytes");
        }
        byte[] payload = new byte[length];
        int got = source.read(ByteBuffer.wrap(payload), position + RECORD_OVERHEAD);
        if (got < length) {
            return new Frame.Damaged("the payload ends after " + got + " of " + length + " bytes");
        }
        CRC32C crc = new CRC32C();
        crc.update(head.array(), 0, 5);
        crc.update(payload);
        if ((int) crc.getValue() != head.getInt(5)) {
            return new Frame.Damaged("the record's CRC32C checksum does not match");
        }
        return new Frame.Intact(payload, position + RECORD_OVERHEAD + length);
    }

    private static int crc(byte[] bytes, int offset, int length) {
        CRC32C crc = new CRC32C();
        crc.update(bytes, offset, length);
        return (int) crc.getValue();
    }
}

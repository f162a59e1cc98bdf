package dev.armature.api.state;

import static java.util.Objects.requireNonNull;

import java.util.Arrays;

/**
 * One record read back from a {@link Journal}.
 *
 * <p>The payload is copied on the way in and on the way out; two instances are equal when their
 * sequence numbers are equal and their payloads have the same content.
 *
 * @param sequence the record's sequence number, at least 1; the first record appended is 1
 * @param payload the bytes that were appended; copied
 * @since 0.1
 */
// The array is copied in and out, and equals/hashCode/toString are written for its content.
@SuppressWarnings("ArrayRecordComponent")
public record JournalRecord(long sequence, byte[] payload) {
    /**
     * Checks the sequence number's range and copies the payload.
     *
     * @param sequence the record's sequence number, at least 1
     * @param payload the bytes that were appended; copied
     */
    public JournalRecord {
        if (sequence < 1) {
            throw new IllegalArgumentException("sequence must be at least 1, was " + sequence);
        }
        payload = requireNonNull(payload, "payload").clone();
    }

    /**
     * Returns a copy of the bytes that were appended.
     *
     * @return a fresh copy; changing it changes nothing else
     */
    @Override
    public byte[] payload() {
        return payload.clone();
    }

    /**
     * Compares sequence numbers and the content of the payloads.
     *
     * @param other the object to compare with
     * @return {@code true} if {@code other} is a {@code JournalRecord} with the same sequence number
     *     and equal bytes
     */
    @Override
    public boolean equals(Object other) {
        return other instanceof JournalRecord r && r.sequence == sequence && Arrays.equals(r.payload, payload);
    }

    /**
     * Hashes the sequence number and the content of the payload.
     *
     * @return the hash code
     */
    @Override
    public int hashCode() {
        return 31 * Long.hashCode(sequence) + Arrays.hashCode(payload);
    }

    /**
     * Describes the sequence number and the size of the payload, never its bytes.
     *
     * @return a description such as {@code JournalRecord[sequence=7, size=256 bytes]}
     */
    @Override
    public String toString() {
        return "JournalRecord[sequence=" + sequence + ", size=" + payload.length + " bytes]";
    }
}

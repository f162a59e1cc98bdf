package dev.armature.api.state;

import java.util.function.Consumer;

/**
 * An append-only log of byte records, each numbered by a sequence that starts at 1 and grows by
 * one per record.
 *
 * <p>{@link #append} returns only when its record is durable: after a crash, recovery keeps every
 * record whose append returned, drops a record that was only partly written (a torn tail), and
 * new appends continue after the last intact record. The embedded implementation writes each record
 * with a format version and a CRC32C checksum, and commits concurrent appends in groups, one sync
 * for each group, so that many appending threads share the cost of a sync.
 *
 * <p>Safe for use by many threads. After {@link #close()}, every method but {@code close} throws
 * {@link IllegalStateException}.
 *
 * <pre>{@code
 * try (Journal journal = storage.journal("tool-calls")) {
 *     long sequence = journal.append(bytes); // durable when it returns
 *     journal.replay(1, record -> apply(record.payload()));
 * }
 * }</pre>
 *
 * @since 0.1
 */
public interface Journal extends AutoCloseable {
    /** The largest record the embedded journal accepts, in bytes: {@value} (16 MiB). */
    int MAX_RECORD_BYTES = 16 * 1024 * 1024;

    /**
     * Appends a record and waits until it is durable.
     *
     * @param record the bytes to append, possibly empty, at most {@link #MAX_RECORD_BYTES}; copied
     * @return the record's sequence number
     * @throws IllegalArgumentException if the record is larger than {@link #MAX_RECORD_BYTES}
     * @throws StateStoreException if the record could not be written and synced; the journal then
     *     refuses further appends until it is reopened, because what reached the disk is unknown
     */
    long append(byte[] record);

    /**
     * Hands every durable record from a sequence number on to a consumer, in sequence order, on the
     * calling thread. Records appended while the replay runs may or may not be included.
     *
     * @param fromSequence the first sequence number to hand over, at least 1
     * @param consumer receives each record; an exception it throws ends the replay and propagates
     * @throws IllegalArgumentException if {@code fromSequence} is less than 1
     * @throws StateStoreException if the journal cannot be read
     */
    void replay(long fromSequence, Consumer<JournalRecord> consumer);

    /**
     * Returns the sequence number of the last durable record.
     *
     * @return the last sequence number, or 0 if the journal holds no record
     */
    long lastSequence();

    /**
     * Closes the journal's file. Appends waiting for durability complete first. Safe to call more
     * than once.
     *
     * @throws StateStoreException if the file cannot be closed
     */
    @Override
    void close();
}

package dev.armature.core.internal.state;

import static java.util.Objects.requireNonNull;

import dev.armature.api.state.Journal;
import dev.armature.api.state.JournalRecord;
import dev.armature.api.state.StateCorruptedException;
import dev.armature.api.state.StateNames;
import dev.armature.api.state.StateStoreException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Internal: the embedded {@link Journal}, one file {@code journal/<name>.journal} in a {@link
 * DataDirectory}, laid out by {@link JournalFormat}.
 *
 * <p><b>Group commit.</b> An appender queues its encoded record and waits. Whoever finds no leader
 * at work becomes the leader: it takes every queued record, writes them in one gathering write,
 * syncs the file once, and completes them all; then it steps down and wakes the waiters, one of
 * which leads the next group if records queued meanwhile. There is no timer: a lone appender syncs
 * at once, and under load each sync carries every record that arrived during the previous one.
 * Sequence numbers are assigned in queue order, which is file order.
 *
 * <p><b>Failure.</b> If a write or sync fails, what reached the disk is unknown (after a failed
 * fsync the kernel may have dropped the dirty pages), so the group's appends fail and the journal
 * refuses every later append; reopening it recovers what is intact.
 *
 * <p><b>Recovery.</b> Opening scans every record; at the first torn or damaged one it truncates the
 * file, syncs it and logs what it dropped. A record whose append returned was synced before the
 * return, so a crash cannot tear it; only a record still in flight can be dropped.
 */
public final class FileJournal implements Journal {
    static final String DIRECTORY = "journal";
    static final String SUFFIX = ".journal";

    private static final Logger log = LoggerFactory.getLogger(FileJournal.class);

    private final Path file;
    private final FileChannel channel;
    private final long droppedTailBytes;

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition progress = lock.newCondition();
    private final ArrayDeque<Pending> queue = new ArrayDeque<>();
    // Guarded by lock:
    private boolean leading;
    private boolean closed;
    private @Nullable IOException failure;
    private long assigned;
    private long durableSequence;
    private long durableEnd;

    /** One queued append. Its fields are guarded by the journal's lock. */
    private static final class Pending {
        final long sequence;
        final ByteBuffer frame;
        /** Signalled when this append is done, or when its appender is to lead the next group. */
        final Condition wakeup;

        boolean done;

        @Nullable
        IOException error;

        Pending(long sequence, ByteBuffer frame, Condition wakeup) {
            this.sequence = sequence;
            this.frame = frame;
            this.wakeup = wakeup;
        }
    }

    private FileJournal(Path file, FileChannel channel, long records, long end, long droppedTailBytes) {
        this.file = file;
        this.channel = channel;
        this.assigned = records;
        this.durableSequence = records;
        this.durableEnd = end;
        this.droppedTailBytes = droppedTailBytes;
    }

    /**
     * Opens the named journal of a data directory, creating it if absent and recovering it if a
     * crash left a torn tail.
     *
     * @param owner the data directory, owned by the caller
     * @param name the journal's name, following the namespace rules of {@link StateNames}
     * @throws StateCorruptedException if the file exists but its header is not a journal header
     * @throws StateStoreException if the file cannot be created, read or repaired
     */
    public static FileJournal open(DataDirectory owner, String name) {
        StateNames.checkNamespace(name);
        Path file = owner.subdirectory(DIRECTORY).resolve(name + SUFFIX);
        try {
            if (!Files.exists(file)) {
                DurableFiles.writeAtomically(file, JournalFormat.header());
            }
            FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
            try {
                return recover(file, channel);
            } catch (IOException | RuntimeException e) {
                channel.close();
                throw e;
            }
        } catch (IOException e) {
            throw DurableFiles.failure(file, "open the journal", e);
        }
    }

    private static FileJournal recover(Path file, FileChannel channel) throws IOException {
        byte[] header = new byte[JournalFormat.HEADER_BYTES];
        int read = DurableFiles.readFully(channel, ByteBuffer.wrap(header), 0);
        String problem = JournalFormat.headerProblem(header, read);
        if (problem != null) {
            throw new StateCorruptedException(file.toString(), 0, problem);
        }
        JournalFormat.Source source = JournalFormat.Source.of(channel);
        long position = JournalFormat.HEADER_BYTES;
        long records = 0;
        while (true) {
            JournalFormat.Frame frame = JournalFormat.read(source, position);
            if (frame instanceof JournalFormat.Frame.Intact intact) {
                records++;
                position = intact.next();
            } else if (frame instanceof JournalFormat.Frame.Damaged damaged) {
                long size = channel.size();
                channel.truncate(position);
                channel.force(true);
                log.atWarn()
                        .addKeyValue("file", file)
                        .addKeyValue("offset", position)
                        .addKeyValue("droppedBytes", size - position)
                        .addKeyValue("intactRecords", records)
                        .addKeyValue("problem", damaged.problem())
                        .log("dropped the torn tail of a journal; every record before it is intact");
                return new FileJournal(file, channel, records, position, size - position);
            } else {
                return new FileJournal(file, channel, records, position, 0);
            }
        }
    }

    @Override
    public long append(byte[] record) {
        requireNonNull(record, "record");
        if (record.length > MAX_RECORD_BYTES) {
            throw new IllegalArgumentException("a journal record may take at most " + MAX_RECORD_BYTES
                    + " bytes, this one takes " + record.length + "; split it or store it elsewhere");
        }
        ByteBuffer frame = JournalFormat.encode(record);
        Pending mine;
        lock.lock();
        try {
            checkUsable();
            mine = new Pending(++assigned, frame, lock.newCondition());
            queue.add(mine);
            while (true) {
                while (!mine.done && leading) {
                    mine.wakeup.awaitUninterruptibly();
                }
                if (mine.done) {
                    return outcome(mine);
                }
                leading = true;
                List<Pending> group = new ArrayList<>(queue);
                queue.clear();
                lock.unlock();
                try {
                    commit(group);
                } finally {
                    lock.lock();
                    leading = false;
                    // Wake exactly who needs it: the appenders just made durable, and the oldest
                    // waiting appender to lead the next group. Waking everyone cost each group a
                    // round of context switches on two cores.
                    for (Pending p : group) {
                        p.wakeup.signal();
                    }
                    @Nullable Pending next = queue.peek();
                    if (next != null) {
                        next.wakeup.signal();
                    } else {
                        progress.signalAll(); // close() waits for an idle journal
                    }
                }
            }
        } finally {
            lock.unlock();
        }
    }

    /** Writes and syncs one group; called by the leader without the lock held. */
    private void commit(List<Pending> group) {
        IOException error;
        long start;
        lock.lock();
        try {
            error = failure;
            start = durableEnd;
        } finally {
            lock.unlock();
        }
        long end = start;
        if (error == null) {
            ByteBuffer[] frames = new ByteBuffer[group.size()];
            for (int i = 0; i < frames.length; i++) {
                frames[i] = group.get(i).frame;
                end += frames[i].remaining();
            }
            // An interrupt during I/O would close the channel for every appender: clear it for the
            // write and restore it after. One arriving mid-write still closes it, failing the journal.
            boolean interrupted = Thread.interrupted();
            try {
                channel.position(start);
                long written = 0;
                while (written < end - start) {
                    written += channel.write(frames);
                }
                channel.force(false);
            } catch (IOException e) {
                error = e;
            } finally {
                if (interrupted) {
                    Thread.currentThread().interrupt();
                }
            }
        }
        lock.lock();
        try {
            if (error == null) {
                durableEnd = end;
                durableSequence = group.get(group.size() - 1).sequence;
            } else if (failure == null) {
                failure = error;
            }
            for (Pending p : group) {
                p.done = true;
                p.error = error;
            }
        } finally {
            lock.unlock();
        }
    }

    private long outcome(Pending p) {
        IOException error = p.error;
        if (error != null) {
            throw new StateStoreException(
                    file.toString(), "append record " + p.sequence + " durably; reopen the journal to recover", error);
        }
        return p.sequence;
    }

    private void checkUsable() {
        if (closed) {
            throw new IllegalStateException("the journal " + file + " is closed");
        }
        IOException error = failure;
        if (error != null) {
            throw new StateStoreException(
                    file.toString(), "append after an earlier write failed; reopen the journal to recover", error);
        }
    }

    @Override
    public void replay(long fromSequence, Consumer<JournalRecord> consumer) {
        requireNonNull(consumer, "consumer");
        if (fromSequence < 1) {
            throw new IllegalArgumentException("fromSequence must be at least 1, was " + fromSequence);
        }
        long lastSequence;
        long end;
        lock.lock();
        try {
            if (closed) {
                throw new IllegalStateException("the journal " + file + " is closed");
            }
            lastSequence = durableSequence;
            end = durableEnd;
        } finally {
            lock.unlock();
        }
        JournalFormat.Source source = JournalFormat.Source.of(channel);
        long position = JournalFormat.HEADER_BYTES;
        for (long sequence = 1; sequence <= lastSequence && position < end; sequence++) {
            JournalFormat.Frame frame;
            try {
                frame = JournalFormat.read(source, position);
            } catch (IOException e) {
                throw DurableFiles.failure(file, "read record " + sequence + " of the journal", e);
            }
            if (!(frame instanceof JournalFormat.Frame.Intact intact)) {
                String problem = frame instanceof JournalFormat.Frame.Damaged d ? d.problem() : "the file ends early";
                throw new StateCorruptedException(
                        file.toString(), position, "durable record " + sequence + ": " + problem);
            }
            if (sequence >= fromSequence) {
                consumer.accept(new JournalRecord(sequence, intact.payload()));
            }
            position = intact.next();
        }
    }

    @Override
    public long lastSequence() {
        lock.lock();
        try {
            if (closed) {
                throw new IllegalStateException("the journal " + file + " is closed");
            }
            return durableSequence;
        } finally {
            lock.unlock();
        }
    }

    /** Returns how many bytes recovery dropped as a torn tail when this journal was opened. */
    long droppedTailBytes() {
        return droppedTailBytes;
    }

    /** Returns whether {@link #close()} was called. */
    public boolean isClosed() {
        lock.lock();
        try {
            return closed;
        } finally {
            lock.unlock();
        }
    }

    /** Returns the journal's file. */
    public Path file() {
        return file;
    }

    @Override
    public void close() {
        lock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            while (leading || !queue.isEmpty()) {
                progress.awaitUninterruptibly();
            }
        } finally {
            lock.unlock();
        }
        try {
            channel.close();
        } catch (IOException e) {
            throw DurableFiles.failure(file, "close the journal", e);
        }
    }
}

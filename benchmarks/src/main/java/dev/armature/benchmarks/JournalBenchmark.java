package dev.armature.benchmarks;

import static java.util.Objects.requireNonNull;

import dev.armature.api.state.Journal;
import dev.armature.core.state.EmbeddedStorage;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Durable appends of {@value #RECORD_BYTES}-byte records by 1, 2 and 8 threads, each waiting until
 * its record is durable before appending the next:
 *
 * <ul>
 *   <li>{@code armatureN}: Armature's embedded {@link Journal} ({@code EmbeddedStorage.open(dir)
 *       .journal("bench")}), which commits concurrent appends in groups, one sync per group;
 *   <li>{@code fsyncPerRecordN}, the baseline: a naive durable log, a {@link FileChannel} opened in
 *       append mode where each append writes the record and calls {@code force(false)} under one
 *       lock, so that concurrent appenders serialise and every record pays a sync of its own.
 * </ul>
 *
 * <p>Both write to a new directory under {@code java.io.tmpdir}, deleted after the trial: run the
 * benchmark only where that directory lies on a real disk (not tmpfs, where a sync costs nothing),
 * or pass {@code -jvmArgsAppend -Djava.io.tmpdir=<dir on disk>}. The score is durable appends per
 * second across all threads. Each method's trial has its own journal or file.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class JournalBenchmark {
    /** The size of each appended record. */
    static final int RECORD_BYTES = 256;

    private static final byte[] RECORD = record();

    private static byte[] record() {
        byte[] bytes = new byte[RECORD_BYTES];
        new SplittableRandom(0x10A2_2026).nextBytes(bytes);
        return bytes;
    }

    static Path newDirectory() {
        try {
            return Files.createTempDirectory("armature-journal-bench-");
        } catch (IOException e) {
            throw new IllegalStateException("cannot create the benchmark's directory", e);
        }
    }

    static void deleteRecursively(Path directory) throws IOException {
        List<Path> paths;
        try (Stream<Path> walk = Files.walk(directory)) {
            paths = walk.sorted(Comparator.reverseOrder()).collect(Collectors.toList());
        }
        for (Path p : paths) {
            Files.delete(p);
        }
    }

    /** Armature's journal in a fresh data directory, shared by every thread of the trial. */
    @State(Scope.Benchmark)
    public static class ArmatureJournal {
        private final Path directory = newDirectory();
        private @Nullable EmbeddedStorage storage;
        private @Nullable Journal journal;

        @Setup(Level.Trial)
        public void open() {
            EmbeddedStorage opened = EmbeddedStorage.open(directory);
            storage = opened;
            journal = opened.journal("bench");
        }

        Journal journal() {
            return requireNonNull(journal, "journal");
        }

        @TearDown(Level.Trial)
        public void close() throws IOException {
            long appended = journal().lastSequence();
            requireNonNull(storage, "storage").close();
            storage = null;
            journal = null;
            deleteRecursively(directory);
            if (appended == 0) {
                throw new IllegalStateException("the benchmark appended nothing to the journal");
            }
        }
    }

    /** The baseline: a file in append mode, one write and one sync per record, under one lock. */
    @State(Scope.Benchmark)
    public static class FsyncPerRecordLog {
        private final Path directory = newDirectory();
        private final FileChannel channel = openLog(directory.resolve("bench.log"));
        private long appended;

        private static FileChannel openLog(Path file) {
            try {
                return FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.APPEND);
            } catch (IOException e) {
                throw new IllegalStateException("cannot create " + file, e);
            }
        }

        /** Writes the record, syncs the file and returns the record's number, one appender at a time. */
        synchronized long append(byte[] record) throws IOException {
            ByteBuffer buffer = ByteBuffer.wrap(record);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            channel.force(false);
            return ++appended;
        }

        @TearDown(Level.Trial)
        public void close() throws IOException {
            long count;
            synchronized (this) {
                count = appended;
            }
            channel.close();
            deleteRecursively(directory);
            if (count == 0) {
                throw new IllegalStateException("the benchmark appended nothing to the log");
            }
        }
    }

    @Benchmark
    @Threads(1)
    public long armature1(ArmatureJournal j) {
        return j.journal().append(RECORD);
    }

    @Benchmark
    @Threads(2)
    public long armature2(ArmatureJournal j) {
        return j.journal().append(RECORD);
    }

    @Benchmark
    @Threads(8)
    public long armature8(ArmatureJournal j) {
        return j.journal().append(RECORD);
    }

    @Benchmark
    @Threads(1)
    public long fsyncPerRecord1(FsyncPerRecordLog log) throws IOException {
        return log.append(RECORD);
    }

    @Benchmark
    @Threads(2)
    public long fsyncPerRecord2(FsyncPerRecordLog log) throws IOException {
        return log.append(RECORD);
    }

    @Benchmark
    @Threads(8)
    public long fsyncPerRecord8(FsyncPerRecordLog log) throws IOException {
        return log.append(RECORD);
    }
}

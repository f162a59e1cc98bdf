package dev.armature.core.internal.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.armature.api.state.JournalRecord;
import dev.armature.api.state.StateCorruptedException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileJournalTest {
    @TempDir
    @SuppressWarnings("NullAway.Init") // injected by JUnit before each test
    Path dir;

    @Test
    void appended_records_are_numbered_from_one_and_replayed_in_order() {
        try (DataDirectory data = DataDirectory.open(dir);
                FileJournal journal = FileJournal.open(data, "events")) {
            assertThat(journal.lastSequence()).isZero();
            assertThat(journal.append(bytes("a"))).isEqualTo(1);
            assertThat(journal.append(new byte[0])).isEqualTo(2);
            assertThat(journal.append(bytes("c"))).isEqualTo(3);

            assertThat(replay(journal, 1))
                    .containsExactly(record(1, "a"), new JournalRecord(2, new byte[0]), record(3, "c"));
            assertThat(replay(journal, 3)).containsExactly(record(3, "c"));
            assertThat(replay(journal, 4)).isEmpty();
        }
    }

    @Test
    void records_survive_a_reopen_and_numbering_continues() {
        try (DataDirectory data = DataDirectory.open(dir);
                FileJournal journal = FileJournal.open(data, "events")) {
            journal.append(bytes("a"));
            journal.append(bytes("b"));
        }
        try (DataDirectory data = DataDirectory.open(dir);
                FileJournal journal = FileJournal.open(data, "events")) {
            assertThat(journal.lastSequence()).isEqualTo(2);
            assertThat(journal.append(bytes("c"))).isEqualTo(3);
            assertThat(replay(journal, 1)).containsExactly(record(1, "a"), record(2, "b"), record(3, "c"));
        }
    }

    @Test
    void a_torn_tail_is_dropped_on_reopen_and_appends_continue_after_the_intact_records() throws IOException {
        Path file = writeRecords("one", "two", "three");
        truncateBy(file, 4); // a crash in the middle of writing "three"

        try (DataDirectory data = DataDirectory.open(dir);
                FileJournal journal = FileJournal.open(data, "events")) {
            assertThat(journal.droppedTailBytes()).isEqualTo(JournalFormat.RECORD_OVERHEAD + 5 - 4);
            assertThat(replay(journal, 1)).containsExactly(record(1, "one"), record(2, "two"));
            assertThat(journal.append(bytes("four"))).isEqualTo(3);
            assertThat(replay(journal, 1)).containsExactly(record(1, "one"), record(2, "two"), record(3, "four"));
        }
        try (DataDirectory data = DataDirectory.open(dir);
                FileJournal journal = FileJournal.open(data, "events")) {
            assertThat(journal.droppedTailBytes()).isZero();
            assertThat(journal.lastSequence()).isEqualTo(3);
        }
    }

    @Test
    void a_garbled_last_record_is_dropped_and_earlier_records_stay_intact() throws IOException {
        Path file = writeRecords("one", "two", "three");
        long size = Files.size(file);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.write(ByteBuffer.wrap(new byte[] {(byte) 0xde, (byte) 0xad}), size - 2);
        }

        try (DataDirectory data = DataDirectory.open(dir);
                FileJournal journal = FileJournal.open(data, "events")) {
            assertThat(replay(journal, 1)).containsExactly(record(1, "one"), record(2, "two"));
            assertThat(Files.size(file)).isEqualTo(size - (JournalFormat.RECORD_OVERHEAD + 5));
            assertThat(journal.append(bytes("four"))).isEqualTo(3);
        }
    }

    @Test
    void trailing_garbage_after_the_last_record_is_dropped() throws IOException {
        Path file = writeRecords("one");
        Files.write(file, new byte[] {1, 2, 3}, StandardOpenOption.APPEND);

        try (DataDirectory data = DataDirectory.open(dir);
                FileJournal journal = FileJournal.open(data, "events")) {
            assertThat(journal.droppedTailBytes()).isEqualTo(3);
            assertThat(replay(journal, 1)).containsExactly(record(1, "one"));
        }
    }

    @Test
    void a_journal_whose_header_is_not_a_journal_header_is_refused_with_the_file_and_offset() throws IOException {
        Path file = writeRecords("one");
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.write(ByteBuffer.wrap(bytes("XXXX")), 0);
        }

        try (DataDirectory data = DataDirectory.open(dir)) {
            assertThatThrownBy(() -> FileJournal.open(data, "events"))
                    .isInstanceOfSatisfying(StateCorruptedException.class, e -> {
                        assertThat(e.file()).isEqualTo(file.toString());
                        assertThat(e.offset()).isZero();
                        assertThat(e.code()).isEqualTo("armature.state.corrupted");
                    })
                    .hasMessageContaining("magic number");
        }
    }

    @Test
    void concurrent_appenders_each_get_a_distinct_sequence_and_every_record_is_replayed() throws Exception {
        int threads = 8;
        int perThread = 200;
        Set<Long> sequences = ConcurrentHashMap.newKeySet();
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try (DataDirectory data = DataDirectory.open(dir);
                FileJournal journal = FileJournal.open(data, "events")) {
            List<Callable<Void>> tasks = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                tasks.add(() -> {
                    go.await();
                    for (int i = 0; i < perThread; i++) {
                        long seq = journal.append(bytes(thread + ":" + i));
                        assertThat(sequences.add(seq)).isTrue();
                        assertThat(journal.lastSequence()).isGreaterThanOrEqualTo(seq);
                    }
                    return null;
                });
            }
            List<Future<Void>> futures = new ArrayList<>();
            for (Callable<Void> task : tasks) {
                futures.add(pool.submit(task));
            }
            go.countDown();
            for (Future<Void> f : futures) {
                f.get();
            }

            List<JournalRecord> records = replay(journal, 1);
            assertThat(records).hasSize(threads * perThread);
            assertThat(sequences).hasSize(threads * perThread);
            List<String> payloads = records.stream()
                    .map(r -> new String(r.payload(), StandardCharsets.UTF_8))
                    .toList();
            for (int t = 0; t < threads; t++) {
                String prefix = t + ":";
                List<String> mine =
                        payloads.stream().filter(p -> p.startsWith(prefix)).toList();
                assertThat(mine).as("thread %s's records in its own order", t).hasSize(perThread);
                for (int i = 0; i < perThread; i++) {
                    assertThat(mine.get(i)).isEqualTo(prefix + i);
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void a_closed_journal_refuses_appends_and_an_oversized_record_is_refused() {
        try (DataDirectory data = DataDirectory.open(dir)) {
            FileJournal journal = FileJournal.open(data, "events");
            assertThatThrownBy(() -> journal.append(new byte[FileJournal.MAX_RECORD_BYTES + 1]))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("at most");
            journal.close();
            journal.close();
            assertThatThrownBy(() -> journal.append(bytes("late")))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("closed");
        }
    }

    private Path writeRecords(String... records) {
        try (DataDirectory data = DataDirectory.open(dir);
                FileJournal journal = FileJournal.open(data, "events")) {
            for (String r : records) {
                journal.append(bytes(r));
            }
            return journal.file();
        }
    }

    private static void truncateBy(Path file, int bytes) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.truncate(channel.size() - bytes);
        }
    }

    static List<JournalRecord> replay(FileJournal journal, long from) {
        List<JournalRecord> records = new ArrayList<>();
        journal.replay(from, records::add);
        return records;
    }

    private static JournalRecord record(long sequence, String payload) {
        return new JournalRecord(sequence, bytes(payload));
    }

    static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}

package dev.armature.core.internal.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.armature.api.state.DataDirectoryLockedException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fault tests with a real second process: a journal appender killed with SIGKILL, and a data
 * directory owned by another process. The timeouts only keep a broken child from hanging the build.
 */
@Timeout(120)
class JournalCrashTest {
    @TempDir
    @SuppressWarnings("NullAway.Init") // injected by JUnit before each test
    Path dir;

    @TempDir
    @SuppressWarnings("NullAway.Init") // injected by JUnit before each test
    Path logs;

    @Test
    void every_acknowledged_record_survives_a_sigkill_and_the_lock_is_released() throws Exception {
        Path data = dir.resolve("data");
        Map<Long, String> acked = new HashMap<>();
        try (ChildJvm child =
                ChildJvm.start(JournalAppenderProcess.class, logs.resolve("append.err"), data.toString(), "append")) {
            List<String> lines = new ArrayList<>();
            for (int i = 0; i < 500; i++) {
                lines.add(child.readLine());
            }
            child.kill(); // mid-append: four threads are writing when SIGKILL lands
            lines.addAll(child.remainingCompleteLines());
            for (String line : lines) {
                String[] parts = line.split(" ", -1);
                assertThat(parts[0]).isEqualTo("ack");
                acked.put(Long.parseLong(parts[1]), parts[2]);
            }
        }

        try (DataDirectory owned = DataDirectory.open(data); // the killed owner's lock is gone
                FileJournal journal = FileJournal.open(owned, "crash")) {
            Map<Long, String> recovered = new HashMap<>();
            journal.replay(1, r -> recovered.put(r.sequence(), new String(r.payload(), StandardCharsets.UTF_8)));

            assertThat(acked).hasSizeGreaterThanOrEqualTo(500);
            assertThat(recovered).containsAllEntriesOf(acked);
            assertThat(recovered.keySet()).allSatisfy(s -> assertThat(s).isBetween(1L, journal.lastSequence()));
            assertThat(recovered).hasSize((int) journal.lastSequence());
            long next = journal.append("after the crash".getBytes(StandardCharsets.UTF_8));
            assertThat(next).isEqualTo(recovered.size() + 1L);
        }
    }

    @Test
    void a_directory_owned_by_another_process_is_refused_until_that_process_is_killed() throws Exception {
        Path data = dir.resolve("data");
        try (ChildJvm child =
                ChildJvm.start(JournalAppenderProcess.class, logs.resolve("hold.err"), data.toString(), "hold")) {
            assertThat(child.readLine()).isEqualTo("locked");
            String real = data.toRealPath().toString();

            assertThatThrownBy(() -> DataDirectory.open(data))
                    .isInstanceOfSatisfying(DataDirectoryLockedException.class, e -> {
                        assertThat(e.directory()).isEqualTo(real);
                        assertThat(e.code()).isEqualTo("armature.state.locked");
                    })
                    .hasMessageContaining("process " + child.pid());

            child.kill();
        }
        DataDirectory.open(data).close();
    }

    @Test
    void another_process_is_refused_while_this_one_owns_the_directory() throws Exception {
        Path data = dir.resolve("data");
        try (DataDirectory owned = DataDirectory.open(data);
                ChildJvm child = ChildJvm.start(
                        JournalAppenderProcess.class, logs.resolve("refused.err"), data.toString(), "hold")) {
            assertThat(child.readLine()).isEqualTo("refused armature.state.locked");
            assertThat(owned.isOpen()).isTrue();
        }
    }
}

package dev.armature.core.docs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.armature.api.state.DataDirectoryLockedException;
import dev.armature.api.state.Journal;
import dev.armature.api.state.StateStore;
import dev.armature.api.state.Versioned;
import dev.armature.core.state.EmbeddedStorage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The runnable example of docs/state.md. The code between the tag lines is copied into the guide
 * verbatim (without its indentation); {@link #the_guide_shows_this_example_verbatim} fails when the
 * two drift apart.
 */
class StateGuideExampleTest {
    private static final Path GUIDE = Path.of("../docs/state.md");
    private static final Path SOURCE = Path.of("src/test/java/dev/armature/core/docs/StateGuideExampleTest.java");

    @TempDir
    @SuppressWarnings("NullAway.Init") // injected by JUnit before each test
    Path dataDirectory;

    // tag::example[]
    @Test
    void a_session_is_updated_with_compare_and_set_and_tool_calls_are_journaled() {
        try (EmbeddedStorage storage = EmbeddedStorage.open(dataDirectory)) {
            StateStore store = storage.stateStore();
            assertThat(store.put("sessions", "s-42", utf8("step=1"))).isEqualTo(1); // version 1

            // Read, change, write back only if nobody wrote in between.
            Versioned current = store.get("sessions", "s-42").orElseThrow();
            assertThat(store.compareAndSet("sessions", "s-42", current.version(), utf8("step=2")))
                    .isTrue();
            assertThat(store.compareAndSet("sessions", "s-42", current.version(), utf8("lost")))
                    .isFalse(); // stale version: nothing changed

            Journal journal = storage.journal("tool-calls");
            long first = journal.append(utf8("read_file src/Main.java")); // durable on return
            journal.append(utf8("run_tests"));
            List<String> replayed = new ArrayList<>();
            journal.replay(first, record -> replayed.add(new String(record.payload(), StandardCharsets.UTF_8)));
            assertThat(replayed).containsExactly("read_file src/Main.java", "run_tests");

            // A second owner of the same directory, here or in another process, is refused.
            assertThatThrownBy(() -> EmbeddedStorage.open(dataDirectory))
                    .isInstanceOf(DataDirectoryLockedException.class);
        }
        try (EmbeddedStorage reopened = EmbeddedStorage.open(dataDirectory)) {
            assertThat(reopened.stateStore()
                            .get("sessions", "s-42")
                            .orElseThrow()
                            .version())
                    .isEqualTo(2);
            assertThat(reopened.journal("tool-calls").lastSequence()).isEqualTo(2);
        }
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
    // end::example[]

    @Test
    void the_guide_shows_this_example_verbatim() throws IOException {
        String guide = Files.readString(GUIDE, StandardCharsets.UTF_8);
        assertThat(guide).as("%s must contain the example of %s", GUIDE, SOURCE).contains(example());
    }

    /** The lines between the tag lines of this file, with their common indentation removed. */
    private static String example() throws IOException {
        List<String> lines = Files.readAllLines(SOURCE, StandardCharsets.UTF_8);
        int begin = lines.indexOf("    // tag::example[]");
        int end = lines.indexOf("    // end::example[]");
        assertThat(begin).as("tag lines in %s", SOURCE).isNotNegative().isLessThan(end);
        List<String> body = new ArrayList<>();
        for (String line : lines.subList(begin + 1, end)) {
            body.add(line.length() >= 4 ? line.substring(4) : line.strip());
        }
        return String.join("\n", body);
    }
}

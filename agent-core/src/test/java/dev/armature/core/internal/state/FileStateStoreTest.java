package dev.armature.core.internal.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.armature.api.state.StateCorruptedException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What only the file-based store does; the common contract runs in agent-testing's compatibility kit. */
class FileStateStoreTest {
    @TempDir
    @SuppressWarnings("NullAway.Init") // injected by JUnit before each test
    Path dir;

    @Test
    void each_key_is_one_file_whose_name_never_contains_the_raw_key() throws IOException {
        try (DataDirectory data = DataDirectory.open(dir)) {
            FileStateStore store = new FileStateStore(data);
            store.put("sessions", "../../etc/passwd", bytes("x"));
            store.put("sessions", "Key", bytes("upper"));
            store.put("sessions", "key", bytes("lower"));

            Path namespace = dir.toRealPath().resolve("state/sessions");
            try (Stream<Path> files = Files.list(namespace)) {
                assertThat(files.map(f -> f.getFileName().toString()))
                        .hasSize(3)
                        .allMatch(name -> name.matches("[a-z2-7]+\\.v"));
            }
            assertThat(store.keys("sessions")).containsExactly("../../etc/passwd", "Key", "key");
            assertThat(new String(store.get("sessions", "Key").orElseThrow().value(), StandardCharsets.UTF_8))
                    .isEqualTo("upper");
        }
    }

    @Test
    void a_value_file_that_fails_its_checksum_is_reported_with_its_path_and_offset() throws IOException {
        try (DataDirectory data = DataDirectory.open(dir)) {
            FileStateStore store = new FileStateStore(data);
            store.put("sessions", "s-1", bytes("hello"));
            Path file = dir.toRealPath().resolve("state/sessions").resolve(KeyFileNames.fileName("s-1"));
            byte[] content = Files.readAllBytes(file);
            content[ValueFileFormat.HEADER_BYTES] ^= 0x20; // 'h' becomes 'H'
            Files.write(file, content);

            assertThatThrownBy(() -> store.get("sessions", "s-1"))
                    .isInstanceOfSatisfying(StateCorruptedException.class, e -> {
                        assertThat(e.file()).isEqualTo(file.toString());
                        assertThat(e.offset()).isEqualTo(ValueFileFormat.HEADER_BYTES + 5L);
                    })
                    .hasMessageContaining("CRC32C");
        }
    }

    @Test
    void temporary_files_left_by_a_crash_are_removed_and_never_listed_as_keys() throws IOException {
        try (DataDirectory data = DataDirectory.open(dir)) {
            new FileStateStore(data).put("sessions", "s-1", bytes("v1"));
        }
        Path namespace = dir.toRealPath().resolve("state/sessions");
        Path leftover = namespace.resolve(KeyFileNames.fileName("s-2") + ".tmp");
        Files.write(leftover, bytes("half-written"));
        Files.write(namespace.resolve("notes.txt"), bytes("not a key"));

        try (DataDirectory data = DataDirectory.open(dir)) {
            FileStateStore store = new FileStateStore(data);
            assertThat(leftover).doesNotExist();
            assertThat(store.keys("sessions")).containsExactly("s-1");
        }
    }

    @Test
    void a_store_whose_directory_was_released_refuses_to_work() {
        DataDirectory data = DataDirectory.open(dir);
        FileStateStore store = new FileStateStore(data);
        data.close();
        assertThatThrownBy(() -> store.get("sessions", "s-1"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("closed");
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}

package dev.armature.core.internal.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.armature.api.state.DataDirectoryLockedException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

class DataDirectoryTest {
    @TempDir
    @SuppressWarnings("NullAway.Init") // injected by JUnit before each test
    Path dir;

    @Test
    void opening_creates_the_directory_and_its_lock_file() {
        Path data = dir.resolve("a/b/armature-data");
        try (DataDirectory owned = DataDirectory.open(data)) {
            assertThat(owned.path()).isDirectory();
            assertThat(data.resolve(DataDirectory.LOCK_FILE)).isRegularFile();
        }
    }

    @Test
    void a_second_owner_in_the_same_process_is_refused_with_a_typed_error_naming_the_directory() throws Exception {
        try (DataDirectory first = DataDirectory.open(dir)) {
            assertThatThrownBy(() -> DataDirectory.open(dir.resolve(".")))
                    .isInstanceOfSatisfying(DataDirectoryLockedException.class, e -> assertThat(e.directory())
                            .isEqualTo(first.path().toString()))
                    .hasMessageContaining("this process")
                    .hasMessageContaining("different data directory");
            assertThat(first.isOpen()).isTrue();
        }
        DataDirectory.open(dir).close(); // released by close
    }

    @Test
    @Timeout(120) // only keeps a broken child from hanging the build
    void a_refused_second_owner_in_this_process_leaves_the_operating_system_lock_in_place() throws Exception {
        try (DataDirectory first = DataDirectory.open(dir)) {
            assertThatThrownBy(() -> DataDirectory.open(dir)).isInstanceOf(DataDirectoryLockedException.class);
            try (ChildJvm child = ChildJvm.start(
                    JournalAppenderProcess.class, Files.createTempFile(dir, "child", ".err"), dir.toString(), "hold")) {
                assertThat(child.readLine()).isEqualTo("refused armature.state.locked");
            }
            assertThat(first.isOpen()).isTrue();
        }
    }
}

package dev.armature.core.internal.config.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import dev.armature.api.config.ConfigException;
import dev.armature.api.time.Cancellable;
import dev.armature.spi.config.ConfigSource;
import dev.armature.spi.config.SourceValue;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileConfigSourceTest {
    @TempDir
    @SuppressWarnings("NullAway.Init") // injected by JUnit before each test
    Path dir;

    /** Makes daemon threads and remembers them, so tests can see they end. */
    private final List<Thread> threads = new CopyOnWriteArrayList<>();

    private final ThreadFactory factory = r -> {
        Thread t = new Thread(r, FileConfigSource.WATCH_THREAD_NAME);
        t.setDaemon(true);
        threads.add(t);
        return t;
    };

    @Test
    void a_file_is_named_by_its_absolute_path_and_read_in_the_format_of_its_extension() throws Exception {
        Path file = Files.writeString(dir.resolve("app.yaml"), "a:\n  b: 1\n");
        FileConfigSource source = new FileConfigSource(file, ConfigSource.FILE_ORDINAL);
        assertThat(source.name()).isEqualTo("file:" + file.toAbsolutePath().normalize());
        assertThat(source.ordinal()).isEqualTo(200);
        assertThat(source.format()).isEqualTo(ConfigFormat.YAML);
        assertThat(source.read()).containsExactly(entry("a.b", SourceValue.at("1", file + ":2")));
    }

    @Test
    void a_relative_path_is_named_absolutely_but_located_as_given() throws Exception {
        Path relative = Path.of("target", "cfgsrc-" + getClass().getSimpleName() + ".properties");
        Files.createDirectories(relative.getParent());
        Files.writeString(relative, "k=v\n");
        try {
            FileConfigSource source = new FileConfigSource(relative, 7);
            assertThat(source.name())
                    .isEqualTo("file:" + relative.toAbsolutePath().normalize());
            assertThat(source.read().get("k")).isEqualTo(SourceValue.at("v", relative + ":1"));
        } finally {
            Files.delete(relative);
        }
    }

    @Test
    void files_are_read_as_utf_8() throws Exception {
        Path file = dir.resolve("u.properties");
        Files.write(file, "name=café ✓\n".getBytes(StandardCharsets.UTF_8));
        assertThat(new FileConfigSource(file, 1).read().get("name")).isEqualTo(SourceValue.at("café ✓", file + ":1"));
    }

    @Test
    void text_that_is_not_utf_8_is_a_parse_error() throws Exception {
        Path file = dir.resolve("latin.properties");
        Files.write(file, new byte[] {'a', '=', (byte) 0xE9, '\n'});
        assertThatThrownBy(() -> new FileConfigSource(file, 1).read())
                .isInstanceOfSatisfying(
                        ConfigException.class, e -> assertThat(e.code()).isEqualTo("armature.config.parse"))
                .hasMessageContaining("UTF-8");
    }

    @Test
    void an_unknown_extension_is_refused_naming_the_file_and_the_supported_extensions() {
        Path file = dir.resolve("app.toml");
        assertThatThrownBy(() -> new FileConfigSource(file, 1))
                .isInstanceOfSatisfying(
                        ConfigException.class, e -> assertThat(e.code()).isEqualTo("armature.config.format"))
                .hasMessageContaining(file.toString())
                .hasMessageContaining(".yaml, .yml, .json, .properties");
    }

    @Test
    void a_missing_file_is_an_error_naming_the_path_and_what_to_do() {
        Path file = dir.resolve("absent.json");
        assertThatThrownBy(() -> new FileConfigSource(file, 1).read())
                .isInstanceOfSatisfying(
                        ConfigException.class, e -> assertThat(e.code()).isEqualTo("armature.config.missing-file"))
                .hasMessageContaining(file.toString())
                .hasMessageContaining("create it");
    }

    @Test
    void a_file_that_cannot_be_read_is_a_read_error() throws Exception {
        Path notAFile = Files.createDirectory(dir.resolve("dir.yaml"));
        assertThatThrownBy(() -> new FileConfigSource(notAFile, 1).read())
                .isInstanceOfSatisfying(
                        ConfigException.class, e -> assertThat(e.code()).isEqualTo("armature.config.read"))
                .hasMessageContaining(notAFile.toString());
    }

    @Test
    void a_parse_error_is_located_by_the_path_as_given() throws Exception {
        Path file = Files.writeString(dir.resolve("bad.json"), "{\n  \"a\": ,\n}");
        assertThatThrownBy(() -> new FileConfigSource(file, 1).read())
                .isInstanceOfSatisfying(
                        ConfigException.class, e -> assertThat(e.code()).isEqualTo("armature.config.parse"))
                .hasMessageStartingWith(file + ":2:");
    }

    @Test
    void a_watch_sees_the_file_written_and_cancel_ends_its_thread() throws Exception {
        Path file = Files.writeString(dir.resolve("w.yaml"), "a: 1\n");
        Files.writeString(dir.resolve("other.yaml"), "x: 1\n");
        CountDownLatch changed = new CountDownLatch(1);
        Cancellable watch =
                new FileConfigSource(file, 1, factory).watch(changed::countDown).orElseThrow();
        try {
            Files.writeString(file, "a: 2\n");
            assertThat(changed.await(30, TimeUnit.SECONDS)).isTrue();
        } finally {
            assertThat(watch.cancel()).isTrue();
        }
        assertThat(watch.cancel()).isFalse();
        assertThat(threads).hasSize(1);
        threads.get(0).join(TimeUnit.SECONDS.toMillis(30));
        assertThat(threads.get(0).isAlive()).isFalse();
    }

    @Test
    void a_watch_sees_the_file_replaced_by_a_rename_as_editors_save() throws Exception {
        Path file = Files.writeString(dir.resolve("r.properties"), "a=1\n");
        CountDownLatch changed = new CountDownLatch(1);
        Cancellable watch =
                new FileConfigSource(file, 1, factory).watch(changed::countDown).orElseThrow();
        try {
            Path temp = Files.writeString(dir.resolve(".r.properties.swp"), "a=2\n");
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            assertThat(changed.await(30, TimeUnit.SECONDS)).isTrue();
        } finally {
            watch.cancel();
        }
    }

    @Test
    void a_failing_callback_is_logged_and_the_watch_goes_on() throws Exception {
        Path file = Files.writeString(dir.resolve("f.json"), "{}");
        AtomicInteger calls = new AtomicInteger();
        CountDownLatch firstCall = new CountDownLatch(1);
        CountDownLatch secondCall = new CountDownLatch(1);
        Cancellable watch = new FileConfigSource(file, 1, factory)
                .watch(() -> {
                    if (calls.incrementAndGet() == 1) {
                        firstCall.countDown();
                        throw new IllegalStateException("listener failure for the test");
                    }
                    secondCall.countDown();
                })
                .orElseThrow();
        try {
            Files.writeString(file, "{\"a\": 1}");
            assertThat(firstCall.await(30, TimeUnit.SECONDS)).isTrue();
            Files.writeString(file, "{\"a\": 2}");
            assertThat(secondCall.await(30, TimeUnit.SECONDS)).isTrue();
            assertThat(threads.get(0).isAlive()).isTrue();
        } finally {
            watch.cancel();
        }
    }

    @Test
    void the_default_watch_thread_is_a_daemon_named_for_its_job() throws Exception {
        Path file = Files.writeString(dir.resolve("d.yaml"), "a: 1\n");
        CountDownLatch changed = new CountDownLatch(1);
        List<Thread> seen = new CopyOnWriteArrayList<>();
        Cancellable watch = new FileConfigSource(file, 1)
                .watch(() -> {
                    seen.add(Thread.currentThread());
                    changed.countDown();
                })
                .orElseThrow();
        try {
            Files.writeString(file, "a: 2\n");
            assertThat(changed.await(30, TimeUnit.SECONDS)).isTrue();
            assertThat(seen.get(0).getName()).isEqualTo("armature-config-watch");
            assertThat(seen.get(0).isDaemon()).isTrue();
        } finally {
            watch.cancel();
        }
        seen.get(0).join(TimeUnit.SECONDS.toMillis(30));
        assertThat(seen.get(0).isAlive()).isFalse();
    }

    @Test
    void watching_a_file_whose_directory_does_not_exist_is_refused() {
        Path file = dir.resolve("no/such/dir/a.yaml");
        assertThatThrownBy(() -> new FileConfigSource(file, 1, factory).watch(() -> {}))
                .isInstanceOfSatisfying(
                        ConfigException.class, e -> assertThat(e.code()).isEqualTo("armature.config.watch"))
                .hasMessageContaining(file.toString());
        assertThat(threads).isEmpty();
    }
}

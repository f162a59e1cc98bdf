package dev.armature.monitoring.internal.export;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.armature.api.config.DataSize;
import dev.armature.core.time.ManualTime;
import dev.armature.spi.monitoring.MeterSnapshot;
import dev.armature.spi.monitoring.MetricsSnapshot;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The file exporter: JSON lines, rotation by size and by time, retention by count and by age. */
class FileExporterTest {
    private final ManualTime time = ManualTime.create();

    @TempDir
    @SuppressWarnings("NullAway.Init") // injected by JUnit before each test
    Path dir;

    private FileExporter exporter(
            DataSize maxSize, Optional<Duration> rotateEvery, int maxFiles, Optional<Duration> maxAge) {
        return new FileExporter(new FileExporter.Settings(dir, maxSize, rotateEvery, maxFiles, maxAge), time);
    }

    private MetricsSnapshot snapshot() {
        return new MetricsSnapshot(
                time.now(),
                List.of(
                        new MeterSnapshot(
                                "model.calls",
                                MeterSnapshot.Type.TIMER,
                                Map.of("model", "small"),
                                "seconds",
                                List.of(
                                        new MeterSnapshot.Measurement(MeterSnapshot.Statistic.COUNT, 2),
                                        new MeterSnapshot.Measurement(MeterSnapshot.Statistic.TOTAL_TIME, 1.5),
                                        new MeterSnapshot.Measurement(MeterSnapshot.Statistic.MAX, Double.NaN))),
                        new MeterSnapshot(
                                "queue.size",
                                MeterSnapshot.Type.GAUGE,
                                Map.of(),
                                "",
                                List.of(new MeterSnapshot.Measurement(MeterSnapshot.Statistic.VALUE, 3)))));
    }

    private List<String> files() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    private int bytesPerSnapshot() throws IOException {
        return exporter(DataSize.ofMebibytes(1), Optional.empty(), 1, Optional.empty())
                .encode(snapshot())
                .length;
    }

    @Test
    void each_meter_is_one_json_object_on_a_line_of_its_own() throws Exception {
        exporter(DataSize.ofMebibytes(1), Optional.empty(), 10, Optional.empty())
                .export(snapshot());

        List<String> lines = Files.readAllLines(dir.resolve(FileExporter.ACTIVE), StandardCharsets.UTF_8);
        assertThat(lines).hasSize(2);
        JsonNode timer = new ObjectMapper().readTree(lines.get(0));
        assertThat(timer.get("timestamp").asText()).isEqualTo("2026-01-01T00:00:00Z");
        assertThat(timer.get("name").asText()).isEqualTo("model.calls");
        assertThat(timer.get("type").asText()).isEqualTo("timer");
        assertThat(timer.get("tags").get("model").asText()).isEqualTo("small");
        assertThat(timer.get("unit").asText()).isEqualTo("seconds");
        assertThat(timer.get("values").get("count").asDouble()).isEqualTo(2.0);
        assertThat(timer.get("values").get("total_time").asDouble()).isEqualTo(1.5);
        assertThat(timer.get("values").get("max").isNull())
                .as("NaN is written as null")
                .isTrue();
        JsonNode gauge = new ObjectMapper().readTree(lines.get(1));
        assertThat(gauge.has("unit")).isFalse();
        assertThat(gauge.get("values").get("value").asDouble()).isEqualTo(3.0);
    }

    @Test
    void the_file_is_rotated_before_a_write_would_take_it_past_the_maximum_size() throws Exception {
        int one = bytesPerSnapshot();
        FileExporter exporter = exporter(DataSize.ofBytes(2L * one), Optional.empty(), 10, Optional.empty());

        exporter.export(snapshot());
        exporter.export(snapshot()); // exactly at the maximum: still one file
        assertThat(files()).containsExactly(FileExporter.ACTIVE);

        time.advance(Duration.ofSeconds(1));
        exporter.export(snapshot());

        assertThat(files()).containsExactly("metrics-20260101T000001000Z-0000.jsonl", FileExporter.ACTIVE);
        assertThat(Files.size(dir.resolve("metrics-20260101T000001000Z-0000.jsonl")))
                .isEqualTo(2L * one);
        assertThat(Files.size(dir.resolve(FileExporter.ACTIVE))).isEqualTo(one);
    }

    @Test
    void two_rotations_at_one_instant_get_different_names() throws Exception {
        int one = bytesPerSnapshot();
        FileExporter exporter = exporter(DataSize.ofBytes(one), Optional.empty(), 10, Optional.empty());
        for (int i = 0; i < 3; i++) {
            exporter.export(snapshot());
        }
        assertThat(files())
                .containsExactly(
                        "metrics-20260101T000000000Z-0000.jsonl",
                        "metrics-20260101T000000000Z-0001.jsonl",
                        FileExporter.ACTIVE);
    }

    @Test
    void the_file_is_rotated_once_it_is_older_than_rotate_every() throws Exception {
        FileExporter exporter =
                exporter(DataSize.ofMebibytes(1), Optional.of(Duration.ofHours(1)), 10, Optional.empty());
        exporter.export(snapshot());
        time.advance(Duration.ofMinutes(59));
        exporter.export(snapshot());
        assertThat(files()).containsExactly(FileExporter.ACTIVE);

        time.advance(Duration.ofMinutes(1));
        exporter.export(snapshot());

        assertThat(files()).containsExactly("metrics-20260101T010000000Z-0000.jsonl", FileExporter.ACTIVE);
        assertThat(Files.readAllLines(dir.resolve(FileExporter.ACTIVE))).hasSize(2);
    }

    @Test
    void a_file_left_by_an_earlier_run_is_rotated_at_the_first_write() throws Exception {
        Files.writeString(dir.resolve(FileExporter.ACTIVE), "{\"earlier\":true}\n");

        exporter(DataSize.ofMebibytes(1), Optional.empty(), 10, Optional.empty())
                .export(snapshot());

        assertThat(files()).containsExactly("metrics-20260101T000000000Z-0000.jsonl", FileExporter.ACTIVE);
        assertThat(Files.readString(dir.resolve("metrics-20260101T000000000Z-0000.jsonl")))
                .isEqualTo("{\"earlier\":true}\n");
    }

    @Test
    void only_the_newest_rotated_files_are_kept() throws Exception {
        int one = bytesPerSnapshot();
        FileExporter exporter = exporter(DataSize.ofBytes(one), Optional.empty(), 2, Optional.empty());
        for (int minute = 0; minute < 5; minute++) {
            exporter.export(snapshot());
            time.advance(Duration.ofMinutes(1));
        }
        assertThat(files())
                .containsExactly(
                        "metrics-20260101T000300000Z-0000.jsonl",
                        "metrics-20260101T000400000Z-0000.jsonl",
                        FileExporter.ACTIVE);
    }

    @Test
    void rotated_files_older_than_the_maximum_age_are_deleted() throws Exception {
        FileExporter exporter = exporter(
                DataSize.ofMebibytes(1), Optional.of(Duration.ofHours(1)), 100, Optional.of(Duration.ofHours(2)));
        for (int hour = 0; hour <= 4; hour++) {
            exporter.export(snapshot());
            time.advance(Duration.ofHours(1));
        }
        // Rotated at 01:00, 02:00, 03:00 and 04:00; at 04:00 the one of 01:00 is 3 h old, of 02:00 2 h.
        assertThat(files())
                .containsExactly(
                        "metrics-20260101T030000000Z-0000.jsonl",
                        "metrics-20260101T040000000Z-0000.jsonl",
                        FileExporter.ACTIVE);
    }

    @Test
    void zero_files_kept_deletes_each_rotated_file() throws Exception {
        int one = bytesPerSnapshot();
        FileExporter exporter = exporter(DataSize.ofBytes(one), Optional.empty(), 0, Optional.empty());
        exporter.export(snapshot());
        exporter.export(snapshot());
        assertThat(files()).containsExactly(FileExporter.ACTIVE);
    }
}

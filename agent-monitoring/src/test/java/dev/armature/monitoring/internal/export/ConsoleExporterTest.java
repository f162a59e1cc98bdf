package dev.armature.monitoring.internal.export;

import static org.assertj.core.api.Assertions.assertThat;

import dev.armature.spi.monitoring.MeterSnapshot;
import dev.armature.spi.monitoring.MetricsSnapshot;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The console exporter's compact table. */
class ConsoleExporterTest {
    private static final Instant AT = Instant.parse("2026-01-01T00:01:00Z");

    private final List<String> printed = new ArrayList<>();

    private ConsoleExporter exporter(List<String> include) {
        return new ConsoleExporter(printed::add, include, ExportersSchema.DEFAULT_HIDE_TAGS);
    }

    @Test
    void the_table_aligns_name_tags_type_unit_and_values_in_columns() {
        MeterRegistry registry = new SimpleMeterRegistry();
        Counter.builder("armature.events.published")
                .tags("application", "host", "instance", "local")
                .register(registry)
                .increment(12);
        Timer timer = Timer.builder("model.calls").tag("model", "small").register(registry);
        timer.record(Duration.ofMillis(1200));
        timer.record(Duration.ofMillis(300));

        exporter(List.of()).export(Snapshots.take(registry, AT));

        assertThat(printed)
                .singleElement()
                .isEqualTo(
                        """
                        metrics at 2026-01-01T00:01:00Z (2 meters)
                        NAME                       TAGS         TYPE     UNIT     VALUES
                        armature.events.published               counter           count=12
                        model.calls                model=small  timer    seconds  count=2 total_time=1.5 max=1.2""");
    }

    @Test
    void only_meters_under_the_included_prefixes_are_shown() {
        MetricsSnapshot snapshot = new MetricsSnapshot(
                AT,
                List.of(
                        meter("armature.events.published", 3),
                        meter("jvm.threads.live", 40),
                        meter("model.tokens", 7)));

        String table = exporter(List.of("armature.", "model.")).table(snapshot);

        assertThat(table)
                .startsWith("metrics at 2026-01-01T00:01:00Z (2 meters)")
                .contains("armature.events.published", "model.tokens")
                .doesNotContain("jvm.threads.live");
    }

    @Test
    void an_empty_snapshot_gives_a_title_and_a_header() {
        assertThat(exporter(List.of()).table(new MetricsSnapshot(AT, List.of())))
                .isEqualTo("metrics at 2026-01-01T00:01:00Z (0 meters)\nNAME  TAGS  TYPE  UNIT  VALUES");
    }

    @Test
    void a_very_long_name_is_cut_so_that_the_table_stays_narrow() {
        String longName = "host." + "x".repeat(100);
        String table = exporter(List.of()).table(new MetricsSnapshot(AT, List.of(meter(longName, 1))));
        assertThat(table.lines().skip(2).findFirst().orElseThrow())
                .startsWith("host.xxx")
                .contains("…")
                .doesNotContain(longName);
    }

    @Test
    void numbers_are_compact() {
        assertThat(ConsoleExporter.number(12)).isEqualTo("12");
        assertThat(ConsoleExporter.number(-3)).isEqualTo("-3");
        assertThat(ConsoleExporter.number(1.23456)).isEqualTo("1.235");
        assertThat(ConsoleExporter.number(0.5)).isEqualTo("0.5");
        assertThat(ConsoleExporter.number(0.00042)).isEqualTo("4.20e-04");
        assertThat(ConsoleExporter.number(Double.NaN)).isEqualTo("NaN");
        assertThat(ConsoleExporter.number(1e20)).isEqualTo("100000000000000000000");
    }

    private static MeterSnapshot meter(String name, double value) {
        return new MeterSnapshot(
                name,
                MeterSnapshot.Type.GAUGE,
                Map.of(),
                "",
                List.of(new MeterSnapshot.Measurement(MeterSnapshot.Statistic.VALUE, value)));
    }
}

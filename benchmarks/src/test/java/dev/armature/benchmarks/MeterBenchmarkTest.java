package dev.armature.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import org.junit.jupiter.api.Test;

/** Each benchmark method once: each records in its own counter of the system's registry, both exposed. */
class MeterBenchmarkTest {
    @Test
    void each_method_counts_in_its_counter_of_the_systems_registry() throws IOException {
        MeterBenchmark bench = new MeterBenchmark();
        bench.setUp();
        try {
            bench.armatureCounter();
            bench.armatureCounterLookup();
            bench.micrometerCounter();
            bench.micrometerCounterLookup();
            bench.micrometerCounter();

            assertThat(bench.armature.count()).isEqualTo(2.0);
            assertThat(bench.micrometer.count()).isEqualTo(3.0);
            // Armature's filters gave its counter the common tags; the host's counter is left alone.
            assertThat(bench.armature.getId().getTag("application")).isEqualTo("meter-bench");
            assertThat(bench.armature.getId().getTag("instance")).isEqualTo("local");
            assertThat(bench.micrometer.getId().getTag("application")).isNull();
            assertThat(bench.scrape())
                    .contains("armature_bench_requests_total{application=\"meter-bench\",component=\"bench\","
                            + "instance=\"local\"} 2.0")
                    .contains("bench_requests_total{component=\"bench\"} 3.0");
        } finally {
            bench.tearDown();
        }
    }
}

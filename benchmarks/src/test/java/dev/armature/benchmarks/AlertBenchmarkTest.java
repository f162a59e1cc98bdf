package dev.armature.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.armature.api.monitoring.Alerts;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/** Each benchmark method once: the tick evaluates every rule, and the baseline finds every meter. */
class AlertBenchmarkTest {
    @Test
    void a_tick_evaluates_the_rules_and_the_baseline_reads_every_meter() throws IOException {
        AlertBenchmark bench = new AlertBenchmark();
        bench.rules = 1_000;
        bench.setUp();
        try {
            long ticks = 25; // enough for the 1-minute "for" of the rules that breach
            for (int i = 0; i < ticks; i++) {
                bench.armatureTick();
            }
            // Some thresholds and predictions breach: the engine evaluated them.
            assertThat(bench.system.service(Alerts.class).active()).isNotEmpty();
            assertThat(bench.searchPerRule()).isPositive();
            assertThat(bench.queries).hasSize(1_000);
        } finally {
            bench.tearDown();
        }
    }
}

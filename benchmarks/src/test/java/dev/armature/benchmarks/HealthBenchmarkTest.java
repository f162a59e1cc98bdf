package dev.armature.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.armature.api.health.HealthStatus;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The health benchmark reads what its description promises — 200 checks, every one run once, in
 * 20 component groups — and each method runs once; no timing here.
 */
@Timeout(60) // a guard against a hang, not a timing assertion
class HealthBenchmarkTest {
    @Test
    void everyCheckHasRunAndEveryMethodReadsTheSnapshot() throws Exception {
        HealthBenchmark bench = new HealthBenchmark();
        bench.start();
        try {
            assertThat(bench.report().checks()).hasSize(HealthBenchmark.CHECKS);
            assertThat(bench.report().checks().values())
                    .allSatisfy(c -> assertThat(c.lastResult()).isPresent());
            assertThat(bench.report().status()).isEqualTo(HealthStatus.UP);
            assertThat(bench.checkLookup())
                    .hasValueSatisfying(c -> assertThat(c.name()).isEqualTo("check-137"));
            assertThat(bench.groupReport()).hasValueSatisfying(g -> assertThat(g.checks())
                    .hasSize(HealthBenchmark.CHECKS / HealthBenchmark.COMPONENTS));
            assertThat(bench.volatileRead()).isEqualTo(bench.report());
        } finally {
            bench.stop();
        }
        assertThat(Files.exists(bench.directory)).isFalse();
    }
}

package dev.armature.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * The fingerprint benchmark's error has the shape its description promises, and each method runs
 * once; no timing here.
 */
class FingerprintBenchmarkTest {
    private final FingerprintBenchmark bench = new FingerprintBenchmark();

    @Test
    void theErrorHasTwoCausesOfFortyFramesEach() {
        Throwable cause = bench.error.getCause();
        assertThat(cause).isNotNull();
        Throwable inner = cause.getCause();
        assertThat(inner).isNotNull();
        assertThat(inner.getCause()).isNull();
        for (Throwable t : new Throwable[] {bench.error, cause, inner}) {
            assertThat(t.getStackTrace()).hasSize(FingerprintBenchmark.FRAMES);
        }
    }

    @Test
    void everyMethodRunsOnce() {
        assertThat(bench.fingerprint()).isEqualTo(bench.explain().fingerprint());
        assertThat(bench.fingerprintInAppPackages()).isNotEqualTo(bench.fingerprint());
        assertThat(bench.explain().frames())
                .hasSize(3 * 5)
                .startsWith(
                        "com.example.agent.model.ModelGateway#lambda$ask",
                        "com.example.agent.resilience.Retrying#call",
                        "com.example.agent.model.ModelGateway#ask");
        assertThat(bench.stackTraceHashCode())
                .isEqualTo(Arrays.toString(bench.error.getStackTrace()).hashCode());
    }
}

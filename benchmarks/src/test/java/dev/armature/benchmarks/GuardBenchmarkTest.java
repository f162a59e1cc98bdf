package dev.armature.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.armature.api.resilience.CircuitState;
import dev.armature.api.resilience.GuardRejectedException;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/** Each benchmark method once: both sides answer on the happy path and refuse through an open circuit. */
class GuardBenchmarkTest {
    @Test
    void every_method_answers_or_refuses_as_its_side_should() throws IOException {
        GuardBenchmark bench = new GuardBenchmark();
        bench.setUp();
        try {
            assertThat(bench.direct()).isEqualTo(42);
            assertThat(bench.armatureGuard()).isEqualTo(42);
            assertThat(bench.resilience4jByHand()).isEqualTo(42);
            assertThat(bench.openGuard.circuitState()).isEqualTo(CircuitState.OPEN);
            assertThat(bench.armatureGuardRejected()).isInstanceOf(GuardRejectedException.class);
            assertThat(bench.resilience4jByHandRejected()).isInstanceOf(CallNotPermittedException.class);
            // Both sides time their calls in the same registry.
            assertThat(bench.registry.find("bench.calls").timer()).isNotNull();
            assertThat(bench.registry.find("resilience4j.circuitbreaker.calls").timers())
                    .isNotEmpty();
        } finally {
            bench.tearDown();
        }
    }
}

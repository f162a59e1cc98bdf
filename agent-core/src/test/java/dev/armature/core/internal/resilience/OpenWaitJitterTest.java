package dev.armature.core.internal.resilience;

import static dev.armature.core.internal.resilience.GuardFixture.settings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.armature.api.resilience.Guard;
import dev.armature.api.resilience.GuardRejectedException;
import dev.armature.core.time.ManualTime;
import java.io.IOException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class OpenWaitJitterTest {
    /** Trips the breaker once and returns the open wait that the first refusal reports. */
    private static Duration openWait(long seed) {
        try (GuardFixture f = new GuardFixture(
                ManualTime.create(),
                seed,
                settings(
                        "dep.retry.enabled", "false",
                        "dep.circuit-breaker.consecutive-failures", "1",
                        "dep.circuit-breaker.wait-jitter", "0.5"))) {
            Guard guard = f.system.guard("dep");
            assertThat(catchThrowable(() -> guard.run(() -> {
                        throw new IOException("down");
                    })))
                    .hasRootCauseInstanceOf(IOException.class);
            GuardRejectedException r = (GuardRejectedException) catchThrowable(() -> guard.run(() -> {}));
            return r.retryAfter().orElseThrow();
        }
    }

    @Test
    void the_open_wait_gets_a_seeded_random_share_of_up_to_wait_jitter() {
        Duration first = openWait(3);
        assertThat(first).isBetween(Duration.ofSeconds(60), Duration.ofSeconds(90));
        assertThat(openWait(3)).isEqualTo(first);
        assertThat(openWait(4)).isNotEqualTo(first);
    }
}

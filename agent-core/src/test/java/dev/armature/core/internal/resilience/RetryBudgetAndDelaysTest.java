package dev.armature.core.internal.resilience;

import static dev.armature.core.internal.resilience.GuardFixture.settings;
import static org.assertj.core.api.Assertions.assertThat;

import dev.armature.api.resilience.Guard;
import dev.armature.api.resilience.GuardEvent;
import dev.armature.core.time.ManualTime;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class RetryBudgetAndDelaysTest {
    private static final Map<String, String> DEAD_DEPENDENCY = settings(
            "dep.circuit-breaker.enabled", "false",
            "dep.retry.max-attempts", "5",
            "dep.retry.initial-delay", "1s",
            "dep.retry.jitter", "0");

    @Test
    void the_retry_budget_bounds_total_retries_when_a_dependency_is_down() throws InterruptedException {
        try (GuardFixture f = GuardFixture.of(DEAD_DEPENDENCY)) {
            Guard guard = f.system.guard("dep");
            AtomicInteger attempts = new AtomicInteger();
            int callers = 50;
            List<CompletableFuture<String>> results = new ArrayList<>();
            for (int i = 0; i < callers; i++) {
                results.add(guard.<String>callAsync(() -> {
                            attempts.incrementAndGet();
                            return CompletableFuture.failedFuture(new IOException("down"));
                        })
                        .toCompletableFuture());
                f.time.advance(Duration.ofMinutes(1));
            }
            assertThat(results).allMatch(CompletableFuture::isCompletedExceptionally);
            // 10 tokens, retries only while more than 5 are left: 4 retries in all, not 50 × 4.
            assertThat(attempts).hasValue(callers + 4);
            GuardEvent.RetryBudgetExhausted exhausted = f.await(GuardEvent.RetryBudgetExhausted.class);
            assertThat(exhausted.guard()).isEqualTo("dep");
            assertThat(exhausted.maxTokens()).isEqualTo(10.0);
            assertThat(f.drain()).noneMatch(GuardEvent.RetryBudgetExhausted.class::isInstance);
        }
    }

    @Test
    void successes_refill_the_budget_so_retries_resume() {
        try (GuardFixture f = GuardFixture.of(DEAD_DEPENDENCY)) {
            Guard guard = f.system.guard("dep");
            AtomicInteger attempts = new AtomicInteger();
            for (int i = 0; i < 3; i++) {
                var unused = guard.callAsync(() -> {
                    attempts.incrementAndGet();
                    return CompletableFuture.<String>failedFuture(new IOException("down"));
                });
                f.time.advance(Duration.ofMinutes(1));
            }
            assertThat(attempts).hasValue(3 + 4);
            // 3 tokens left; each success returns 0.1: after 31, 6.1 tokens, so that the next failure
            // leaves 5.1, more than half, and one retry is allowed again.
            for (int i = 0; i < 31; i++) {
                assertThat(guard.call(() -> "ok")).isEqualTo("ok");
            }
            attempts.set(0);
            var unused = guard.callAsync(() -> {
                attempts.incrementAndGet();
                return CompletableFuture.<String>failedFuture(new IOException("down"));
            });
            f.time.advance(Duration.ofMinutes(1));
            assertThat(attempts).hasValue(2);
        }
    }

    private static List<Duration> delays(long seed) {
        ManualTime time = ManualTime.create();
        try (GuardFixture f = new GuardFixture(
                time,
                seed,
                settings(
                        "dep.circuit-breaker.enabled", "false",
                        "dep.retry.max-attempts", "5",
                        "dep.retry.initial-delay", "100ms",
                        "dep.retry.multiplier", "2",
                        "dep.retry.jitter", "0.5"))) {
            List<Duration> at = new ArrayList<>();
            var unused = f.system.guard("dep").<String>callAsync(() -> {
                at.add(time.elapsed());
                return CompletableFuture.failedFuture(new IOException("down"));
            });
            time.advance(Duration.ofMinutes(1));
            List<Duration> gaps = new ArrayList<>();
            for (int i = 1; i < at.size(); i++) {
                gaps.add(at.get(i).minus(at.get(i - 1)));
            }
            return gaps;
        }
    }

    @Test
    void the_same_seed_gives_the_same_retry_delays() {
        List<Duration> first = delays(7);
        assertThat(first).hasSize(4);
        assertThat(delays(7)).isEqualTo(first);
        assertThat(delays(8)).isNotEqualTo(first);
        for (int i = 0; i < first.size(); i++) {
            long base = 100L << i;
            assertThat(first.get(i)).isBetween(Duration.ofMillis(base / 2), Duration.ofMillis(base * 3 / 2));
        }
    }
}

package dev.armature.core.internal.resilience;

import static dev.armature.core.internal.resilience.GuardFixture.settings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.armature.api.AgentSystem;
import dev.armature.api.resilience.CircuitState;
import dev.armature.api.resilience.ErrorClass;
import dev.armature.api.resilience.Guard;
import dev.armature.api.resilience.GuardEvent;
import dev.armature.api.resilience.GuardException;
import dev.armature.api.resilience.GuardLayer;
import dev.armature.api.resilience.GuardRejectedException;
import dev.armature.api.resilience.GuardTimeoutException;
import dev.armature.core.internal.orchestrator.DefaultAgentSystem;
import dev.armature.core.time.ManualTime;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class GuardBehaviourTest {
    @Test
    void the_system_returns_one_guard_per_name_and_checks_names() {
        try (GuardFixture f = GuardFixture.of(Map.of())) {
            assertThat(f.system.guard("model.chat")).isSameAs(f.system.guard("model.chat"));
            assertThat(f.system.guard("model.chat")).isNotSameAs(f.system.guard("model.embed"));
            for (String bad : List.of("Model.chat", "model..chat", "", "a.b.c.d.e", "1model", "model chat")) {
                assertThatThrownBy(() -> f.system.guard(bad))
                        .isInstanceOf(IllegalArgumentException.class)
                        .hasMessageContaining("lower-case dotted");
            }
            assertThatThrownBy(() -> f.system.guard("default"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("reserved");
        }
    }

    @Test
    void the_descriptor_lists_the_layers_from_the_outside_in_with_their_options() {
        try (GuardFixture f = GuardFixture.of(settings(
                "default.retry.max-attempts", "7",
                "model.chat.rate-limiter.enabled", "true",
                "model.chat.time-limiter.enabled", "true",
                "model.chat.bulkhead.enabled", "true",
                "model.embed.retry.max-attempts", "2"))) {
            Guard chat = f.system.guard("model.chat");
            assertThat(chat.descriptor().layers())
                    .extracting(GuardLayer::kind)
                    .containsExactly(
                            GuardLayer.Kind.RETRY,
                            GuardLayer.Kind.CIRCUIT_BREAKER,
                            GuardLayer.Kind.RATE_LIMITER,
                            GuardLayer.Kind.TIME_LIMITER,
                            GuardLayer.Kind.BULKHEAD);
            // From the default section, since model.chat sets none of its own.
            assertThat(chat.descriptor()
                            .layer(GuardLayer.Kind.RETRY)
                            .orElseThrow()
                            .options())
                    .containsEntry("max-attempts", "7")
                    .containsEntry("max-delay", "PT10S");
            assertThat(chat.descriptor()
                            .layer(GuardLayer.Kind.TIME_LIMITER)
                            .orElseThrow()
                            .options())
                    .containsEntry("timeout", "PT30S");
            assertThat(f.system
                            .guard("model.embed")
                            .descriptor()
                            .layer(GuardLayer.Kind.RETRY)
                            .orElseThrow()
                            .options())
                    .containsEntry("max-attempts", "2");
        }
    }

    @Test
    void a_setting_out_of_range_is_rejected_by_the_configuration() {
        try (GuardFixture f = GuardFixture.of(Map.of())) {
            var update = f.system.config().override(Map.of("armature.guards.dep.retry.max-attempts", "0"));
            assertThat(update.outcome()).isEqualTo(dev.armature.api.config.ConfigUpdate.Outcome.REJECTED);
        }
    }

    @Test
    void a_change_reconfigures_live_and_keeps_the_breaker_when_its_settings_did_not_change()
            throws InterruptedException {
        try (GuardFixture f = GuardFixture.of(
                settings("dep.retry.enabled", "false", "dep.circuit-breaker.consecutive-failures", "1"))) {
            Guard guard = f.system.guard("dep");
            assertThat(catchThrowable(() -> guard.run(() -> {
                        throw new IOException("down");
                    })))
                    .isInstanceOf(GuardException.class);
            assertThat(guard.circuitState()).isEqualTo(CircuitState.OPEN);
            f.set(settings("dep.retry.enabled", "true"));
            assertThat(guard.descriptor().layer(GuardLayer.Kind.RETRY)).isPresent();
            assertThat(guard.circuitState()).isEqualTo(CircuitState.OPEN);
            f.set(settings("dep.circuit-breaker.wait-in-open", "10s"));
            assertThat(guard.circuitState()).isEqualTo(CircuitState.CLOSED);
            assertThat(f.await(GuardEvent.CircuitStateChanged.class).to()).isEqualTo(CircuitState.OPEN);
            GuardEvent.CircuitStateChanged reset = f.await(GuardEvent.CircuitStateChanged.class);
            assertThat(reset.to()).isEqualTo(CircuitState.CLOSED);
            assertThat(reset.reason()).isEqualTo("reconfigured");
        }
    }

    @Test
    void a_checked_failure_is_wrapped_a_runtime_one_is_not_and_a_fallback_answers_both() {
        try (GuardFixture f = GuardFixture.of(settings("dep.retry.enabled", "false"))) {
            Guard guard = f.system.guard("dep");
            IOException io = new IOException("down");
            assertThatThrownBy(() -> guard.call(() -> {
                        throw io;
                    }))
                    .isInstanceOfSatisfying(
                            GuardException.class, e -> assertThat(e.guard()).isEqualTo("dep"))
                    .hasCause(io);
            IllegalStateException ise = new IllegalStateException("broken");
            assertThatThrownBy(() -> guard.call(() -> {
                        throw ise;
                    }))
                    .isSameAs(ise);
            String answer = guard.call(
                    () -> {
                        throw io;
                    },
                    t -> "fallback for " + t.getMessage());
            assertThat(answer).isEqualTo("fallback for down");
        }
    }

    @Test
    void a_permanent_failure_is_not_retried_and_a_transient_one_is() throws Exception {
        try (GuardFixture f = GuardFixture.of(settings("dep.circuit-breaker.enabled", "false"))) {
            Guard guard = f.system.guard("dep");
            AtomicInteger attempts = new AtomicInteger();
            assertThatThrownBy(() -> guard.call(() -> {
                        attempts.incrementAndGet();
                        throw new IllegalArgumentException("bad prompt");
                    }))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThat(attempts).hasValue(1);

            // A synchronous retry waits on the scheduler: advance virtual time until the call is done.
            attempts.set(0);
            ExecutorService caller = Executors.newSingleThreadExecutor();
            try {
                Future<String> result = caller.submit(() -> guard.call(() -> {
                    if (attempts.incrementAndGet() < 3) {
                        throw new IOException("flaky");
                    }
                    return "third time";
                }));
                while (!result.isDone()) {
                    f.time.advance(Duration.ofMillis(100));
                    Thread.onSpinWait();
                }
                assertThat(result.get()).isEqualTo("third time");
                assertThat(attempts).hasValue(3);
            } finally {
                caller.shutdownNow();
            }
        }
    }

    @Test
    void every_failure_reaches_the_failure_sink_with_its_class() {
        try (GuardFixture f = GuardFixture.of(settings("dep.retry.enabled", "false"))) {
            List<String> seen = new CopyOnWriteArrayList<>();
            ((DefaultAgentSystem) f.system).guards().failureSink((guard, key, error, c) -> seen.add(guard + "/" + c));
            assertThat(catchThrowable(() -> f.system.guard("dep").call(() -> {
                        throw new IllegalArgumentException("x");
                    })))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThat(seen).containsExactly("dep/" + ErrorClass.PERMANENT);
        }
    }

    @Test
    void a_full_bulkhead_and_a_spent_rate_limit_refuse_calls() throws Exception {
        try (GuardFixture f = GuardFixture.of(settings(
                "dep.bulkhead.enabled", "true",
                "dep.bulkhead.max-concurrent-calls", "1",
                "limited.rate-limiter.enabled", "true",
                "limited.rate-limiter.limit-for-period", "2",
                "limited.rate-limiter.refresh-period", "1s"))) {
            refusesASecondCallWhileOneIsInside(f.system.guard("dep"), GuardRejectedException.Reason.BULKHEAD_FULL);

            Guard limited = f.system.guard("limited");
            assertThat(limited.call(() -> 1)).isEqualTo(1);
            assertThat(limited.call(() -> 2)).isEqualTo(2);
            assertThatThrownBy(() -> limited.call(() -> 3)).isInstanceOfSatisfying(GuardRejectedException.class, e -> {
                assertThat(e.reason()).isEqualTo(GuardRejectedException.Reason.RATE_LIMITED);
                assertThat(e.retryAfter()).isPresent();
            });
            f.time.advance(Duration.ofSeconds(1));
            assertThat(limited.call(() -> 4)).isEqualTo(4);
            assertThat(f.system
                            .service(MeterRegistry.class)
                            .get("armature.guard.rejections")
                            .tags("guard", "limited", "reason", "rate-limited")
                            .counter()
                            .count())
                    .isEqualTo(1.0);
        }
    }

    @Test
    void the_adaptive_limiter_is_the_innermost_layer_and_refuses_beyond_its_limit() throws Exception {
        try (GuardFixture f = GuardFixture.of(settings(
                "dep.bulkhead.enabled", "true",
                "dep.adaptive-limiter.enabled", "true",
                "dep.adaptive-limiter.initial-limit", "1",
                "dep.adaptive-limiter.max-limit", "1",
                "dep.retry.enabled", "false"))) {
            Guard guard = f.system.guard("dep");
            assertThat(guard.descriptor().layers())
                    .extracting(GuardLayer::kind)
                    .endsWith(GuardLayer.Kind.BULKHEAD, GuardLayer.Kind.ADAPTIVE_LIMITER);
            assertThat(guard.descriptor()
                            .layer(GuardLayer.Kind.ADAPTIVE_LIMITER)
                            .orElseThrow()
                            .options())
                    .containsEntry("algorithm", "aimd")
                    .containsEntry("max-limit", "1");
            // The refusal releases the bulkhead's permit it had taken, and the first call its own.
            refusesASecondCallWhileOneIsInside(guard, GuardRejectedException.Reason.CONCURRENCY_LIMITED);
            assertThat(f.system
                            .service(MeterRegistry.class)
                            .get("armature.guard.concurrency.limit")
                            .tags("guard", "dep")
                            .gauge()
                            .value())
                    .isEqualTo(1.0);
        }
    }

    @Test
    void adaptive_limiter_options_that_contradict_each_other_in_the_first_snapshot_refuse_the_guard() {
        try (AgentSystem system = AgentSystem.builder()
                .name("guards")
                .timeSource(ManualTime.create())
                .environment(Map.of())
                .systemProperties(settings(
                        "dep.adaptive-limiter.enabled", "true",
                        "dep.adaptive-limiter.min-limit", "10",
                        "dep.adaptive-limiter.max-limit", "5"))
                .build()) {
            assertThatThrownBy(() -> system.guard("dep"))
                    .isInstanceOf(dev.armature.api.config.ConfigException.class)
                    .hasMessageContaining("armature.guards.dep.adaptive-limiter");
        }
    }

    @Test
    void a_change_that_would_leave_a_guard_unbuildable_is_vetoed_and_the_guard_keeps_its_settings() {
        try (GuardFixture f = GuardFixture.of(
                settings("dep.adaptive-limiter.enabled", "true", "dep.adaptive-limiter.max-limit", "50"))) {
            Guard guard = f.system.guard("dep");
            var update = f.system.config().override(Map.of("armature.guards.dep.adaptive-limiter.min-limit", "60"));
            assertThat(update.outcome()).isEqualTo(dev.armature.api.config.ConfigUpdate.Outcome.REJECTED);
            assertThat(update.violations()).singleElement().satisfies(v -> assertThat(v.key())
                    .startsWith("armature.guards.dep.adaptive-limiter"));
            assertThat(guard.descriptor()
                            .layer(GuardLayer.Kind.ADAPTIVE_LIMITER)
                            .orElseThrow()
                            .options())
                    .containsEntry("min-limit", "1");
            // A guard not built yet is checked too, by the keys the change gives it.
            var other = f.system
                    .config()
                    .override(Map.of(
                            "armature.guards.other.adaptive-limiter.enabled", "true",
                            "armature.guards.other.adaptive-limiter.initial-limit", "500"));
            assertThat(other.outcome()).isEqualTo(dev.armature.api.config.ConfigUpdate.Outcome.REJECTED);
        }
    }

    @Test
    void the_time_limiter_stops_a_synchronous_attempt_and_interrupts_it() throws Exception {
        try (GuardFixture f = GuardFixture.of(settings(
                "dep.retry.enabled", "false",
                "dep.time-limiter.enabled", "true",
                "dep.time-limiter.timeout", "5s"))) {
            Guard guard = f.system.guard("dep");
            CountDownLatch started = new CountDownLatch(1);
            CountDownLatch interrupted = new CountDownLatch(1);
            ExecutorService caller = Executors.newSingleThreadExecutor();
            try {
                Future<String> result = caller.submit(() -> guard.call(() -> {
                    started.countDown();
                    try {
                        new CountDownLatch(1).await();
                    } catch (InterruptedException e) {
                        interrupted.countDown();
                        throw e;
                    }
                    return "never";
                }));
                assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
                f.time.advance(Duration.ofSeconds(5));
                assertThatThrownBy(() -> result.get(10, TimeUnit.SECONDS))
                        .hasCauseInstanceOf(GuardTimeoutException.class);
                assertThat(interrupted.await(10, TimeUnit.SECONDS)).isTrue();
            } finally {
                caller.shutdownNow();
            }
        }
    }

    @Test
    void the_time_limiter_fails_an_asynchronous_attempt_that_runs_too_long() {
        try (GuardFixture f = GuardFixture.of(settings(
                "dep.retry.enabled", "false",
                "dep.time-limiter.enabled", "true",
                "dep.time-limiter.timeout", "5s"))) {
            CompletableFuture<String> never = new CompletableFuture<>();
            CompletableFuture<String> result =
                    f.system.guard("dep").callAsync(() -> never).toCompletableFuture();
            f.time.advance(Duration.ofSeconds(4));
            assertThat(result).isNotDone();
            f.time.advance(Duration.ofSeconds(1));
            assertThat(result).isCompletedExceptionally();
            assertThatThrownBy(result::join).hasCauseInstanceOf(GuardTimeoutException.class);
            assertThat(never).isCancelled();
        }
    }

    @Test
    void keyed_guards_have_their_own_state_are_evicted_when_idle_and_fold_excess_meter_tags() {
        try (GuardFixture f = GuardFixture.of(settings(
                "model.retry.enabled", "false",
                "model.circuit-breaker.consecutive-failures", "1",
                "model.keys.idle-ttl", "10m",
                "model.keys.max-tagged", "1"))) {
            Guard model = f.system.guard("model");
            Guard a = model.forKey("tenant-a");
            assertThat(model.forKey("tenant-a")).isSameAs(a);
            assertThat(a.descriptor().key()).contains("tenant-a");
            assertThat(catchThrowable(() -> a.run(() -> {
                        throw new IOException("down");
                    })))
                    .isInstanceOf(GuardException.class);
            assertThat(a.circuitState()).isEqualTo(CircuitState.OPEN);
            Guard b = model.forKey("tenant-b");
            assertThat(b.circuitState()).isEqualTo(CircuitState.CLOSED);
            assertThat(model.circuitState()).isEqualTo(CircuitState.CLOSED);
            assertThat(b.call(() -> "b")).isEqualTo("b");

            MeterRegistry registry = f.system.service(MeterRegistry.class);
            assertThat(registry.find("resilience4j.circuitbreaker.calls")
                            .tags("name", "model", "key", "tenant-a")
                            .timers())
                    .isNotEmpty();
            assertThat(registry.get("resilience4j.circuitbreaker.calls")
                            .tags("name", "model", "key", "OTHER", "kind", "successful")
                            .timer()
                            .count())
                    .isEqualTo(1);

            f.time.advance(Duration.ofMinutes(11));
            assertThat(model.forKey("tenant-a")).isNotSameAs(a);
            assertThatThrownBy(() -> a.forKey("x")).isInstanceOf(IllegalStateException.class);
        }
    }
    /**
     * Holds one call inside the guard, checks that a second is refused for the reason, then lets the
     * first finish and checks that the guard admits again.
     */
    private static void refusesASecondCallWhileOneIsInside(Guard guard, GuardRejectedException.Reason reason)
            throws Exception {
        CountDownLatch inside = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ExecutorService caller = Executors.newSingleThreadExecutor();
        try {
            Future<String> first = caller.submit(() -> guard.call(() -> {
                inside.countDown();
                release.await();
                return "first";
            }));
            assertThat(inside.await(10, TimeUnit.SECONDS)).isTrue();
            assertThatThrownBy(() -> guard.call(() -> "second"))
                    .isInstanceOfSatisfying(GuardRejectedException.class, e -> assertThat(e.reason())
                            .isEqualTo(reason));
            release.countDown();
            assertThat(first.get(10, TimeUnit.SECONDS)).isEqualTo("first");
            assertThat(guard.call(() -> "third")).isEqualTo("third");
        } finally {
            caller.shutdownNow();
        }
    }
}

package dev.armature.core.internal.resilience;

import static dev.armature.core.internal.resilience.GuardFixture.settings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.armature.api.resilience.CircuitState;
import dev.armature.api.resilience.Classification;
import dev.armature.api.resilience.Guard;
import dev.armature.api.resilience.GuardEvent;
import dev.armature.api.resilience.GuardRejectedException;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Each tripping mode as a table: outcomes, with virtual time between them, and the state after each. */
class BreakerTrippingTest {
    enum Outcome {
        /** A quick success. */
        OK,
        /** A transient failure. */
        FAIL,
        /** A success that takes 2 s of virtual time. */
        SLOW,
        /** A call the breaker refuses. */
        REJECTED
    }

    record Step(Duration before, Outcome outcome, CircuitState after) {}

    static Step at(long secondsBefore, Outcome outcome, CircuitState after) {
        return new Step(Duration.ofSeconds(secondsBefore), outcome, after);
    }

    static Step atMillis(long millisBefore, Outcome outcome, CircuitState after) {
        return new Step(Duration.ofMillis(millisBefore), outcome, after);
    }

    static Stream<Arguments> modes() {
        CircuitState c = CircuitState.CLOSED;
        CircuitState o = CircuitState.OPEN;
        return Stream.of(
                Arguments.of(
                        "failure rate (Resilience4j)",
                        settings(
                                "dep.circuit-breaker.sliding-window-size", "4",
                                "dep.circuit-breaker.minimum-number-of-calls", "4",
                                "dep.circuit-breaker.failure-rate-threshold", "50"),
                        List.of(
                                at(0, Outcome.OK, c),
                                at(0, Outcome.FAIL, c),
                                at(0, Outcome.OK, c),
                                at(0, Outcome.FAIL, o),
                                at(59, Outcome.REJECTED, o),
                                atMillis(1001, Outcome.OK, CircuitState.HALF_OPEN)),
                        "rate threshold reached"),
                Arguments.of(
                        "consecutive failures",
                        settings("dep.circuit-breaker.consecutive-failures", "3"),
                        List.of(
                                at(0, Outcome.FAIL, c),
                                at(0, Outcome.FAIL, c),
                                at(0, Outcome.OK, c),
                                at(0, Outcome.FAIL, c),
                                at(0, Outcome.FAIL, c),
                                at(0, Outcome.FAIL, o),
                                at(1, Outcome.REJECTED, o)),
                        "3 consecutive failures"),
                Arguments.of(
                        "absolute count per time window",
                        settings(
                                "dep.circuit-breaker.failures-per-window", "3",
                                "dep.circuit-breaker.failures-window", "10s"),
                        List.of(
                                at(0, Outcome.FAIL, c),
                                at(6, Outcome.FAIL, c),
                                at(6, Outcome.FAIL, c), // three failures, but over 12 s
                                at(1, Outcome.FAIL, o), // the last three within 7 s
                                at(1, Outcome.REJECTED, o)),
                        "3 failures within PT10S"),
                Arguments.of(
                        "slow-call rate",
                        settings(
                                "dep.circuit-breaker.sliding-window-size", "2",
                                "dep.circuit-breaker.minimum-number-of-calls", "2",
                                "dep.circuit-breaker.slow-call-duration", "1s",
                                "dep.circuit-breaker.slow-call-rate-threshold", "50"),
                        List.of(at(0, Outcome.SLOW, c), at(0, Outcome.OK, o), at(0, Outcome.REJECTED, o)),
                        "slow-call rate 50.0%"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("modes")
    void each_tripping_mode_moves_the_breaker_through_the_expected_states(
            String mode, Map<String, String> settings, List<Step> steps, String reason) throws InterruptedException {
        Map<String, String> all = new java.util.LinkedHashMap<>(settings);
        all.put("armature.guards.dep.retry.enabled", "false");
        try (GuardFixture f = GuardFixture.of(all)) {
            Guard guard = f.system.guard("dep");
            List<CircuitState> states = new ArrayList<>();
            for (Step step : steps) {
                f.time.advance(step.before());
                Throwable t = catchThrowable(() -> guard.call(() -> {
                    switch (step.outcome()) {
                        case FAIL -> throw new IOException("dependency down");
                        case SLOW -> f.time.advance(Duration.ofSeconds(2));
                        default -> {}
                    }
                    return "ok";
                }));
                if (step.outcome() == Outcome.REJECTED) {
                    assertThat(t).as(mode).isInstanceOf(GuardRejectedException.class);
                } else if (step.outcome() == Outcome.FAIL) {
                    assertThat(t).as(mode).hasRootCauseInstanceOf(IOException.class);
                } else {
                    assertThat(t).as(mode).isNull();
                }
                states.add(guard.circuitState());
            }
            assertThat(states)
                    .as(mode)
                    .isEqualTo(steps.stream().map(Step::after).toList());
            GuardEvent.CircuitStateChanged opened = f.await(GuardEvent.CircuitStateChanged.class);
            assertThat(opened.from()).isEqualTo(CircuitState.CLOSED);
            assertThat(opened.to()).isEqualTo(CircuitState.OPEN);
            assertThat(opened.reason()).as(mode).contains(reason);
            assertThat(opened.guard()).isEqualTo("dep");
        }
    }

    @Test
    void a_breaker_goes_half_open_after_sixty_seconds_of_virtual_time() throws InterruptedException {
        try (GuardFixture f = GuardFixture.of(
                settings("dep.retry.enabled", "false", "dep.circuit-breaker.consecutive-failures", "1"))) {
            Guard guard = f.system.guard("dep");
            assertThat(catchThrowable(() -> guard.call(() -> {
                        throw new IOException("down");
                    })))
                    .hasRootCauseInstanceOf(IOException.class);
            assertThat(guard.circuitState()).isEqualTo(CircuitState.OPEN);
            f.time.advance(Duration.ofSeconds(30));
            GuardRejectedException rejected = (GuardRejectedException) catchThrowable(() -> guard.call(() -> "x"));
            assertThat(rejected.reason()).isEqualTo(GuardRejectedException.Reason.CIRCUIT_OPEN);
            assertThat(rejected.retryAfter()).contains(Duration.ofSeconds(30));
            f.time.advance(Duration.ofSeconds(30).plusMillis(1));
            assertThat(guard.call(() -> "probe")).isEqualTo("probe");
            assertThat(guard.circuitState()).isEqualTo(CircuitState.HALF_OPEN);
            assertThat(f.await(GuardEvent.CircuitStateChanged.class).to()).isEqualTo(CircuitState.OPEN);
            GuardEvent.CircuitStateChanged halfOpen = f.await(GuardEvent.CircuitStateChanged.class);
            assertThat(halfOpen.to()).isEqualTo(CircuitState.HALF_OPEN);
            assertThat(halfOpen.reason()).contains("open wait passed");
        }
    }

    /** A dependency's "slow down, come back in 30 s". */
    static final class Throttled extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Throttled() {
            super("429 Too Many Requests");
        }
    }

    @Test
    void a_throttled_failure_opens_the_breaker_for_its_retry_after_time() throws InterruptedException {
        try (GuardFixture f = GuardFixture.of(
                settings("dep.retry.enabled", "false"),
                t -> t instanceof Throttled
                        ? Optional.of(Classification.throttled(Duration.ofSeconds(30)))
                        : Optional.empty())) {
            Guard guard = f.system.guard("dep");
            assertThatThrownBy(() -> guard.call(() -> {
                        throw new Throttled();
                    }))
                    .isInstanceOf(Throttled.class);
            assertThat(guard.circuitState()).isEqualTo(CircuitState.OPEN);
            GuardEvent.CircuitStateChanged opened = f.await(GuardEvent.CircuitStateChanged.class);
            assertThat(opened.reason()).contains("retry after PT30S");
            f.time.advance(Duration.ofSeconds(29));
            assertThatThrownBy(() -> guard.call(() -> "x"))
                    .isInstanceOfSatisfying(GuardRejectedException.class, r -> assertThat(r.retryAfter())
                            .contains(Duration.ofSeconds(1)));
            // 30 s, not the 60 s wait-in-open: the retry-after decided this opening.
            f.time.advance(Duration.ofSeconds(1).plusMillis(1));
            assertThat(guard.call(() -> "probe")).isEqualTo("probe");
            assertThat(guard.circuitState()).isEqualTo(CircuitState.HALF_OPEN);
        }
    }
}

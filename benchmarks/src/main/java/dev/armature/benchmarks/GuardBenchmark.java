package dev.armature.benchmarks;

import dev.armature.api.AgentSystem;
import dev.armature.api.resilience.CircuitState;
import dev.armature.api.resilience.Guard;
import dev.armature.api.resilience.GuardRejectedException;
import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadConfig;
import io.github.resilience4j.bulkhead.BulkheadRegistry;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.micrometer.tagged.TaggedBulkheadMetrics;
import io.github.resilience4j.micrometer.tagged.TaggedCircuitBreakerMetrics;
import io.github.resilience4j.micrometer.tagged.TaggedRetryMetrics;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import io.github.resilience4j.retry.RetryRegistry;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The cost of a guarded call that succeeds: Armature's guard (retry, circuit breaker, bulkhead and
 * its timer) beside the same three policies composed by hand from Resilience4j's decorators, with a
 * Micrometer {@code Timer} around them and Resilience4j's own meters bound to the same registry;
 * and the call made directly. The reject-path pair calls through an open circuit.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@SuppressWarnings("NullAway.Init") // every field is set in setUp
public class GuardBenchmark {
    static final int MAX_ATTEMPTS = 3;
    static final Duration RETRY_WAIT = Duration.ofMillis(100);
    static final int BULKHEAD_CALLS = 25;
    static final int WINDOW = 100;

    private static final Integer ANSWER = 42;

    /** The dependency: as cheap as a call can be, so that the policies' cost is what shows. */
    static Integer dependency() {
        return ANSWER;
    }

    AgentSystem system;

    Guard guard;

    Guard openGuard;

    MeterRegistry registry;
    Supplier<Integer> byHand;
    Supplier<Integer> byHandOpen;
    Timer byHandTimer;
    Timer byHandOpenTimer;

    private Path directory;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        directory = Files.createTempDirectory("guard-bench");
        Map<String, String> settings = new HashMap<>();
        for (String guardName : List.of("bench", "bench.open")) {
            String p = "armature.guards." + guardName + ".";
            settings.put(p + "retry.max-attempts", String.valueOf(MAX_ATTEMPTS));
            settings.put(p + "retry.initial-delay", RETRY_WAIT.toMillis() + "ms");
            settings.put(p + "circuit-breaker.sliding-window-size", String.valueOf(WINDOW));
            settings.put(p + "bulkhead.enabled", "true");
            settings.put(p + "bulkhead.max-concurrent-calls", String.valueOf(BULKHEAD_CALLS));
        }
        system = AgentSystem.builder()
                .name("guard-bench")
                .pluginDiscovery(false)
                .shutdownHook(false)
                .dataDirectory(directory.resolve("data"))
                .environment(Map.of())
                .systemProperties(settings)
                .build();
        guard = system.guard("bench");
        openGuard = system.guard("bench.open");
        // Failures open it: the default minimum of 20 calls in a window of 100, all failing.
        for (int i = 0; i < WINDOW && openGuard.circuitState() == CircuitState.CLOSED; i++) {
            try {
                openGuard.call(() -> {
                    throw new IllegalArgumentException("open the circuit");
                });
            } catch (IllegalArgumentException | GuardRejectedException e) {
                // expected: each failure counts towards opening the circuit
            }
        }
        if (openGuard.circuitState() != CircuitState.OPEN) {
            throw new IllegalStateException("the circuit of bench.open did not open: " + openGuard.circuitState());
        }
        registry = system.service(MeterRegistry.class);
        CircuitBreakerRegistry breakers = CircuitBreakerRegistry.of(CircuitBreakerConfig.custom()
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(WINDOW)
                .build());
        RetryRegistry retries = RetryRegistry.of(RetryConfig.custom()
                .maxAttempts(MAX_ATTEMPTS)
                .waitDuration(RETRY_WAIT)
                // As the guard does: a refusal of the breaker further in is not worth a retry (Retry's
                // default retries every exception, and would sleep through its waits here).
                .ignoreExceptions(CallNotPermittedException.class)
                .build());
        BulkheadRegistry bulkheads = BulkheadRegistry.of(BulkheadConfig.custom()
                .maxConcurrentCalls(BULKHEAD_CALLS)
                .maxWaitDuration(Duration.ZERO)
                .build());
        TaggedCircuitBreakerMetrics.ofCircuitBreakerRegistry(breakers).bindTo(registry);
        TaggedRetryMetrics.ofRetryRegistry(retries).bindTo(registry);
        TaggedBulkheadMetrics.ofBulkheadRegistry(bulkheads).bindTo(registry);
        // Names of their own, so that neither side's meters are the other's.
        byHand = compose(breakers, retries, bulkheads, "r4j.bench");
        byHandTimer = Timer.builder("bench.calls").tag("guard", "r4j.bench").register(registry);
        byHandOpen = compose(breakers, retries, bulkheads, "r4j.bench.open");
        byHandOpenTimer =
                Timer.builder("bench.calls").tag("guard", "r4j.bench.open").register(registry);
        breakers.circuitBreaker("r4j.bench.open").transitionToOpenState();
    }

    private Supplier<Integer> compose(
            CircuitBreakerRegistry breakers, RetryRegistry retries, BulkheadRegistry bulkheads, String name) {
        Supplier<Integer> s = Bulkhead.decorateSupplier(bulkheads.bulkhead(name), GuardBenchmark::dependency);
        s = CircuitBreaker.decorateSupplier(breakers.circuitBreaker(name), s);
        return Retry.decorateSupplier(retries.retry(name), s);
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        system.close();
        JournalBenchmark.deleteRecursively(directory);
    }

    @Benchmark
    public Integer direct() {
        return dependency();
    }

    @Benchmark
    public Integer resilience4jByHand() {
        return byHandTimer.record(byHand);
    }

    @Benchmark
    public Integer armatureGuard() {
        return guard.call(GuardBenchmark::dependency);
    }

    @Benchmark
    public Object resilience4jByHandRejected() {
        try {
            return byHandOpenTimer.record(byHandOpen);
        } catch (CallNotPermittedException e) {
            return e;
        }
    }

    @Benchmark
    public Object armatureGuardRejected() {
        try {
            return openGuard.call(GuardBenchmark::dependency);
        } catch (GuardRejectedException e) {
            return e;
        }
    }
}

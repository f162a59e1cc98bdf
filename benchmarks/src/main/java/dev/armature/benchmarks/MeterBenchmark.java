package dev.armature.benchmarks;

import dev.armature.api.AgentSystem;
import dev.armature.api.monitoring.MetricsExposition;
import dev.armature.monitoring.PrometheusPlugin;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
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
 * The cost of recording through the SDK's meters beside raw Micrometer on the same registry. Both
 * counters live in the system's registry, with the Prometheus exposition running (it mirrors the
 * registry, so a scrape would show both). {@code armatureCounter} is an {@code armature.*} counter:
 * its id went through Armature's filters (common tags {@code application} and {@code instance}, the
 * cardinality guard) when registered; {@code micrometerCounter} is a host's counter the filters leave
 * alone. Goal: armatureCounter at most 1.1× micrometerCounter. The {@code *Lookup} pair registers (finds)
 * the counter on every call, as code that does not keep its meter does.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@SuppressWarnings("NullAway.Init") // every field is set in setUp
public class MeterBenchmark {
    static final String ARMATURE_NAME = "armature.bench.requests";
    static final String MICROMETER_NAME = "bench.requests";

    AgentSystem system;
    MeterRegistry registry;
    Counter armature;
    Counter micrometer;

    private Path directory;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        directory = Files.createTempDirectory("meter-bench");
        system = AgentSystem.builder()
                .name("meter-bench")
                .pluginDiscovery(false)
                .plugin(new PrometheusPlugin())
                .shutdownHook(false)
                .dataDirectory(directory.resolve("data"))
                .environment(Map.of())
                .systemProperties(Map.of())
                .build();
        system.start();
        registry = system.service(MeterRegistry.class);
        armature = armatureCounter(registry);
        micrometer = micrometerCounter(registry);
    }

    static Counter armatureCounter(MeterRegistry registry) {
        return Counter.builder(ARMATURE_NAME).tag("component", "bench").register(registry);
    }

    static Counter micrometerCounter(MeterRegistry registry) {
        return Counter.builder(MICROMETER_NAME).tag("component", "bench").register(registry);
    }

    /** Returns the exposition's text, so that the test can see both counters in it. */
    String scrape() {
        return system.service(MetricsExposition.class).scrape();
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        system.close();
        JournalBenchmark.deleteRecursively(directory);
    }

    @Benchmark
    public void armatureCounter() {
        armature.increment();
    }

    @Benchmark
    public void micrometerCounter() {
        micrometer.increment();
    }

    @Benchmark
    public void armatureCounterLookup() {
        armatureCounter(registry).increment();
    }

    @Benchmark
    public void micrometerCounterLookup() {
        micrometerCounter(registry).increment();
    }
}

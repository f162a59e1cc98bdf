package dev.armature.benchmarks;

import dev.armature.api.AgentSystem;
import dev.armature.api.health.CheckOutcome;
import dev.armature.api.health.CheckReport;
import dev.armature.api.health.CheckSpec;
import dev.armature.api.health.Health;
import dev.armature.api.health.HealthEvent;
import dev.armature.api.health.HealthReport;
import dev.armature.core.time.ManualTime;
import dev.armature.spi.Plugin;
import dev.armature.spi.PluginContext;
import dev.armature.spi.health.HealthProbe;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
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
 * Reading the health checker's snapshot as an HTTP endpoint does, in nanoseconds per read, with
 * {@value #CHECKS} checks registered (each in one of {@value #COMPONENTS} component groups) and
 * every one of them run once. The goal of issue 6 is under 5 µs.
 *
 * <ul>
 *   <li>{@code report}: {@code health.report()}, what {@code /health} and {@code /health/ready} read;
 *   <li>{@code checkLookup}: {@code health.report().check(name)}, one check's entry;
 *   <li>{@code groupReport}: {@code health.report("component:<id>")}, one group's snapshot, worked out
 *       on read from the whole one;
 *   <li>{@code volatileRead}, the baseline: reading a prebuilt report from a volatile field,
 *       the least any cached snapshot can cost.
 * </ul>
 *
 * The system runs on {@link ManualTime}, which stands still, so no check runs during the
 * measurement and no result is ever stale: the reads measure the snapshot, not the checks.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class HealthBenchmark {
    /** Checks registered. */
    static final int CHECKS = 200;

    /** Component groups the checks are spread over. */
    static final int COMPONENTS = 20;

    final Path directory = newDirectory();
    final ManualTime time = ManualTime.create();
    final AgentSystem system = AgentSystem.builder()
            .timeSource(time)
            .scheduler(time)
            .dataDirectory(directory)
            .environment(Map.of())
            .systemProperties(Map.of(
                    "armature.health.resources.enabled", "false",
                    "armature.health.components.enabled", "false",
                    "armature.health.persistence.enabled", "false"))
            .plugin(checks())
            .build();
    final Health health = system.service(Health.class);

    /** The baseline's snapshot: the checker's report once every check has run. */
    volatile HealthReport snapshot = health.report();

    /** Names of the checks: {@code check-0} … {@code check-199}. */
    static String check(int i) {
        return "check-" + i;
    }

    /** The probes, contributed the way a host's plugin contributes them. */
    static Plugin checks() {
        return new Plugin() {
            @Override
            public String id() {
                return "benchmark-checks";
            }

            @Override
            public String supportedApiVersions() {
                return "[0.1,0.2)";
            }

            @Override
            public void contribute(PluginContext context) {
                for (int i = 0; i < CHECKS; i++) {
                    context.contribute(
                            HealthProbe.class,
                            HealthProbe.of(
                                    CheckSpec.builder(check(i))
                                            .component("c-" + (i % COMPONENTS))
                                            .build(),
                                    () -> CheckOutcome.up().withDetail("latency-ms", 3)));
                }
            }
        };
    }

    static Path newDirectory() {
        try {
            return Files.createTempDirectory("armature-health-bench");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Setup(Level.Trial)
    public void start() throws InterruptedException {
        CountDownLatch ran = new CountDownLatch(CHECKS);
        system.events().subscribe(HealthEvent.CheckStatusChanged.class, e -> ran.countDown());
        system.start();
        time.advance(Duration.ZERO); // every check runs once, on the checker's pool
        if (!ran.await(60, TimeUnit.SECONDS)) {
            throw new IllegalStateException(ran.getCount() + " of " + CHECKS + " checks never ran");
        }
        snapshot = health.report();
    }

    @TearDown(Level.Trial)
    public void stop() throws IOException {
        system.close();
        JournalBenchmark.deleteRecursively(directory);
    }

    @Benchmark
    public HealthReport report() {
        return health.report();
    }

    @Benchmark
    public Optional<CheckReport> checkLookup() {
        return health.report().check("check-137");
    }

    @Benchmark
    public Optional<HealthReport> groupReport() {
        return health.report("component:c-7");
    }

    @Benchmark
    public HealthReport volatileRead() {
        return snapshot;
    }
}

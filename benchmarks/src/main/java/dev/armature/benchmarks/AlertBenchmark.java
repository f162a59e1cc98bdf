package dev.armature.benchmarks;

import dev.armature.api.AgentSystem;
import dev.armature.api.monitoring.AlertCondition;
import dev.armature.api.monitoring.AlertRule;
import dev.armature.api.monitoring.Comparison;
import dev.armature.api.monitoring.MeterQuery;
import dev.armature.core.time.ManualTime;
import dev.armature.monitoring.AlertRulesExtension;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One tick of the alert engine over 1,000 rules (and over none) — threshold, ratio, rate of change and
 * linear prediction over {@value #METERS} gauges and as many counters — beside what a naive
 * engine pays for the readings alone: one Micrometer search of the registry per rule. The tick runs on the thread that moves the system's {@link ManualTime} on by one
 * interval, so what is timed is the evaluation itself, the state saves of changed alerts, the
 * events of transitions, and whatever else of the system falls due in that interval (the run with
 * no rules measures that part).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@SuppressWarnings("NullAway.Init") // every field is set in setUp
public class AlertBenchmark {
    /** How many rules: none shows what else a tick of the system's time costs. */
    @Param({"0", "1000"})
    int rules;

    static final int METERS = 100;
    static final Duration INTERVAL = Duration.ofSeconds(15);

    private final List<AtomicLong> levels = new ArrayList<>();
    private final List<Counter> counters = new ArrayList<>();
    private Path directory;
    ManualTime time;
    AgentSystem system;
    MeterRegistry registry;
    /** What the rules read, in rule order: the baseline reads these. */
    List<MeterQuery> queries;

    private long tick;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        directory = Files.createTempDirectory("alert-bench");
        time = ManualTime.create();
        List<AlertRule> alertRules = new ArrayList<>();
        queries = new ArrayList<>();
        for (int i = 0; i < rules; i++) {
            MeterQuery level = MeterQuery.of("bench.queue.depth", Map.of("queue", "q" + (i % METERS)));
            MeterQuery total = MeterQuery.of("bench.requests", Map.of("queue", "q" + (i % METERS)));
            AlertCondition condition =
                    switch (i % 4) {
                        case 0 -> new AlertCondition.Threshold(level, Comparison.ABOVE, 900);
                        case 1 -> new AlertCondition.Ratio(level, total, Comparison.ABOVE, 0.5);
                        case 2 -> new AlertCondition.RateOfChange(level, Duration.ofSeconds(1), Comparison.ABOVE, 100);
                        default -> new AlertCondition.LinearPrediction(
                                level, Duration.ofMinutes(5), Duration.ofMinutes(30), Comparison.ABOVE, 1_000);
                    };
            alertRules.add(AlertRule.builder("rule-" + i, condition)
                    .forDuration(Duration.ofMinutes(1))
                    .build());
            queries.add(level);
        }
        system = AgentSystem.builder()
                .name("alert-bench")
                .timeSource(time)
                .scheduler(time)
                .disablePlugin("armature-health")
                .shutdownHook(false)
                .dataDirectory(directory.resolve("data"))
                .environment(Map.of())
                .systemProperties(Map.of("armature.alerts.interval", INTERVAL.toSeconds() + "s"))
                .extension(new AlertRulesExtension(alertRules))
                .build();
        registry = system.service(MeterRegistry.class);
        for (int q = 0; q < METERS; q++) {
            AtomicLong depth = new AtomicLong(q);
            levels.add(depth);
            Gauge.builder("bench.queue.depth", depth, AtomicLong::get)
                    .tag("queue", "q" + q)
                    .register(registry);
            counters.add(Counter.builder("bench.requests").tag("queue", "q" + q).register(registry));
        }
        system.start();
    }

    /** Moves the readings a little, as a live system would, so predictions and rates have slopes. */
    private void moveReadings() {
        tick++;
        for (int q = 0; q < METERS; q++) {
            levels.get(q).set((q * 7L + tick) % 1_000);
            counters.get(q).increment(10);
        }
    }

    /** One evaluation of every rule: the alert engine's tick. */
    @Benchmark
    public long armatureTick() {
        moveReadings();
        time.advance(INTERVAL);
        return tick;
    }

    /** The naive readings: one registry search per rule, nothing evaluated. */
    @Benchmark
    public double searchPerRule() {
        moveReadings();
        double sum = 0;
        for (MeterQuery query : queries) {
            Gauge gauge = registry.find(query.name()).tags(flat(query.tags())).gauge();
            sum += gauge == null ? 0 : gauge.value();
        }
        return sum;
    }

    private static String[] flat(Map<String, String> tags) {
        return tags.entrySet().stream()
                .flatMap(e -> Stream.of(e.getKey(), e.getValue()))
                .toArray(String[]::new);
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        system.close();
        JournalBenchmark.deleteRecursively(directory);
    }
}

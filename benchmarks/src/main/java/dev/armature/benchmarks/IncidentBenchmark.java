package dev.armature.benchmarks;

import dev.armature.api.AgentSystem;
import dev.armature.api.incident.Incident;
import dev.armature.api.incident.IncidentKey;
import dev.armature.api.incident.Incidents;
import dev.armature.api.incident.Priority;
import dev.armature.api.incident.Severity;
import dev.armature.api.state.StateStore;
import dev.armature.core.time.ManualTime;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
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
 * A de-duplicated signal: a repeat of an open incident's key is appended to its timeline, which is
 * saved (fsynced) before the call returns — beside the baseline of saving the same incident's bytes
 * to the same state store by hand (its text, about the size of its saved JSON). Each invocation gets a
 * fresh incident, opened outside the measurement, so every measured signal appends to a timeline of
 * one entry; a longer timeline costs more, since the whole incident is saved on each change.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@SuppressWarnings("NullAway.Init") // every field is set in setUp
public class IncidentBenchmark {
    private Path directory;
    private AgentSystem system;
    private Incidents incidents;
    private StateStore store;
    private byte[] incidentBytes;
    private int round;
    private IncidentKey key;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        directory = Files.createTempDirectory("incident-bench");
        ManualTime time = ManualTime.create();
        system = AgentSystem.builder()
                .timeSource(time)
                .dataDirectory(directory)
                .environment(Map.of())
                .systemProperties(Map.of("armature.incidents.auto-resolve-after-quiet", "0s"))
                .build();
        system.start();
        incidents = system.incidents();
        store = system.service(StateStore.class);
    }

    /** A fresh incident for each call: an fsync or two, far above JMH's per-invocation overhead. */
    @Setup(Level.Invocation)
    public void openIncident() {
        key = IncidentKey.of(IncidentKey.Kind.MANUAL, "bench-" + round++);
        Incident i = incidents.open(key, "Model errors above 5%", Severity.SEV3, Priority.P3, "bench");
        incidentBytes = i.toString().getBytes(StandardCharsets.UTF_8);
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        system.close();
        JournalBenchmark.deleteRecursively(directory);
    }

    @Benchmark
    public Incident deduplicatedSignal() {
        return incidents.open(key, "Model errors above 5%", Severity.SEV3, Priority.P3, "bench");
    }

    @Benchmark
    public long stateStorePutByHand() {
        return store.put("bench", "incident", incidentBytes);
    }
}

package dev.armature.benchmarks;

import static java.nio.file.StandardWatchEventKinds.ENTRY_CREATE;
import static java.nio.file.StandardWatchEventKinds.ENTRY_DELETE;
import static java.nio.file.StandardWatchEventKinds.ENTRY_MODIFY;
import static java.nio.file.StandardWatchEventKinds.OVERFLOW;

import com.typesafe.config.ConfigFactory;
import dev.armature.api.AgentSystem;
import dev.armature.api.config.Config;
import dev.armature.api.config.ConfigProperty;
import dev.armature.api.config.ConfigSchema;
import dev.armature.api.config.ConfigType;
import dev.armature.api.config.ConfigUpdate;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.jspecify.annotations.Nullable;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Reading and changing configuration.
 *
 * <p>Reads, in nanoseconds per read: each invocation reads one of {@value #READ_KEYS} keys ({@code
 * bench.k0} to {@code bench.k63}, even ones {@code INT}, odd ones {@code DURATION}), cycling through
 * them in the same order in every method.
 *
 * <ul>
 *   <li>{@code armatureGet}: {@code config.get(key, type)} on a built Armature system whose YAML file
 *       and schema declare the keys, so that their values were parsed when the snapshot was built;
 *   <li>{@code mapLookup}, the lower bound of any swappable snapshot: {@code
 *       AtomicReference<Map<String, Object>>.get().get(key)} over the same, already typed values;
 *   <li>{@code mapLookupEqualKeys}: the same, where the map's keys are equal to the keys read but
 *       not the same instances, as in any map built from a parsed file: {@code HashMap.get} then
 *       compares the strings' characters instead of stopping at {@code ==};
 *   <li>{@code lightbendGet}: Lightbend Config's {@code getInt}/{@code getDuration} on {@code
 *       ConfigFactory.parseMap} of the same texts;
 *   <li>{@code smallRyeGet}: SmallRye Config's {@code getValue(key, type)} on a {@code
 *       PropertiesConfigSource} of the same values (durations in ISO-8601, the only form its implicit
 *       {@code Duration.parse} converter reads), with the builder's defaults.
 * </ul>
 *
 * <p>Changes, in microseconds per change:
 *
 * <ul>
 *   <li>{@code armatureReloadVisibility}: on a started system (file watching on, polling every hour),
 *       replaces the watched file with a new value for one key, by a write and an atomic rename as
 *       editors save, and spins until {@code config.get} returns it; a tear-down outside the
 *       measurement then waits until the change has finished (its history is written to the state
 *       store afterwards on the scheduler, off the watch thread);
 *   <li>{@code watchServiceVisibility}, the baseline: the same replacement in a directory that a JDK
 *       {@link WatchService} watches (inotify on Linux), spinning on {@code poll()} until the event
 *       for the file arrives, in the same process;
 *   <li>{@code apply1000Keys}: rewrites a file of {@value #APPLY_KEYS} declared keys of seven types,
 *       every value changed, and calls {@code reload()} on a built (not started) system: read, parse,
 *       resolve, validate, diff, commit and record in the in-memory history; fails unless every key
 *       was applied;
 *   <li>{@code validate1000Keys}: {@code preview(...)} of overrides that change all {@value
 *       #APPLY_KEYS} keys: resolve, validate and diff, nothing applied.
 * </ul>
 *
 * <p>Every system reads no environment variables and no system properties, and works in a new
 * directory under {@code java.io.tmpdir}, deleted after the trial.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class ConfigBenchmark {
    /** Keys the read benchmarks cycle through; a power of two. */
    static final int READ_KEYS = 64;
    /** Keys of the file that {@code apply1000Keys} rewrites. */
    static final int APPLY_KEYS = 1000;
    /** The key whose new value the reload visibility benchmark waits for. */
    static final String WATCHED_KEY = "bench.watched";
    /** The name of each watched file. */
    static final String FILE_NAME = "bench.yaml";

    private static final long DEADLINE_NANOS = TimeUnit.SECONDS.toNanos(10);
    private static final long PARK_NANOS = TimeUnit.MICROSECONDS.toNanos(20);

    /** The {@code i}-th read key. */
    static String readKey(int i) {
        return "bench.k" + i;
    }

    /** The type the {@code i}-th read key is declared and read as. */
    static Class<?> readType(int i) {
        return i % 2 == 0 ? Integer.class : Duration.class;
    }

    /** The typed value of the {@code i}-th read key. */
    static Object readValue(int i) {
        return i % 2 == 0 ? (Object) (1000 + i) : Duration.ofSeconds(i + 1);
    }

    /** The text of the {@code i}-th read key, as Armature and Lightbend Config read it. */
    static String readText(int i) {
        return i % 2 == 0 ? String.valueOf(1000 + i) : (i + 1) + "s";
    }

    /** The four configurations holding the read keys. */
    @State(Scope.Thread)
    public static class Reads {
        final String[] keys = new String[READ_KEYS];
        final Class<?>[] types = new Class<?>[READ_KEYS];
        final Path directory = newDirectory();
        final AgentSystem system;
        final Config armature;
        final AtomicReference<Map<String, Object>> map;
        final AtomicReference<Map<String, Object>> mapOfEqualKeys;
        final com.typesafe.config.Config lightbend;
        final SmallRyeConfig smallRye;
        private int next;

        public Reads() {
            Map<String, Object> typed = new HashMap<>();
            Map<String, String> texts = new LinkedHashMap<>();
            Map<String, String> isoTexts = new HashMap<>();
            ConfigSchema.Builder schema = ConfigSchema.builder("bench").addPrefix("bench");
            for (int i = 0; i < READ_KEYS; i++) {
                // Interned, as the constants a host passes to get() are: every method reads these instances.
                keys[i] = readKey(i).intern();
                types[i] = readType(i);
                typed.put(keys[i], readValue(i));
                texts.put(keys[i], readText(i));
                isoTexts.put(keys[i], readValue(i).toString()); // 1000 or PT1S
                schema.add(ConfigProperty.builder(keys[i], i % 2 == 0 ? ConfigType.INT : ConfigType.DURATION)
                        .build());
            }
            Path file = directory.resolve(FILE_NAME);
            write(file, yaml(texts));
            system = buildSystem(file, schema.build(), directory).build();
            armature = system.config();
            map = new AtomicReference<>(typed);
            Map<String, Object> copied = new HashMap<>();
            typed.forEach((key, value) -> copied.put(new String(key.toCharArray()), value));
            mapOfEqualKeys = new AtomicReference<>(copied);
            lightbend = ConfigFactory.parseMap(texts).resolve();
            smallRye = new SmallRyeConfigBuilder()
                    .withSources(new PropertiesConfigSource(isoTexts, "bench", 100))
                    .build();
        }

        /** The next key's index, cycling through all of them. */
        int next() {
            return next++ & (READ_KEYS - 1);
        }

        @TearDown(Level.Trial)
        public void close() throws IOException {
            system.close();
            JournalBenchmark.deleteRecursively(directory);
        }
    }

    /** A started system watching a file that sets {@value #WATCHED_KEY}. */
    @State(Scope.Thread)
    public static class WatchedSystem {
        final Path directory = newDirectory();
        final ReplacedFile file = new ReplacedFile(directory);
        final AgentSystem system;
        final Config config;
        private int value;

        public WatchedSystem() {
            file.replace(watchedYaml(value));
            ConfigSchema schema = ConfigSchema.builder("bench")
                    .add(ConfigProperty.builder(WATCHED_KEY, ConfigType.INT)
                            .reloadable(true)
                            .build())
                    .build();
            system = buildSystem(file.target, schema, directory).build();
            config = system.config();
            system.start();
        }

        /** Replaces the file with the other value and returns it. */
        int replaceWithNext() {
            value = value == 1 ? 2 : 1;
            file.replace(watchedYaml(value));
            return value;
        }

        /**
         * Waits, outside the measurement, until the change has finished: {@code history()} takes the
         * lock that the change holds until its listeners have run. Its history is then written to
         * the state store on the scheduler (two fsyncs), concurrently with the next invocation but
         * no longer on the watch thread that the next change needs.
         */
        @TearDown(Level.Invocation)
        public void settle() {
            var unused = config.history();
        }

        @TearDown(Level.Trial)
        public void close() throws IOException {
            system.close();
            JournalBenchmark.deleteRecursively(directory);
        }
    }

    /** The baseline of visibility: a JDK watch service on a directory, drained by the benchmark. */
    @State(Scope.Thread)
    public static class RawWatch {
        final Path directory = newDirectory();
        final ReplacedFile file = new ReplacedFile(directory);
        final WatchService service;
        private int value;

        public RawWatch() {
            file.replace(watchedYaml(value));
            try {
                service = file.watched.getFileSystem().newWatchService();
                file.watched.register(service, ENTRY_CREATE, ENTRY_MODIFY, ENTRY_DELETE);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        int replaceWithNext() {
            value = value == 1 ? 2 : 1;
            file.replace(watchedYaml(value));
            return value;
        }

        /** Takes the events queued now, if any, and tells whether one concerns the file. */
        boolean drainSawFile() {
            WatchKey key = service.poll();
            if (key == null) {
                return false;
            }
            boolean saw = false;
            for (WatchEvent<?> event : key.pollEvents()) {
                saw |= event.kind() == OVERFLOW || file.fileName.equals(event.context());
            }
            key.reset();
            return saw;
        }

        @TearDown(Level.Trial)
        public void close() throws IOException {
            service.close();
            JournalBenchmark.deleteRecursively(directory);
        }
    }

    /** A built system reading a file of {@value #APPLY_KEYS} declared keys, and two sets of their values. */
    @State(Scope.Thread)
    public static class ThousandKeys {
        final Path directory = newDirectory();
        final Path file = directory.resolve(FILE_NAME);
        final String[] contents = {yaml(thousandTexts(0)), yaml(thousandTexts(1))};
        /** Overrides that change every key from the file's first content. */
        final Map<String, String> changeAll = thousandTexts(1);

        final AgentSystem system;
        final Config config;
        private int turn;

        public ThousandKeys() {
            write(file, contents[0]);
            ConfigSchema.Builder schema = ConfigSchema.builder("bench").addPrefix("bench");
            for (int i = 0; i < APPLY_KEYS; i++) {
                schema.add(thousandProperty(i));
            }
            system = buildSystem(file, schema.build(), directory).build();
            config = system.config();
        }

        /** Writes the other content in place and returns it. */
        void rewrite() {
            turn ^= 1;
            write(file, contents[turn]);
        }

        @TearDown(Level.Trial)
        public void close() throws IOException {
            system.close();
            JournalBenchmark.deleteRecursively(directory);
        }
    }

    @Benchmark
    public Object armatureGet(Reads r) {
        int i = r.next();
        return r.armature.get(r.keys[i], r.types[i]);
    }

    @Benchmark
    @SuppressWarnings("NullAway") // the reference is set once, never to null; a check would be measured
    public @Nullable Object mapLookup(Reads r) {
        int i = r.next();
        return r.map.get().get(r.keys[i]);
    }

    @Benchmark
    @SuppressWarnings("NullAway") // as mapLookup
    public @Nullable Object mapLookupEqualKeys(Reads r) {
        int i = r.next();
        return r.mapOfEqualKeys.get().get(r.keys[i]);
    }

    @Benchmark
    public void lightbendGet(Reads r, Blackhole bh) {
        int i = r.next();
        // getInt returns a primitive: consumed as one, so that boxing is not counted against Lightbend
        if (r.types[i] == Integer.class) {
            bh.consume(r.lightbend.getInt(r.keys[i]));
        } else {
            bh.consume(r.lightbend.getDuration(r.keys[i]));
        }
    }

    @Benchmark
    public Object smallRyeGet(Reads r) {
        int i = r.next();
        return r.smallRye.getValue(r.keys[i], r.types[i]);
    }

    @Benchmark
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public int armatureReloadVisibility(WatchedSystem w) {
        int value = w.replaceWithNext();
        spinUntil(() -> w.config.get(WATCHED_KEY, Integer.class) == value, "the system to read the new value");
        return value;
    }

    @Benchmark
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public int watchServiceVisibility(RawWatch w) {
        int value = w.replaceWithNext();
        spinUntil(w::drainSawFile, "the watch service's event");
        return value;
    }

    /**
     * As {@link #armatureReloadVisibility}, the measuring thread parking 20 µs between looks instead
     * of spinning: on two cores a spinning measurer holds one of the CPUs the change needs.
     */
    @Benchmark
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public int armatureReloadVisibilityParked(WatchedSystem w) {
        int value = w.replaceWithNext();
        parkUntil(() -> w.config.get(WATCHED_KEY, Integer.class) == value, "the system to read the new value");
        return value;
    }

    /** As {@link #watchServiceVisibility}, parking between looks. */
    @Benchmark
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public int watchServiceVisibilityParked(RawWatch w) {
        int value = w.replaceWithNext();
        parkUntil(w::drainSawFile, "the watch service's event");
        return value;
    }

    @Benchmark
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public ConfigUpdate apply1000Keys(ThousandKeys t) {
        t.rewrite();
        return require(t.config.reload(), ConfigUpdate.Outcome.APPLIED);
    }

    @Benchmark
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public ConfigUpdate validate1000Keys(ThousandKeys t) {
        return require(t.config.preview(t.changeAll), ConfigUpdate.Outcome.PREVIEW);
    }

    /** Fails the benchmark unless the update changed every key without a violation. */
    private static ConfigUpdate require(ConfigUpdate update, ConfigUpdate.Outcome outcome) {
        if (update.outcome() != outcome
                || update.changes().size() != APPLY_KEYS
                || !update.violations().isEmpty()) {
            throw new IllegalStateException("expected " + outcome + " of " + APPLY_KEYS + " changes, got "
                    + update.outcome() + " of " + update.changes().size() + ", violations " + update.violations());
        }
        return update;
    }

    private static void parkUntil(BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + DEADLINE_NANOS;
        while (!condition.getAsBoolean()) {
            LockSupport.parkNanos(PARK_NANOS);
            if (System.nanoTime() - deadline > 0) {
                throw new IllegalStateException("gave up waiting for " + what + " after 10 s");
            }
        }
    }

    private static void spinUntil(BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + DEADLINE_NANOS;
        for (int spins = 1; !condition.getAsBoolean(); spins++) {
            Thread.onSpinWait();
            // nanoTime costs ~40 ns here: look at the clock only now and then
            if ((spins & 1023) == 0 && System.nanoTime() - deadline > 0) {
                throw new IllegalStateException("gave up waiting for " + what + " after 10 s");
            }
        }
    }

    // ---- the files and systems ----

    /**
     * A file replaced as editors save it: written beside the watched directory, then renamed over
     * the file, so that a reader never sees it half-written.
     */
    static final class ReplacedFile {
        final Path watched;
        final Path target;
        final Path fileName;
        private final Path staged;

        ReplacedFile(Path directory) {
            this.watched = directory.resolve("watched");
            this.target = watched.resolve(FILE_NAME);
            this.fileName = target.getFileName();
            this.staged = directory.resolve("staging").resolve(FILE_NAME);
            try {
                Files.createDirectories(watched);
                Files.createDirectories(staged.getParent());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        void replace(String text) {
            write(staged, text);
            try {
                Files.move(staged, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    static AgentSystem.Builder buildSystem(Path file, ConfigSchema schema, Path directory) {
        return AgentSystem.builder()
                .name("config-bench")
                .pluginDiscovery(false)
                .shutdownHook(false)
                .dataDirectory(directory.resolve("data"))
                .environment(Map.of())
                .systemProperties(Map.of())
                .addConfigFile(file)
                .addConfigSchema(schema);
    }

    static Path newDirectory() {
        try {
            return Files.createTempDirectory("armature-config-bench-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the benchmark's directory", e);
        }
    }

    static void write(Path file, String text) {
        try {
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The watched file: polling once an hour, so that only the watch can make a change seen soon. */
    static String watchedYaml(int value) {
        return "armature:\n  config:\n    poll-interval: 1h\nbench:\n  watched: " + value + "\n";
    }

    /** The {@code i}-th of the thousand keys, in twenty groups of fifty. */
    static String thousandKey(int i) {
        return "bench.g" + (i / 50) + ".k" + i;
    }

    /** The {@code i}-th of the thousand keys' declaration: seven types in turn, some constrained. */
    static ConfigProperty thousandProperty(int i) {
        String key = thousandKey(i);
        ConfigProperty.Builder p =
                switch (i % 7) {
                    case 0 -> ConfigProperty.builder(key, ConfigType.INT).min("0");
                    case 1 -> ConfigProperty.builder(key, ConfigType.LONG);
                    case 2 -> ConfigProperty.builder(key, ConfigType.BOOLEAN);
                    case 3 -> ConfigProperty.builder(key, ConfigType.DURATION).min("1ms");
                    case 4 -> ConfigProperty.builder(key, ConfigType.STRING).pattern("[a-z0-9-]+");
                    case 5 -> ConfigProperty.builder(key, ConfigType.DOUBLE);
                    default -> ConfigProperty.builder(key, ConfigType.SIZE);
                };
        return p.required(true).reloadable(true).build();
    }

    /** The thousand keys' texts in round 0 or 1; every value differs between the two rounds. */
    static Map<String, String> thousandTexts(int round) {
        Map<String, String> texts = new TreeMap<>();
        for (int i = 0; i < APPLY_KEYS; i++) {
            String text =
                    switch (i % 7) {
                        case 0 -> String.valueOf(i + round * 100_000);
                        case 1 -> String.valueOf(10_000_000_000L + i + round);
                        case 2 -> String.valueOf((i / 7 + round) % 2 == 0);
                        case 3 -> (i + 1) + (round == 0 ? "ms" : "s");
                        case 4 -> "value-" + i + (round == 0 ? "-a" : "-b");
                        case 5 -> i + (round == 0 ? ".5" : ".25");
                        default -> (i + 1) + (round == 0 ? "KB" : "MB");
                    };
            texts.put(thousandKey(i), text);
        }
        return texts;
    }

    /** Nested YAML of dotted keys, one mapping per segment. */
    static String yaml(Map<String, String> texts) {
        Map<String, Object> tree = new TreeMap<>();
        texts.forEach((key, text) -> {
            String[] segments = key.split("\\.", -1);
            Map<String, Object> node = tree;
            for (int s = 0; s < segments.length - 1; s++) {
                @SuppressWarnings("unchecked") // only this method puts values in the tree: maps and strings
                Map<String, Object> child = (Map<String, Object>)
                        node.computeIfAbsent(segments[s], unused -> new TreeMap<String, Object>());
                node = child;
            }
            node.put(segments[segments.length - 1], text);
        });
        StringBuilder out = new StringBuilder();
        appendYaml(out, tree, "");
        return out.toString();
    }

    private static void appendYaml(StringBuilder out, Map<String, Object> node, String indent) {
        node.forEach((name, value) -> {
            out.append(indent).append(name).append(':');
            if (value instanceof Map<?, ?>) {
                @SuppressWarnings("unchecked") // see yaml
                Map<String, Object> child = (Map<String, Object>) value;
                out.append('\n');
                appendYaml(out, child, indent + "  ");
            } else {
                out.append(' ').append(value).append('\n');
            }
        });
    }
}

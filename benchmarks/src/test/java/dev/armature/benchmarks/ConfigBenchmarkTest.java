package dev.armature.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.armature.api.config.ConfigUpdate;
import java.io.IOException;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The configuration benchmark's set-ups hold what its description promises, and each method runs
 * once; no timing here.
 */
class ConfigBenchmarkTest {
    private final ConfigBenchmark bench = new ConfigBenchmark();

    @Test
    void everyLibraryReadsTheSameTypedValueForEveryKey() throws IOException {
        ConfigBenchmark.Reads r = new ConfigBenchmark.Reads();
        try {
            for (int i = 0; i < ConfigBenchmark.READ_KEYS; i++) {
                String key = r.keys[i];
                Object expected = ConfigBenchmark.readValue(i);

                assertThat(r.armature.get(key, r.types[i])).isEqualTo(expected);
                assertThat(r.map.get()).containsEntry(key, expected);
                assertThat(r.mapOfEqualKeys.get()).containsEntry(key, expected);
                assertThat(r.smallRye.getValue(key, r.types[i])).isEqualTo(expected);
                Object lightbend =
                        r.types[i] == Integer.class ? (Object) r.lightbend.getInt(key) : r.lightbend.getDuration(key);
                assertThat(lightbend).isEqualTo(expected);
            }
        } finally {
            r.close();
        }
    }

    @Test
    void theReadMethodsCycleThroughTheKeysInTheSameOrder() throws IOException {
        ConfigBenchmark.Reads r = new ConfigBenchmark.Reads();
        Blackhole bh = new Blackhole(
                "Today's password is swordfish. I understand instantiating Blackholes directly is dangerous.");
        try {
            assertThat(bench.armatureGet(r)).isEqualTo(1000);
            assertThat(bench.mapLookup(r)).isEqualTo(Duration.ofSeconds(2));
            assertThat(bench.mapLookupEqualKeys(r)).isEqualTo(1002);
            bench.lightbendGet(r, bh);
            assertThat(bench.smallRyeGet(r)).isEqualTo(1004);
        } finally {
            bh.evaporate("Yes, I am Stephen Hawking, and know a thing or two about black holes.");
            r.close();
        }
    }

    @Test
    void everyVisibilityMethodSeesEachReplacementOfTheFile() throws IOException {
        ConfigBenchmark.WatchedSystem w = new ConfigBenchmark.WatchedSystem();
        try {
            assertThat(bench.armatureReloadVisibility(w)).isEqualTo(1);
            w.settle();
            assertThat(bench.armatureReloadVisibilityParked(w)).isEqualTo(2);
            w.settle();
            assertThat(w.config.get(ConfigBenchmark.WATCHED_KEY, Integer.class)).isEqualTo(2);
        } finally {
            w.close();
        }
        ConfigBenchmark.RawWatch raw = new ConfigBenchmark.RawWatch();
        try {
            assertThat(bench.watchServiceVisibility(raw)).isEqualTo(1);
            assertThat(bench.watchServiceVisibilityParked(raw)).isEqualTo(2);
        } finally {
            raw.close();
        }
    }

    @Test
    void applyingAndValidatingChangeAllThousandKeys() throws IOException {
        ConfigBenchmark.ThousandKeys t = new ConfigBenchmark.ThousandKeys();
        try {
            assertThat(t.config.snapshot().keys()).hasSizeGreaterThanOrEqualTo(ConfigBenchmark.APPLY_KEYS);
            assertThat(bench.validate1000Keys(t).outcome()).isEqualTo(ConfigUpdate.Outcome.PREVIEW);

            assertThat(bench.apply1000Keys(t).changes()).hasSize(ConfigBenchmark.APPLY_KEYS);
            assertThat(bench.apply1000Keys(t).changes()).hasSize(ConfigBenchmark.APPLY_KEYS);
            assertThat(t.config.history()).hasSize(3);
        } finally {
            t.close();
        }
    }
}

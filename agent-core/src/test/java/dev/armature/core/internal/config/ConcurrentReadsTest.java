package dev.armature.core.internal.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.armature.api.config.ConfigSnapshot;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class ConcurrentReadsTest {
    @Test
    void readers_during_reloads_see_only_whole_snapshots_and_never_a_rejected_one() throws Exception {
        ConfigFixture fixture = new ConfigFixture();
        MutableSource file = fixture.source("file:a.yaml", 200).set("a", "0", "b", "0");
        DefaultConfig config = fixture.build();
        // every odd generation is vetoed: no reader may ever see it
        var unused = config.addValidator(s -> s.get("a", Integer.class) % 2 == 1
                ? List.of(dev.armature.api.config.ConfigViolation.missing("a", "odd"))
                : List.of());
        int readers = 4;
        AtomicBoolean done = new AtomicBoolean();
        CountDownLatch started = new CountDownLatch(readers);
        ExecutorService pool = Executors.newFixedThreadPool(readers);
        try {
            List<Future<List<String>>> results = new ArrayList<>();
            for (int r = 0; r < readers; r++) {
                results.add(pool.submit(() -> {
                    List<String> problems = new ArrayList<>();
                    started.countDown();
                    long lastVersion = 0;
                    while (!done.get()) {
                        ConfigSnapshot s = config.snapshot();
                        int a = s.get("a", Integer.class);
                        int b = s.get("b", Integer.class);
                        if (a != b || a % 2 == 1 || s.version() < lastVersion) {
                            problems.add("v" + s.version() + " a=" + a + " b=" + b);
                        }
                        lastVersion = s.version();
                    }
                    return problems;
                }));
            }
            assertThat(started.await(30, TimeUnit.SECONDS)).isTrue();
            for (int generation = 1; generation <= 400; generation++) {
                String g = String.valueOf(generation);
                file.set("a", g, "b", g);
                var update = config.reloadSource(file);
                assertThat(update.outcome().name()).isEqualTo(generation % 2 == 1 ? "REJECTED" : "APPLIED");
            }
            var unused2 = config.override(Map.of("a", "1000", "b", "1000"));
            done.set(true);
            for (Future<List<String>> f : results) {
                assertThat(f.get(30, TimeUnit.SECONDS)).isEmpty();
            }
            assertThat(config.get("a", Integer.class)).isEqualTo(1000);
        } finally {
            done.set(true);
            pool.shutdownNow();
        }
    }
}

package dev.armature.core.internal.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import dev.armature.api.AgentSystem;
import dev.armature.api.config.ConfigUpdate;
import dev.armature.api.event.Subscription;
import dev.armature.api.resilience.ErrorClassifier;
import dev.armature.api.resilience.GuardEvent;
import dev.armature.api.time.RandomSource;
import dev.armature.core.time.ManualTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/** A system on manual time with guard settings, and a probe of its guard events. */
final class GuardFixture implements AutoCloseable {
    /** How long a test waits for an event before failing; never reached when the code works. */
    static final Duration SAFETY_NET = Duration.ofSeconds(10);

    final ManualTime time;
    final AgentSystem system;
    private final BlockingQueue<GuardEvent> events = new LinkedBlockingQueue<>();
    private final Subscription subscription;

    GuardFixture(ManualTime time, long seed, Map<String, String> settings, ErrorClassifier... classifiers) {
        this.time = time;
        AgentSystem.Builder b = AgentSystem.builder()
                .name("guards")
                .timeSource(time)
                .randomSource(RandomSource.seeded(seed))
                .environment(Map.of())
                .systemProperties(Map.of());
        for (ErrorClassifier c : classifiers) {
            b.addErrorClassifier(c);
        }
        this.system = b.build();
        this.subscription = system.events().subscribe(GuardEvent.class, e -> events.add(e.payload()));
        if (!settings.isEmpty()) {
            set(settings);
        }
    }

    static GuardFixture of(Map<String, String> settings, ErrorClassifier... classifiers) {
        return new GuardFixture(ManualTime.create(), 42L, settings, classifiers);
    }

    /** Builds a settings map from key, value pairs under armature.guards. */
    static Map<String, String> settings(String... pairs) {
        Map<String, String> out = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            out.put("armature.guards." + pairs[i], pairs[i + 1]);
        }
        return out;
    }

    void set(Map<String, String> settings) {
        ConfigUpdate u = system.config().override(settings);
        assertThat(u.outcome()).as("%s", u).isEqualTo(ConfigUpdate.Outcome.APPLIED);
    }

    /** Waits for the next guard event of a type; earlier events of other types are dropped. */
    <E extends GuardEvent> E await(Class<E> type) throws InterruptedException {
        while (true) {
            @Nullable GuardEvent e = events.poll(SAFETY_NET.toMillis(), TimeUnit.MILLISECONDS);
            if (e == null) {
                throw new AssertionError("no " + type.getSimpleName() + " within " + SAFETY_NET);
            }
            if (type.isInstance(e)) {
                return type.cast(e);
            }
        }
    }

    /** Returns the events received so far without waiting. */
    List<GuardEvent> drain() {
        List<GuardEvent> out = new ArrayList<>();
        events.drainTo(out);
        return out;
    }

    @Override
    public void close() {
        subscription.close();
        system.close();
    }
}

package dev.armature.monitoring.internal.route;

import dev.armature.api.monitoring.AlertSeverity;
import dev.armature.api.time.RandomSource;
import dev.armature.core.notification.AtLeastOnceDelivery;
import dev.armature.core.time.ManualTime;
import dev.armature.spi.monitoring.NotificationChannel;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A router on ManualTime with a direct executor, so every delivery happens inside {@code advance}:
 * no threads, no races. A "restart" builds a new router on the same store, as a new process would.
 */
final class RouterFixture {
    final ManualTime time = ManualTime.create();
    final MemoryStateStore store = new MemoryStateStore();
    final MeterRegistry registry = new SimpleMeterRegistry();
    final RouterSettings settings;
    final Map<String, NotificationChannel> channels = new LinkedHashMap<>();
    SilenceBook silences;
    Router router;
    private long run;

    RouterFixture(RouterSettings settings, NotificationChannel... channels) {
        this.settings = settings;
        for (NotificationChannel c : channels) {
            this.channels.put(c.name(), c);
        }
        start();
    }

    /** Starts a router (again) on the same store and clock. */
    void start() {
        run++;
        RandomSource random = RandomSource.seeded(run);
        silences = new SilenceBook(store, time, random.stream("silences"));
        router = new Router(
                settings,
                channels,
                time,
                time,
                Runnable::run,
                store,
                silences,
                new RouterMeters(registry),
                "run" + run);
        router.restore();
    }

    /** Stops the router and starts another, as a restart does. */
    void restart() {
        router.stop();
        start();
    }

    void fire(String rule, Map<String, String> labels) {
        router.fired(rule, AlertSeverity.WARNING, labels, Map.of("summary", rule + " fires"), time.now(), time.now());
    }

    void resolve(String rule, Map<String, String> labels) {
        router.resolved(rule, labels, time.now(), time.now());
    }

    void advance(Duration d) {
        time.advance(d);
    }

    double counter(String name, String... tags) {
        var c = registry.find(name).tags(tags).counter();
        return c == null ? 0 : c.count();
    }

    static AtLeastOnceDelivery.Retry retry() {
        return new AtLeastOnceDelivery.Retry(Duration.ofSeconds(5), Duration.ofMinutes(1), 5);
    }
}

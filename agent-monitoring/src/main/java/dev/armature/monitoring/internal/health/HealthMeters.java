package dev.armature.monitoring.internal.health;

import static java.util.Objects.requireNonNull;

import dev.armature.api.health.CheckReport;
import dev.armature.api.health.CheckResult;
import dev.armature.api.health.Health;
import dev.armature.api.health.HealthReport;
import dev.armature.api.health.HealthStatus;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Internal: the health checker's meters. Gauges read the {@link Health} service's snapshot (never
 * blocking) and hold it strongly; the timer is fed with each recorded result. {@link #close()}
 * removes every meter this instance registered, so a restarted checker registers afresh.
 *
 * <ul>
 *   <li>{@code armature.health.status} (tag {@code check}): the check's status after hysteresis;
 *   <li>{@code armature.health.group.status} (tag {@code group}): a group's status;
 *   <li>{@code armature.health.system.status}: the overall status;
 *   <li>{@code armature.health.check.duration} (tags {@code check}, {@code status}): each run's time.
 * </ul>
 *
 * Statuses are numbers, higher is better: UP 3, DEGRADED 2, OUT_OF_SERVICE 1, DOWN 0, UNKNOWN −1.
 */
final class HealthMeters implements AutoCloseable {
    static final String STATUS = "armature.health.status";
    static final String GROUP_STATUS = "armature.health.group.status";
    static final String SYSTEM_STATUS = "armature.health.system.status";
    static final String DURATION = "armature.health.check.duration";

    private final MeterRegistry registry;
    private final List<Meter> meters = new ArrayList<>();

    HealthMeters(MeterRegistry registry, Health health, Collection<String> checks, Collection<String> groups) {
        this.registry = requireNonNull(registry, "registry");
        requireNonNull(health, "health");
        for (String check : checks) {
            meters.add(Gauge.builder(STATUS, health, h -> {
                        CheckReport r = h.report().checks().get(check);
                        return code(r == null ? null : r.status());
                    })
                    .tag("check", check)
                    .description("A health check's status: UP 3, DEGRADED 2, OUT_OF_SERVICE 1, DOWN 0, UNKNOWN -1")
                    .strongReference(true)
                    .register(registry));
        }
        for (String group : groups) {
            meters.add(Gauge.builder(
                            GROUP_STATUS, health, h -> code(h.report().groups().get(group)))
                    .tag("group", group)
                    .description("A health group's status: UP 3, DEGRADED 2, OUT_OF_SERVICE 1, DOWN 0, UNKNOWN -1")
                    .strongReference(true)
                    .register(registry));
        }
        meters.add(Gauge.builder(SYSTEM_STATUS, health, h -> code(h.report()))
                .description("The system's overall health: UP 3, DEGRADED 2, OUT_OF_SERVICE 1, DOWN 0, UNKNOWN -1")
                .strongReference(true)
                .register(registry));
    }

    /** Records one run of a check. */
    void record(String check, CheckResult result) {
        Timer timer = Timer.builder(DURATION)
                .tag("check", check)
                .tag("status", result.status().name())
                .description("How long one run of a health check took (its timeout when it timed out)")
                .register(registry);
        synchronized (meters) {
            if (!meters.contains(timer)) {
                meters.add(timer);
            }
        }
        timer.record(result.duration());
    }

    static double code(HealthReport report) {
        return code(report.status());
    }

    /** The status as a number; −1 (as UNKNOWN) when there is none. */
    static double code(@Nullable HealthStatus status) {
        if (status == null) {
            return -1;
        }
        return switch (status) {
            case UP -> 3;
            case DEGRADED -> 2;
            case OUT_OF_SERVICE -> 1;
            case DOWN -> 0;
            case UNKNOWN -> -1;
        };
    }

    @Override
    public void close() {
        synchronized (meters) {
            meters.forEach(registry::remove);
            meters.clear();
        }
    }
}

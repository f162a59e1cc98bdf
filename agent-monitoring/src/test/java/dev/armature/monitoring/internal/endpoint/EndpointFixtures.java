package dev.armature.monitoring.internal.endpoint;

import dev.armature.api.SystemSnapshot;
import dev.armature.api.SystemState;
import dev.armature.api.config.Secret;
import dev.armature.api.health.CheckHistory;
import dev.armature.api.health.CheckKind;
import dev.armature.api.health.CheckReport;
import dev.armature.api.health.CheckResult;
import dev.armature.api.health.CheckSpec;
import dev.armature.api.health.Criticality;
import dev.armature.api.health.Health;
import dev.armature.api.health.HealthReport;
import dev.armature.api.health.HealthStatus;
import dev.armature.api.monitoring.Alert;
import dev.armature.api.monitoring.AlertSeverity;
import dev.armature.api.monitoring.AlertState;
import dev.armature.api.monitoring.Alerts;
import dev.armature.api.monitoring.MetricsExposition;
import dev.armature.monitoring.internal.health.StatusAggregator;
import dev.armature.spi.monitoring.EndpointAuthorizer;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Stand-ins for what the router reads: a health checker whose report the test sets, a system
 * snapshot the test sets, fixed alerts and a fixed metrics text.
 */
final class EndpointFixtures {
    static final Instant AT = Instant.parse("2026-11-26T03:00:00Z");
    static final String TOKEN = "s3cr3t-token";
    static final String METRICS_TEXT = "# TYPE armature_x counter\narmature_x_total 1.0\n";

    final AtomicReference<HealthReport> report =
            new AtomicReference<>(report(HealthStatus.UP, HealthStatus.UP, HealthStatus.UP));
    final AtomicReference<SystemSnapshot> system = new AtomicReference<>(system(SystemState.RUNNING, HealthStatus.UP));

    final Health health = new Health() {
        @Override
        public HealthReport report() {
            return java.util.Objects.requireNonNull(report.get());
        }

        @Override
        public Optional<HealthReport> report(String group) {
            return Optional.empty();
        }

        @Override
        public Optional<CheckHistory> history(String check) {
            return Optional.empty();
        }
    };

    final Alerts alerts = () -> List.of(new Alert(
            "queue-backlog",
            Map.of("team", "platform", "api-key", "k-123"),
            AlertState.FIRING,
            AlertSeverity.CRITICAL,
            250.0,
            Optional.of(AT.minusSeconds(75)),
            Optional.of(AT.minusSeconds(15)),
            Map.of("summary", "250 jobs waiting")));

    final MetricsExposition metrics = () -> METRICS_TEXT;

    EndpointRouter router(HealthShape shape) {
        return router(shape, List.of());
    }

    EndpointRouter router(HealthShape shape, List<EndpointAuthorizer> authorizers) {
        return new EndpointRouter(
                new EndpointRouter.Sources(
                        () -> java.util.Objects.requireNonNull(system.get()),
                        Optional.of(health),
                        Optional.of(alerts),
                        Optional.of(metrics),
                        authorizers,
                        shape,
                        StatusAggregator.defaults()),
                new DefaultAuthorizer(Optional.of(Secret.of(TOKEN))));
    }

    static SystemSnapshot system(SystemState state, HealthStatus readiness) {
        return new SystemSnapshot(AT, state, HealthStatus.UP, readiness, List.of());
    }

    /**
     * Four checks: {@code db} (readiness, critical, of component {@code store}, with a secret-looking
     * detail), {@code model} (readiness, non-critical, timed out), {@code heap} (liveness) and
     * {@code warmup} (startup, stale).
     */
    static HealthReport report(HealthStatus db, HealthStatus model, HealthStatus heap) {
        Map<String, CheckReport> checks = new LinkedHashMap<>();
        checks.put(
                "db",
                check(
                        CheckSpec.builder("db").component("store").build(),
                        db,
                        result(db, Map.of("pool", "8", "password", "hunter2"), false),
                        false));
        checks.put(
                "model",
                check(
                        CheckSpec.builder("model")
                                .criticality(Criticality.NON_CRITICAL)
                                .addTag("model")
                                .build(),
                        model,
                        result(model, Map.of(), model == HealthStatus.DOWN),
                        false));
        checks.put(
                "heap",
                check(
                        CheckSpec.builder("heap").kind(CheckKind.LIVENESS).build(),
                        heap,
                        result(heap, Map.of("used-ratio", "0.42"), false),
                        false));
        checks.put(
                "warmup",
                check(
                        CheckSpec.builder("warmup").kind(CheckKind.STARTUP).build(),
                        HealthStatus.UP,
                        result(HealthStatus.UP, Map.of(), false),
                        true));
        StatusAggregator agg = StatusAggregator.defaults();
        HealthStatus overall = agg.aggregate(checks.values().stream()
                .map(c -> agg.weigh(c.status(), c.spec().criticality()))
                .toList());
        return new HealthReport(overall, AT, checks, Map.of());
    }

    private static CheckReport check(CheckSpec spec, HealthStatus status, CheckResult last, boolean stale) {
        return new CheckReport(spec, status, Optional.of(last), Optional.of(AT.minusSeconds(60)), 0, stale, false);
    }

    private static CheckResult result(HealthStatus status, Map<String, String> details, boolean timedOut) {
        Optional<String> error = status == HealthStatus.UP
                ? Optional.empty()
                : Optional.of(timedOut ? "timed out after PT5S" : "connection refused");
        return new CheckResult(status, Duration.ofMillis(3), error, details, timedOut, AT);
    }
}

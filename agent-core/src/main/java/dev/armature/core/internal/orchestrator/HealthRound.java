package dev.armature.core.internal.orchestrator;

import dev.armature.api.FailureInfo;
import dev.armature.api.health.HealthCheck;
import dev.armature.api.health.HealthStatus;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Internal: one evaluation of a component's health checks, run on a worker thread. A check that
 * throws or returns {@code null} counts as DOWN, with the reason kept as detail.
 */
final class HealthRound {
    /** How long one round may take before its thread is interrupted. */
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    record Result(HealthCheck check, HealthStatus status, Optional<FailureInfo> detail) {}

    private final ComponentNode node;
    private final long generation;
    private final List<HealthCheck> checks;
    private final List<Result> results = new ArrayList<>();

    HealthRound(ComponentNode node, long generation, List<HealthCheck> checks) {
        this.node = node;
        this.generation = generation;
        this.checks = List.copyOf(checks);
    }

    ComponentNode node() {
        return node;
    }

    long generation() {
        return generation;
    }

    Duration timeout() {
        return TIMEOUT;
    }

    void evaluate() {
        for (HealthCheck check : checks) {
            Result r;
            try {
                @Nullable HealthStatus status = check.check();
                r = status == null
                        ? new Result(
                                check,
                                HealthStatus.DOWN,
                                Optional.of(new FailureInfo(
                                        "contract",
                                        "health check '" + check.name() + "' returned null; it must return a status")))
                        : new Result(check, status, Optional.empty());
            } catch (Exception e) {
                r = new Result(check, HealthStatus.DOWN, Optional.of(FailureInfo.of(e)));
            }
            synchronized (this) {
                results.add(r);
            }
        }
    }

    synchronized List<Result> results() {
        return List.copyOf(results);
    }
}

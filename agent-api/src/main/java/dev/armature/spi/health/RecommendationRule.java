package dev.armature.spi.health;

import dev.armature.api.health.CheckReport;
import dev.armature.api.health.Recommendation;
import java.util.List;

/**
 * A rule of the health checker's recommendation table: it reads one check's report (status,
 * latest result with its details and {@link dev.armature.api.health.Indicator}s, {@link
 * dev.armature.api.health.Prediction}, flapping) and says what to do about it. The built-in rules
 * cover heap, disk, threads, GC, file descriptors, flapping checks, open circuits and failed
 * components; plugins add more with {@code PluginContext.contribute(RecommendationRule.class,
 * rule)}.
 *
 * <p>Rules run on the checker's threads each time a check's result is recorded, so they must be
 * quick and thread-safe. A rule that throws is logged and skipped for that report.
 *
 * <pre>{@code
 * context.contribute(RecommendationRule.class, RecommendationRule.of("queue-backlog", check ->
 *         check.name().equals("queue") && check.status() != HealthStatus.UP
 *                 ? List.of(new Recommendation("queue-backlog:queue", check.name(),
 *                         Recommendation.Severity.WARNING, "the queue is backing up; add consumers",
 *                         Optional.empty(), Map.of()))
 *                 : List.of()));
 * }</pre>
 *
 * @since 0.1
 */
public interface RecommendationRule {
    /**
     * Returns the rule's id, unique among rules: lowercase words joined by {@code -}.
     *
     * @return the id
     */
    String id();

    /**
     * Returns what the rule advises about one check.
     *
     * @param check the check's report
     * @return the recommendations, possibly none
     */
    List<Recommendation> recommend(CheckReport check);

    /**
     * Returns a rule from an id and a function.
     *
     * @param id the rule's id
     * @param rule what it advises about a check
     * @return the rule
     */
    static RecommendationRule of(String id, java.util.function.Function<CheckReport, List<Recommendation>> rule) {
        java.util.Objects.requireNonNull(id, "id");
        java.util.Objects.requireNonNull(rule, "rule");
        return new RecommendationRule() {
            @Override
            public String id() {
                return id;
            }

            @Override
            public List<Recommendation> recommend(CheckReport check) {
                return rule.apply(check);
            }

            @Override
            public String toString() {
                return "RecommendationRule[" + id + "]";
            }
        };
    }
}

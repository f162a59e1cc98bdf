package dev.armature.monitoring.internal.health;

import static org.assertj.core.api.Assertions.assertThat;

import dev.armature.api.health.CheckReport;
import dev.armature.api.health.CheckResult;
import dev.armature.api.health.CheckSpec;
import dev.armature.api.health.HealthStatus;
import dev.armature.api.health.Indicator;
import dev.armature.api.health.Prediction;
import dev.armature.api.health.Recommendation;
import dev.armature.api.health.Recommendation.Severity;
import dev.armature.api.resilience.RecoveryTarget;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The built-in rule table, one finding at a time. */
class HealthRecommendationsTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    private static CheckReport report(
            String check, HealthStatus status, Map<String, String> details, Optional<Prediction> prediction) {
        CheckResult last = new CheckResult(
                status,
                Duration.ZERO,
                status == HealthStatus.UP ? Optional.empty() : Optional.of(check + " is " + status),
                details,
                false,
                T0,
                Map.of(),
                prediction);
        return new CheckReport(
                CheckSpec.builder(check).build(), status, Optional.of(last), Optional.of(T0), 0, false, false);
    }

    @Test
    void a_rising_heap_is_put_into_words_with_its_eta_and_advice() {
        // 82% rising 3%/min towards 95%: 13 points at 0.05 per second are 260 s.
        Prediction p = new Prediction("heap.used-percent", 82, 95, 0.05, T0.plusSeconds(260), 0.9, 20);
        List<Recommendation> found =
                BuiltInRules.predictedBreach(report("resources.heap", HealthStatus.DEGRADED, Map.of(), Optional.of(p)));
        assertThat(found).singleElement().satisfies(r -> {
            assertThat(r.id()).isEqualTo("predicted-breach:resources.heap:heap.used-percent");
            assertThat(r.text())
                    .isEqualTo("heap 82.0% and rising 3.0%/min: 95.0% in ~4 min; raise -Xmx or lower the work in"
                            + " flight (armature.guards.<name>.bulkhead.max-concurrent-calls)");
            assertThat(r.severity()).as("within five minutes").isEqualTo(Severity.CRITICAL);
            assertThat(r.evidence())
                    .containsEntry("value", "82")
                    .containsEntry("rate-per-minute", "3")
                    .containsEntry("predicted-breach-at", T0.plusSeconds(260).toString());
            assertThat(r.action().orElseThrow().recovery()).isEmpty();
        });
    }

    @Test
    void a_filling_disk_is_a_warning_when_the_breach_is_further_off() {
        double mib = 1024 * 1024;
        Prediction p = new Prediction("disk.free-bytes", 2048 * mib, 100 * mib, -mib, T0.plusSeconds(1948), 0.95, 30);
        Recommendation r = BuiltInRules.predictedBreach(
                        report("resources.disk", HealthStatus.DEGRADED, Map.of(), Optional.of(p)))
                .get(0);
        assertThat(r.text()).startsWith("free disk 2.0 GiB and falling 60.0 MiB/min: 100.0 MiB in ~32 min; free space");
        assertThat(r.severity()).isEqualTo(Severity.WARNING);
    }

    @Test
    void a_resource_not_up_without_a_prediction_gets_its_resources_advice() {
        List<Recommendation> found = BuiltInRules.resourcePressure(
                report("resources.file-descriptors", HealthStatus.DOWN, Map.of("open", "990"), Optional.empty()));
        assertThat(found).singleElement().satisfies(r -> {
            assertThat(r.severity()).isEqualTo(Severity.CRITICAL);
            assertThat(r.text()).contains("ulimit -n");
            assertThat(r.evidence()).containsEntry("open", "990");
        });
        assertThat(BuiltInRules.resourcePressure(report("resources.heap", HealthStatus.UP, Map.of(), Optional.empty())))
                .isEmpty();
        assertThat(BuiltInRules.resourcePressure(report("db", HealthStatus.DOWN, Map.of(), Optional.empty())))
                .as("not a resource")
                .isEmpty();
    }

    @Test
    void an_open_circuit_is_bound_to_its_guards_recovery_chain() {
        List<Recommendation> found = BuiltInRules.circuitOpen(report(
                "circuits",
                HealthStatus.DEGRADED,
                Map.of("model.chat[eu]", "OPEN", "search", "HALF_OPEN", "circuits", "2"),
                Optional.empty()));
        assertThat(found).singleElement().satisfies(r -> {
            assertThat(r.id()).isEqualTo("circuit-open:model.chat[eu]");
            assertThat(r.action().orElseThrow().recovery()).contains(RecoveryTarget.guard("model.chat"));
        });
    }

    @Test
    void a_failed_component_is_bound_to_its_restart_from_the_last_good_checkpoint() {
        List<Recommendation> found = BuiltInRules.componentFailed(report(
                "components",
                HealthStatus.DOWN,
                Map.of("model-gateway", "FAILED", "indexer", "RESTARTING", "components", "5"),
                Optional.empty()));
        assertThat(found).singleElement().satisfies(r -> {
            assertThat(r.severity()).isEqualTo(Severity.CRITICAL);
            assertThat(r.action().orElseThrow().recovery()).contains(RecoveryTarget.component("model-gateway"));
            assertThat(r.action().orElseThrow().description()).contains("restart component model-gateway");
        });
    }

    @Test
    void a_flapping_check_is_advised_to_be_steadied() {
        CheckReport flapping = new CheckReport(
                CheckSpec.builder("db").build(), HealthStatus.UP, Optional.empty(), Optional.empty(), 1, false, true);
        assertThat(BuiltInRules.flapping(flapping)).singleElement().satisfies(r -> {
            assertThat(r.id()).isEqualTo("flapping:db");
            assertThat(r.text()).contains("failureThreshold");
        });
        assertThat(BuiltInRules.flapping(report("db", HealthStatus.UP, Map.of(), Optional.empty())))
                .isEmpty();
    }

    @Test
    void amounts_and_durations_read_as_people_write_them() {
        assertThat(BuiltInRules.amount("disk.free-bytes", 3.5 * 1024 * 1024 * 1024))
                .isEqualTo("3.5 GiB");
        assertThat(BuiltInRules.amount("threads.live", 412)).isEqualTo("412");
        assertThat(BuiltInRules.duration(Duration.ofSeconds(45))).isEqualTo("45 s");
        assertThat(BuiltInRules.duration(Duration.ofMinutes(42))).isEqualTo("42 min");
        assertThat(BuiltInRules.duration(Duration.ofHours(3))).isEqualTo("3 h");
        assertThat(Indicator.falling(5, 10).isCritical()).isTrue();
    }
}

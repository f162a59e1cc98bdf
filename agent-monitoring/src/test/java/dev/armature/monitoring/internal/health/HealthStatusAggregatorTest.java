package dev.armature.monitoring.internal.health;

import static dev.armature.api.health.HealthStatus.DEGRADED;
import static dev.armature.api.health.HealthStatus.DOWN;
import static dev.armature.api.health.HealthStatus.OUT_OF_SERVICE;
import static dev.armature.api.health.HealthStatus.UNKNOWN;
import static dev.armature.api.health.HealthStatus.UP;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.armature.api.health.Criticality;
import java.util.List;
import org.junit.jupiter.api.Test;

class HealthStatusAggregatorTest {
    private final StatusAggregator aggregator = StatusAggregator.defaults();

    @Test
    void the_worst_known_status_wins_in_the_order_up_degraded_out_of_service_down() {
        assertThat(aggregator.aggregate(List.of(UP, DEGRADED))).isEqualTo(DEGRADED);
        assertThat(aggregator.aggregate(List.of(OUT_OF_SERVICE, DEGRADED, UP))).isEqualTo(OUT_OF_SERVICE);
        assertThat(aggregator.aggregate(List.of(UP, DOWN, OUT_OF_SERVICE))).isEqualTo(DOWN);
    }

    @Test
    void unknown_is_ignored_while_anything_is_known_and_nothing_at_all_is_up() {
        assertThat(aggregator.aggregate(List.of(UNKNOWN, UP, UNKNOWN))).isEqualTo(UP);
        assertThat(aggregator.aggregate(List.of(UNKNOWN, UNKNOWN))).isEqualTo(UNKNOWN);
        assertThat(aggregator.aggregate(List.of())).isEqualTo(UP);
    }

    @Test
    void a_non_critical_check_counts_at_most_as_degraded() {
        assertThat(aggregator.weigh(DOWN, Criticality.NON_CRITICAL)).isEqualTo(DEGRADED);
        assertThat(aggregator.weigh(OUT_OF_SERVICE, Criticality.NON_CRITICAL)).isEqualTo(DEGRADED);
        assertThat(aggregator.weigh(UP, Criticality.NON_CRITICAL)).isEqualTo(UP);
        assertThat(aggregator.weigh(UNKNOWN, Criticality.NON_CRITICAL)).isEqualTo(UNKNOWN);
        assertThat(aggregator.weigh(DOWN, Criticality.CRITICAL)).isEqualTo(DOWN);
    }

    @Test
    void the_order_is_configurable() {
        StatusAggregator outOfServiceWorst = StatusAggregator.parse("UP, DEGRADED, DOWN, OUT_OF_SERVICE");
        assertThat(outOfServiceWorst.aggregate(List.of(DOWN, OUT_OF_SERVICE))).isEqualTo(OUT_OF_SERVICE);
        assertThatThrownBy(() -> StatusAggregator.parse("UP,UP,DOWN,DEGRADED"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("once each");
    }
}

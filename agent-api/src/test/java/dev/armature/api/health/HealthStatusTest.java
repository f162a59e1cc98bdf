package dev.armature.api.health;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

class HealthStatusTest {
    @Property
    void worse_is_commutative_and_picks_the_more_severe(@ForAll HealthStatus a, @ForAll HealthStatus b) {
        assertThat(a.worse(b)).isEqualTo(b.worse(a));
        assertThat(a.worse(b)).isIn(a, b);
        assertThat(a.worse(a)).isEqualTo(a);
    }

    @Property
    void a_known_status_wins_over_unknown(@ForAll HealthStatus a) {
        assertThat(HealthStatus.UNKNOWN.worse(a)).isEqualTo(a);
    }

    @Property
    void down_is_the_worst(@ForAll HealthStatus a) {
        assertThat(HealthStatus.DOWN.worse(a)).isEqualTo(HealthStatus.DOWN);
        assertThat(HealthStatus.UP.worse(HealthStatus.DEGRADED)).isEqualTo(HealthStatus.DEGRADED);
        assertThat(HealthStatus.DEGRADED.worse(HealthStatus.OUT_OF_SERVICE)).isEqualTo(HealthStatus.OUT_OF_SERVICE);
    }
}

package dev.armature.core.timeseries;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Scale;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class EwmaTest {
    private static final long MINUTE = Duration.ofMinutes(1).toNanos();

    @Test
    void is_zero_and_not_primed_before_the_first_update() {
        Ewma ewma = Ewma.withHalfLife(Duration.ofMinutes(10));

        assertThat(ewma.value()).isZero();
        assertThat(ewma.isPrimed()).isFalse();
        assertThat(ewma.updates()).isZero();
    }

    @Test
    void the_first_update_sets_the_value() {
        Ewma ewma = Ewma.withHalfLife(Duration.ofMinutes(10));

        ewma.update(42.0, 5 * MINUTE);

        assertThat(ewma.value()).isEqualTo(42.0);
        assertThat(ewma.isPrimed()).isFalse();
    }

    @Test
    void after_one_half_life_a_new_value_has_half_the_weight() {
        Ewma ewma = Ewma.withHalfLife(Duration.ofMinutes(10));
        ewma.update(0.0, 0);

        ewma.update(10.0, 10 * MINUTE);

        assertThat(ewma.value()).isCloseTo(5.0, within(1e-12));
        assertThat(ewma.isPrimed()).isTrue();
    }

    @Test
    void irregular_gaps_weigh_by_time_not_by_count() {
        Ewma twoSteps = Ewma.withHalfLife(Duration.ofMinutes(10));
        twoSteps.update(0.0, 0);
        twoSteps.update(10.0, 5 * MINUTE);
        twoSteps.update(10.0, 10 * MINUTE);

        assertThat(twoSteps.value()).isCloseTo(5.0, within(1e-12));
    }

    @Test
    void is_primed_once_a_half_life_is_covered() {
        Ewma ewma = Ewma.withHalfLife(Duration.ofMinutes(10));
        for (int minute = 0; minute < 10; minute++) {
            ewma.update(1.0, minute * MINUTE);
            assertThat(ewma.isPrimed()).as("minute %d", minute).isFalse();
        }
        ewma.update(1.0, 10 * MINUTE);

        assertThat(ewma.isPrimed()).isTrue();
    }

    @Test
    void a_value_at_the_same_instant_or_earlier_carries_no_weight() {
        Ewma ewma = Ewma.withHalfLife(Duration.ofMinutes(10));
        ewma.update(1.0, 10 * MINUTE);

        ewma.update(100.0, 10 * MINUTE);
        ewma.update(100.0, 3 * MINUTE);

        assertThat(ewma.value()).isEqualTo(1.0);
        assertThat(ewma.updates()).isEqualTo(3);
    }

    @Test
    void a_per_sample_average_moves_by_alpha() {
        Ewma ewma = Ewma.perSample(0.5);
        ewma.update(0.0);
        assertThat(ewma.isPrimed()).isFalse();

        ewma.update(8.0);
        assertThat(ewma.value()).isEqualTo(4.0);
        assertThat(ewma.isPrimed()).isTrue();

        ewma.update(8.0);
        assertThat(ewma.value()).isEqualTo(6.0);
    }

    @Test
    void each_kind_refuses_the_other_kinds_update() {
        assertThatThrownBy(() -> Ewma.perSample(0.1).update(1.0, 0L))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("update(value)");
        assertThatThrownBy(() -> Ewma.withHalfLife(Duration.ofSeconds(1)).update(1.0))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("update(value, nanos)");
    }

    @Test
    void bad_arguments_are_refused() {
        assertThatThrownBy(() -> Ewma.perSample(0.0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Ewma.perSample(1.5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Ewma.perSample(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Ewma.withHalfLife(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Ewma.perSample(0.5).update(Double.NaN))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("finite");
    }

    @Property(tries = 200)
    void a_time_decaying_average_stays_between_the_smallest_and_largest_input(
            @ForAll @Size(min = 1, max = 50) List<@DoubleRange(min = -1e300, max = 1e300) Double> values,
            @ForAll @Size(min = 50, max = 50) List<@IntRange(min = 0, max = 100_000) Integer> gapsInMillis,
            @ForAll @IntRange(min = 1, max = 60_000) int halfLifeMillis) {
        Ewma ewma = Ewma.withHalfLife(Duration.ofMillis(halfLifeMillis));
        long nanos = 0;
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < values.size(); i++) {
            nanos += gapsInMillis.get(i) * 1_000_000L;
            ewma.update(values.get(i), nanos);
            min = Math.min(min, values.get(i));
            max = Math.max(max, values.get(i));
            assertThat(ewma.value()).isBetween(min, max);
        }
    }

    @Property(tries = 200)
    void a_per_sample_average_stays_between_the_smallest_and_largest_input(
            @ForAll @Size(min = 1, max = 50) List<@DoubleRange(min = -1e300, max = 1e300) Double> values,
            @ForAll @DoubleRange(min = 0.001, max = 1.0) @Scale(4) double alpha) {
        Ewma ewma = Ewma.perSample(alpha);
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (double value : values) {
            ewma.update(value);
            min = Math.min(min, value);
            max = Math.max(max, value);
            assertThat(ewma.value()).isBetween(min, max);
        }
    }
}

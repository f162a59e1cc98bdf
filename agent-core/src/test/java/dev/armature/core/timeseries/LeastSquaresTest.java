package dev.armature.core.timeseries;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class LeastSquaresTest {
    @Test
    void fits_an_exact_line() {
        LeastSquares line = LeastSquares.fit(new double[] {1, 2, 3, 4}, new double[] {5, 7, 9, 11});

        assertThat(line.points()).isEqualTo(4);
        assertThat(line.slope()).isCloseTo(2.0, within(1e-12));
        assertThat(line.intercept()).isCloseTo(3.0, within(1e-12));
        assertThat(line.r2()).isCloseTo(1.0, within(1e-12));
        assertThat(line.predict(10)).isCloseTo(23.0, within(1e-12));
        assertThat(line.xReaching(43).orElseThrow()).isCloseTo(20.0, within(1e-12));
    }

    @Test
    void fits_a_series_at_unit_steps() {
        LeastSquares line = LeastSquares.fitSeries(new long[] {10, 12, 14});

        assertThat(line.slope()).isCloseTo(2.0, within(1e-12));
        assertThat(line.intercept()).isCloseTo(10.0, within(1e-12));
    }

    @Test
    void a_noisy_line_explains_part_of_the_variance() {
        LeastSquares line = LeastSquares.fit(new double[] {0, 1, 2, 3, 4}, new double[] {1, 3, 2, 5, 4});

        assertThat(line.slope()).isCloseTo(0.8, within(1e-12));
        assertThat(line.intercept()).isCloseTo(1.4, within(1e-12));
        assertThat(line.r2()).isCloseTo(0.64, within(1e-12));
    }

    @Test
    void the_crossing_lies_before_the_data_when_the_line_is_already_above_the_threshold() {
        LeastSquares line = LeastSquares.fit(new double[] {0, 1}, new double[] {10, 11});

        assertThat(line.xReaching(5).orElseThrow()).isCloseTo(-5.0, within(1e-12));
    }

    @Test
    void a_flat_or_falling_line_never_reaches_a_threshold() {
        assertThat(LeastSquares.fit(new double[] {0, 1}, new double[] {3, 3}).xReaching(5))
                .isEmpty();
        assertThat(LeastSquares.fit(new double[] {0, 1}, new double[] {3, 1}).xReaching(0))
                .isEmpty();
    }

    @Test
    void no_points_give_the_zero_line() {
        LeastSquares line = LeastSquares.fit(new double[0], new double[0]);

        assertThat(line.points()).isZero();
        assertThat(line.slope()).isZero();
        assertThat(line.intercept()).isZero();
        assertThat(line.r2()).isZero();
        assertThat(line.predict(5)).isZero();
        assertThat(line.xReaching(1)).isEmpty();
    }

    @Test
    void one_point_gives_the_flat_line_through_it_with_no_fit() {
        LeastSquares line = LeastSquares.fit(new double[] {4}, new double[] {7});

        assertThat(line.slope()).isZero();
        assertThat(line.intercept()).isEqualTo(7.0);
        assertThat(line.r2()).isZero();
    }

    @Test
    void a_vertical_set_gives_the_flat_line_through_the_mean_with_no_fit() {
        LeastSquares line = LeastSquares.fit(new double[] {2, 2, 2}, new double[] {1, 2, 6});

        assertThat(line.slope()).isZero();
        assertThat(line.intercept()).isEqualTo(3.0);
        assertThat(line.r2()).isZero();
        assertThat(line.xReaching(10)).isEmpty();
    }

    @Test
    void a_constant_series_is_an_exact_flat_fit() {
        LeastSquares line = LeastSquares.fitSeries(new long[] {5, 5, 5, 5});

        assertThat(line.slope()).isZero();
        assertThat(line.intercept()).isEqualTo(5.0);
        assertThat(line.r2()).isEqualTo(1.0);
    }

    @Test
    void large_abscissae_such_as_nanoseconds_keep_their_precision() {
        double base = 1.7e18;
        LeastSquares line = LeastSquares.fit(new double[] {base, base + 1e9, base + 2e9}, new double[] {1, 2, 3});

        assertThat(line.slope()).isCloseTo(1e-9, within(1e-15));
        assertThat(line.r2()).isCloseTo(1.0, within(1e-9));
    }

    @Test
    void bad_input_is_refused_with_what_was_wrong() {
        assertThatThrownBy(() -> LeastSquares.fit(new double[] {1, 2}, new double[] {1}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("2 and 1");
        assertThatThrownBy(() -> LeastSquares.fit(new double[] {1, Double.NaN}, new double[] {1, 2}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("x[1]");
        assertThatThrownBy(() -> LeastSquares.fit(new double[] {-1e200, 1e200}, new double[] {1, 2}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("overflow");
        LeastSquares line = LeastSquares.fit(new double[] {0, 1}, new double[] {0, 1});
        assertThatThrownBy(() -> line.predict(Double.POSITIVE_INFINITY)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> line.xReaching(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
    }

    @Property(tries = 300)
    void recovers_the_slope_and_intercept_of_an_exact_line(
            @ForAll @DoubleRange(min = -1000, max = 1000) double slope,
            @ForAll @DoubleRange(min = -1000, max = 1000) double intercept,
            @ForAll @IntRange(min = 2, max = 60) int points,
            @ForAll @DoubleRange(min = -1e6, max = 1e6) double firstX,
            @ForAll @DoubleRange(min = 0.01, max = 100) double step) {
        double[] x = new double[points];
        double[] y = new double[points];
        for (int i = 0; i < points; i++) {
            x[i] = firstX + i * step;
            y[i] = intercept + slope * x[i];
        }

        LeastSquares line = LeastSquares.fit(x, y);

        double scale = 1e-9 * (1 + Math.abs(slope) * Math.abs(firstX) + Math.abs(intercept));
        assertThat(line.slope()).isCloseTo(slope, within(1e-6 * (1 + Math.abs(slope))));
        assertThat(line.predict(x[points - 1])).isCloseTo(y[points - 1], within(scale * 1e3));
        if (Math.abs(slope) > 1e-6) {
            assertThat(line.r2()).isCloseTo(1.0, within(1e-6));
        }
    }

    @Property(tries = 300)
    void any_finite_data_gives_finite_results_and_an_r2_between_0_and_1(
            @ForAll @Size(max = 40) List<@DoubleRange(min = -1e100, max = 1e100) Double> xs,
            @ForAll @Size(min = 40, max = 40) List<@DoubleRange(min = -1e100, max = 1e100) Double> ys) {
        double[] x = xs.stream().mapToDouble(Double::doubleValue).toArray();
        double[] y = ys.subList(0, x.length).stream()
                .mapToDouble(Double::doubleValue)
                .toArray();

        LeastSquares line = LeastSquares.fit(x, y);

        assertThat(line.slope()).isFinite();
        assertThat(line.intercept()).isFinite();
        assertThat(line.r2()).isBetween(0.0, 1.0);
        assertThat(line.predict(0)).isFinite();
    }
}

package dev.armature.monitoring.internal.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.armature.api.monitoring.AlertCondition;
import dev.armature.api.monitoring.AlertState;
import dev.armature.api.monitoring.Comparison;
import dev.armature.api.monitoring.MeterQuery;
import dev.armature.core.time.ManualTime;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Each condition and each way of reading a meter, one example each. */
class ConditionEvaluatorTest {
    private final ManualTime time = ManualTime.create();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final AtomicInteger heap = new AtomicInteger();

    private ConditionEvaluator.Outcome at(ConditionEvaluator e) {
        return e.evaluate(time.now(), MeterReader.of(registry));
    }

    @Test
    void a_threshold_compares_a_gauge_and_has_no_data_without_the_meter() {
        ConditionEvaluator e = ConditionEvaluator.of(
                new AlertCondition.Threshold(MeterQuery.of("heap.used", Map.of("area", "heap")), Comparison.ABOVE, 80));
        assertThat(at(e).hasData()).isFalse();
        registry.gauge("heap.used", java.util.List.of(io.micrometer.core.instrument.Tag.of("area", "heap")), heap);
        heap.set(81);
        assertThat(at(e)).isEqualTo(new ConditionEvaluator.Outcome(81, true));
        heap.set(80);
        assertThat(at(e)).isEqualTo(new ConditionEvaluator.Outcome(80, false));
    }

    @Test
    void a_ratio_divides_and_has_no_data_over_zero() {
        Counter errors = registry.counter("calls", "outcome", "error");
        Counter all = registry.counter("calls.total");
        ConditionEvaluator e = ConditionEvaluator.of(new AlertCondition.Ratio(
                MeterQuery.of("calls", Map.of("outcome", "error")),
                MeterQuery.of("calls.total"),
                Comparison.AT_OR_ABOVE,
                0.1));
        assertThat(at(e).hasData()).isFalse();
        all.increment(10);
        errors.increment(1);
        assertThat(at(e)).isEqualTo(new ConditionEvaluator.Outcome(0.1, true));
    }

    @Test
    void absence_breaches_while_no_meter_matches() {
        ConditionEvaluator e = ConditionEvaluator.of(new AlertCondition.Absence(MeterQuery.of("heartbeat")));
        assertThat(at(e)).isEqualTo(new ConditionEvaluator.Outcome(1, true));
        registry.counter("heartbeat").increment();
        assertThat(at(e)).isEqualTo(new ConditionEvaluator.Outcome(0, false));
    }

    @Test
    void a_rate_of_change_is_per_its_unit_between_evaluations() {
        Counter jobs = registry.counter("jobs");
        ConditionEvaluator e = ConditionEvaluator.of(
                new AlertCondition.RateOfChange(MeterQuery.of("jobs"), Duration.ofMinutes(1), Comparison.ABOVE, 100));
        jobs.increment(1000);
        assertThat(at(e).hasData())
                .as("the first evaluation has nothing to compare with")
                .isFalse();
        time.advance(Duration.ofSeconds(15));
        jobs.increment(30);
        assertThat(at(e)).isEqualTo(new ConditionEvaluator.Outcome(120, true));
        time.advance(Duration.ofSeconds(30));
        jobs.increment(25);
        assertThat(at(e)).isEqualTo(new ConditionEvaluator.Outcome(50, false));
    }

    @Test
    void a_linear_prediction_breaches_when_the_line_reaches_the_threshold_within_the_horizon() {
        AtomicInteger usedGb = new AtomicInteger(80);
        registry.gauge("disk.used", usedGb);
        MeterQuery disk = MeterQuery.of("disk.used");
        Duration lookback = Duration.ofMinutes(10);
        ConditionEvaluator soon = ConditionEvaluator.of(
                new AlertCondition.LinearPrediction(disk, lookback, Duration.ofMinutes(15), Comparison.ABOVE, 95));
        ConditionEvaluator later = ConditionEvaluator.of(
                new AlertCondition.LinearPrediction(disk, lookback, Duration.ofMinutes(5), Comparison.ABOVE, 95));
        ConditionEvaluator.Outcome s = ConditionEvaluator.Outcome.NO_DATA;
        ConditionEvaluator.Outcome l = ConditionEvaluator.Outcome.NO_DATA;
        for (int minute = 0; minute <= 5; minute++) { // fills 1 GB a minute: 85 GB at minute 5
            if (minute < 2) {
                assertThat(at(soon).hasData()).as("fewer than 3 readings").isFalse();
                assertThat(at(later).hasData()).isFalse();
            } else {
                s = at(soon);
                l = at(later);
            }
            time.advance(Duration.ofMinutes(1));
            usedGb.incrementAndGet();
        }
        assertThat(s.value()).as("85 GB + 15 min at 1 GB/min").isCloseTo(100, within(1e-6));
        assertThat(s.breached()).isTrue();
        assertThat(l.value()).isCloseTo(90, within(1e-6));
        assertThat(l.breached()).isFalse();
    }

    @Test
    void meters_matching_a_query_are_summed_and_timers_read_in_seconds() {
        registry.counter("requests", "route", "a").increment(3);
        registry.counter("requests", "route", "b").increment(4);
        assertThat(MeterReader.of(registry).read(MeterQuery.of("requests"))).isEqualTo(7);
        assertThat(MeterReader.of(registry).read(MeterQuery.of("requests", Map.of("route", "b"))))
                .isEqualTo(4);
        assertThat(MeterReader.of(registry).read(MeterQuery.of("requests", Map.of("route", "c"))))
                .isNaN();
        Timer a = registry.timer("latency", "route", "a");
        Timer b = registry.timer("latency", "route", "b");
        a.record(Duration.ofMillis(100));
        b.record(Duration.ofMillis(300));
        b.record(Duration.ofMillis(500));
        MeterQuery latency = MeterQuery.of("latency");
        assertThat(MeterReader.of(registry).read(latency)).isCloseTo(0.3, within(1e-9)); // the mean
        assertThat(MeterReader.of(registry).read(latency.statistic(MeterQuery.Statistic.COUNT)))
                .isEqualTo(3);
        assertThat(MeterReader.of(registry).read(latency.statistic(MeterQuery.Statistic.TOTAL)))
                .isCloseTo(0.9, within(1e-9));
        assertThat(MeterReader.of(registry).read(latency.statistic(MeterQuery.Statistic.MAX)))
                .isCloseTo(0.5, within(1e-9));
        registry.timer("idle");
        assertThat(MeterReader.of(registry).read(MeterQuery.of("idle")))
                .as("no recordings, no mean")
                .isNaN();
    }

    @Test
    void annotation_values_are_formatted_with_four_significant_digits() {
        assertThat(RuleEvaluator.format(85)).isEqualTo("85");
        assertThat(RuleEvaluator.format(14.4)).isEqualTo("14.4");
        assertThat(RuleEvaluator.format(0.021345)).isEqualTo("0.02135");
        assertThat(RuleEvaluator.format(1.5e9)).isEqualTo("1500000000");
        assertThat(RuleEvaluator.format(Double.NaN)).isEqualTo("NaN");
    }

    @Test
    void a_persisted_state_reads_back_exactly() throws IOException {
        Instant t = ManualTime.DEFAULT_START;
        AlertStateMachine.State firing = new AlertStateMachine.State(
                AlertState.FIRING,
                Optional.of(t),
                Optional.of(t.plusSeconds(30)),
                Optional.of(t.plusSeconds(60)),
                5,
                3,
                91.5);
        assertThat(AlertStateCodec.decode(AlertStateCodec.encode(firing))).isEqualTo(firing);
        assertThat(AlertStateCodec.decode(AlertStateCodec.encode(AlertStateMachine.State.INITIAL)))
                .isEqualTo(AlertStateMachine.State.INITIAL);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> AlertStateCodec.decode(
                        "{\"v\":1,\"state\":\"FIRING\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("contradicts");
    }
}

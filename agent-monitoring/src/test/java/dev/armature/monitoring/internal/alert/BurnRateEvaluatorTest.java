package dev.armature.monitoring.internal.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.armature.api.monitoring.AlertCondition;
import dev.armature.api.monitoring.AlertRule;
import dev.armature.api.monitoring.MeterQuery;
import dev.armature.core.time.ManualTime;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Burn rates evaluated on ManualTime over a pair of counters, all requests and failed ones: 250
 * requests per 15 s tick, of which a chosen number fail. Against an objective of 99.9%, 5 failures
 * per tick (2%) burn at 20, 2.5 per tick (1%) at 10.
 */
class BurnRateEvaluatorTest {
    private static final Duration TICK = Duration.ofSeconds(15);
    private static final MeterQuery BAD = MeterQuery.of("requests.failed");
    private static final MeterQuery TOTAL = MeterQuery.of("requests");

    private final ManualTime time = ManualTime.create();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final Counter total = registry.counter("requests");
    private final Counter bad = registry.counter("requests.failed");
    /** Failed requests per tick, in tenths. */
    private final AtomicInteger failedTenths = new AtomicInteger();

    BurnRateEvaluatorTest() {
        var unused = time.scheduleAtFixedRate(TICK, TICK, () -> {
            total.increment(250);
            bad.increment(failedTenths.get() / 10.0);
        });
    }

    /** The condition of one rule of the workbook's set, by its suffix. */
    private static AlertCondition.BurnRate workbook(String suffix) {
        return AlertRule.burnRateRules("api", BAD, TOTAL, 0.999).stream()
                .filter(r -> r.name().equals("api-" + suffix))
                .map(r -> (AlertCondition.BurnRate) r.condition())
                .findFirst()
                .orElseThrow();
    }

    /** Advances by ticks, evaluating after each; returns the last outcome. */
    private ConditionEvaluator.Outcome run(ConditionEvaluator evaluator, int ticks) {
        ConditionEvaluator.Outcome last = ConditionEvaluator.Outcome.NO_DATA;
        for (int i = 0; i < ticks; i++) {
            time.advance(TICK);
            last = evaluator.evaluate(time.now(), MeterReader.of(registry));
        }
        return last;
    }

    @Test
    void two_percent_errors_burn_at_20_and_page_until_the_short_window_clears() {
        ConditionEvaluator page = ConditionEvaluator.of(workbook("page-1h"));
        failedTenths.set(50);
        assertThat(run(page, 1).hasData()).isFalse(); // one reading: no increase yet
        ConditionEvaluator.Outcome burning = run(page, 1);
        assertThat(burning.value()).isCloseTo(20, within(1e-9));
        assertThat(burning.breached()).isTrue();
        assertThat(run(page, 238).breached()).isTrue(); // an hour of errors

        failedTenths.set(0);
        ConditionEvaluator.Outcome cleared = run(page, 20); // five clean minutes
        assertThat(cleared.value()).as("the long window still burns").isCloseTo(20.0 * 220 / 240, within(1e-9));
        assertThat(cleared.breached())
                .as("the short window no longer confirms it")
                .isFalse();
    }

    @Test
    void one_percent_errors_do_not_page_at_14_4_but_do_at_6() {
        ConditionEvaluator fast = ConditionEvaluator.of(workbook("page-1h"));
        ConditionEvaluator slow = ConditionEvaluator.of(workbook("page-6h"));
        failedTenths.set(25);
        for (int i = 0; i < 40; i++) {
            time.advance(TICK);
            ConditionEvaluator.Outcome f = fast.evaluate(time.now(), MeterReader.of(registry));
            ConditionEvaluator.Outcome s = slow.evaluate(time.now(), MeterReader.of(registry));
            if (i > 0) {
                assertThat(f.value()).isCloseTo(10, within(1e-9));
                assertThat(f.breached()).isFalse();
                assertThat(s.breached()).isTrue();
            }
        }
    }

    @Test
    void a_counter_reset_counts_its_new_reading_as_the_increase() {
        ConditionEvaluator page = ConditionEvaluator.of(workbook("page-1h"));
        failedTenths.set(50);
        run(page, 10);
        // The process restarted: both counters begin again from zero.
        registry.remove(total);
        registry.remove(bad);
        registry.counter("requests").increment(250);
        registry.counter("requests.failed").increment(5);
        time.advance(TICK); // the old counters' task increments detached meters now
        ConditionEvaluator.Outcome after = page.evaluate(time.now(), MeterReader.of(registry));
        assertThat(after.value()).isCloseTo(20, within(1e-9));
    }

    @Test
    void three_days_at_15_s_ticks_keep_a_few_hundred_readings() {
        BurnRateEvaluator ticket = new BurnRateEvaluator(workbook("ticket-3d"));
        failedTenths.set(10); // 0.4%: burns at 4
        ConditionEvaluator.Outcome last = run(ticket, (int) (Duration.ofDays(4).toSeconds() / 15));
        assertThat(last.value()).isCloseTo(4, within(1e-6));
        assertThat(last.breached()).isTrue();
        assertThat(ticket.samplesKept())
                .isLessThanOrEqualTo(2 + (3 * 24 / 6) * BurnRateEvaluator.SAMPLES_PER_SHORT_WINDOW);
    }
}

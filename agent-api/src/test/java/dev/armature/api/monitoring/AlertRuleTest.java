package dev.armature.api.monitoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The rule values: the SRE workbook's burn-rate arithmetic, and validation that names what is wrong. */
class AlertRuleTest {
    private static final Duration SLO_PERIOD = Duration.ofDays(30);
    private static final MeterQuery BAD = MeterQuery.of("http.requests", Map.of("outcome", "error"));
    private static final MeterQuery TOTAL = MeterQuery.of("http.requests");

    @Test
    void the_workbook_set_spends_the_workbooks_share_of_a_30_day_budget() {
        List<AlertRule> rules = AlertRule.burnRateRules("checkout", BAD, TOTAL, 0.999);
        assertThat(rules)
                .extracting(AlertRule::name)
                .containsExactly("checkout-page-1h", "checkout-page-6h", "checkout-ticket-1d", "checkout-ticket-3d");
        assertThat(rules)
                .extracting(AlertRule::severity)
                .containsExactly(
                        AlertSeverity.CRITICAL, AlertSeverity.CRITICAL, AlertSeverity.WARNING, AlertSeverity.WARNING);
        double[] budgetSpent = {0.02, 0.05, 0.10, 0.10}; // 2% in 1 h, 5% in 6 h, 10% in 1 d, 10% in 3 d
        double[] factors = {14.4, 6, 3, 1};
        Duration[][] windows = {
            {Duration.ofHours(1), Duration.ofMinutes(5)},
            {Duration.ofHours(6), Duration.ofMinutes(30)},
            {Duration.ofDays(1), Duration.ofHours(2)},
            {Duration.ofDays(3), Duration.ofHours(6)}
        };
        for (int i = 0; i < rules.size(); i++) {
            AlertCondition.BurnRate burn =
                    (AlertCondition.BurnRate) rules.get(i).condition();
            assertThat(burn.factor()).isEqualTo(factors[i]);
            assertThat(burn.longWindow()).isEqualTo(windows[i][0]);
            assertThat(burn.shortWindow()).isEqualTo(windows[i][1]);
            assertThat(burn.budgetConsumed(SLO_PERIOD)).isCloseTo(budgetSpent[i], within(1e-12));
            assertThat(burn.errorBudget()).isCloseTo(0.001, within(1e-12));
            assertThat(rules.get(i).labels()).containsEntry("slo", "checkout");
        }
    }

    @Test
    void a_burn_rate_checks_its_objective_and_windows() {
        assertThatThrownBy(() ->
                        new AlertCondition.BurnRate(BAD, TOTAL, 99.9, Duration.ofHours(1), Duration.ofMinutes(5), 14.4))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("objective")
                .hasMessageContaining("99.9");
        assertThatThrownBy(() ->
                        new AlertCondition.BurnRate(BAD, TOTAL, 0.99, Duration.ofMinutes(5), Duration.ofHours(1), 2))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("short window");
        assertThatThrownBy(() ->
                        new AlertCondition.BurnRate(BAD, TOTAL, 0.99, Duration.ofHours(1), Duration.ofMinutes(5), 0))
                .hasMessageContaining("factor");
    }

    @Test
    void annotations_may_refer_only_to_the_value_the_rule_and_its_own_labels() {
        AlertCondition c = new AlertCondition.Threshold(TOTAL, Comparison.ABOVE, 1);
        assertThat(AlertRule.builder("ok", c)
                        .addLabel("team", "a")
                        .addAnnotation("s", "${value} ${rule} ${labels.team}")
                        .build()
                        .annotations())
                .containsEntry("s", "${value} ${rule} ${labels.team}");
        assertThatThrownBy(() -> AlertRule.builder("bad", c)
                        .addAnnotation("summary", "${labels.team}")
                        .build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("alert rule bad, annotation summary: ${labels.team}");
    }

    @Test
    void a_rule_checks_its_name_debounce_and_durations() {
        AlertCondition c = new AlertCondition.Absence(TOTAL);
        assertThatThrownBy(() -> AlertRule.builder("Heap High", c).build()).hasMessageContaining("'Heap High'");
        assertThatThrownBy(() -> AlertRule.builder("x", c).debounce(4, 3).build())
                .hasMessageContaining("alert rule x: the debounce needs 1 to 3");
        assertThatThrownBy(() -> AlertRule.builder("x", c).debounce(1, 65).build())
                .hasMessageContaining("1 to 64");
        assertThatThrownBy(() -> AlertRule.builder("x", c)
                        .forDuration(Duration.ofSeconds(-1))
                        .build())
                .hasMessageContaining("must not be negative");
        AlertRule rule =
                AlertRule.builder("x", c).forDuration(Duration.ofMinutes(1)).build();
        assertThat(rule.toBuilder().build()).isEqualTo(rule);
    }

    @Test
    void comparisons_and_queries() {
        assertThat(Comparison.ABOVE.test(2, 1)).isTrue();
        assertThat(Comparison.AT_OR_ABOVE.test(1, 1)).isTrue();
        assertThat(Comparison.BELOW.test(1, 1)).isFalse();
        assertThat(Comparison.AT_OR_BELOW.test(Double.NaN, 1)).isFalse();
        assertThat(BAD.statistic(MeterQuery.Statistic.COUNT)).hasToString("http.requests{outcome=error}.count");
        assertThatThrownBy(() -> MeterQuery.of(" ")).hasMessageContaining("meter name");
    }
}

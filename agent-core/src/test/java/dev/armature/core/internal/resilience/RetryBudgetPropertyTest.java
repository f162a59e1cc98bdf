package dev.armature.core.internal.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

class RetryBudgetPropertyTest {
    /**
     * Whatever the callers and their attempts, a dependency that always fails sees at most
     * max-tokens / 2 retries in all: each failure takes a token and retries stop at half.
     */
    @Property
    void a_dead_dependency_sees_at_most_half_the_budget_in_retries(
            @ForAll @IntRange(min = 1, max = 50) int maxTokens,
            @ForAll @IntRange(min = 1, max = 200) int callers,
            @ForAll @IntRange(min = 1, max = 10) int maxAttempts) {
        RetryBudget budget = new RetryBudget(new GuardSettings.Budget(maxTokens, 0.1));
        int retries = 0;
        for (int c = 0; c < callers; c++) {
            for (int attempt = 1; ; attempt++) {
                budget.onFailure();
                if (attempt >= maxAttempts || !budget.allowsRetry()) {
                    break;
                }
                retries++;
            }
        }
        assertThat(retries).isLessThanOrEqualTo(maxTokens / 2).isLessThanOrEqualTo(callers * (maxAttempts - 1));
    }

    /** Tokens stay within [0, max] under any sequence of successes and failures. */
    @Property
    void tokens_stay_within_the_bucket(
            @ForAll @IntRange(min = 1, max = 20) int maxTokens, @ForAll @Size(max = 300) List<Boolean> outcomes) {
        RetryBudget budget = new RetryBudget(new GuardSettings.Budget(maxTokens, 0.3));
        for (boolean success : outcomes) {
            if (success) {
                budget.onSuccess();
            } else {
                budget.onFailure();
            }
            assertThat(budget.tokens()).isBetween(0.0, (double) maxTokens);
            assertThat(budget.allowsRetry()).isEqualTo(budget.tokens() > maxTokens / 2.0);
        }
    }
}

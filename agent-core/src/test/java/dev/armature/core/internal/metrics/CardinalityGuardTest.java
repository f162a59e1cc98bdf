package dev.armature.core.internal.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class CardinalityGuardTest {
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    @Test
    void values_beyond_the_limit_fold_into_other_and_are_counted() {
        CardinalityGuard guard = new CardinalityGuard(2, Set.of("application"));
        registry.config().meterFilter(guard);
        for (String tenant : new String[] {"a", "b", "c", "d", "a"}) {
            Counter.builder("armature.guard.calls")
                    .tags("tenant", tenant, "application", "app-" + tenant)
                    .register(registry)
                    .increment();
        }
        assertThat(registry.find("armature.guard.calls").counters())
                .extracting(c -> c.getId().getTag("tenant"))
                .containsExactlyInAnyOrder("a", "b", CardinalityGuard.OTHER, CardinalityGuard.OTHER);
        assertThat(registry.get("armature.guard.calls")
                        .tag("tenant", "a")
                        .counter()
                        .count())
                .isEqualTo(2.0);
        assertThat(guard.folded()).isEqualTo(2);
    }

    @Test
    void exempt_tags_and_other_meters_are_left_alone() {
        CardinalityGuard guard = new CardinalityGuard(1, Set.of("application"));
        registry.config().meterFilter(guard);
        for (int i = 0; i < 5; i++) {
            Counter.builder("armature.x").tag("application", "app" + i).register(registry);
            Counter.builder("host.requests").tag("path", "/p" + i).register(registry);
        }
        assertThat(registry.find("armature.x").counters()).hasSize(5);
        assertThat(registry.find("host.requests").counters()).hasSize(5);
        assertThat(guard.folded()).isZero();
    }

    @Test
    void the_limit_is_per_meter_name() {
        CardinalityGuard guard = new CardinalityGuard(1, Set.of());
        registry.config().meterFilter(guard);
        Counter.builder("armature.one").tag("component", "a").register(registry);
        Counter.builder("armature.two").tag("component", "b").register(registry);
        assertThat(guard.folded()).isZero();
    }

    @Property(tries = 50)
    void never_more_than_max_plus_other_series_per_name(
            @ForAll @IntRange(min = 1, max = 10) int max, @ForAll @IntRange(min = 0, max = 40) int values) {
        SimpleMeterRegistry r = new SimpleMeterRegistry();
        CardinalityGuard guard = new CardinalityGuard(max, Set.of());
        r.config().meterFilter(guard);
        for (int i = 0; i < values; i++) {
            Counter.builder("armature.p").tag("k", "v" + i).register(r).increment();
        }
        assertThat(r.find("armature.p").counters().size()).isLessThanOrEqualTo(max + 1);
        assertThat(guard.folded()).isEqualTo(Math.max(0, values - max));
        double total = r.find("armature.p").counters().stream()
                .mapToDouble(Counter::count)
                .sum();
        assertThat(total).isEqualTo(values);
    }

    @Test
    void the_limit_must_be_positive() {
        assertThatThrownBy(() -> new CardinalityGuard(0, Set.of())).isInstanceOf(IllegalArgumentException.class);
    }
}

package dev.armature.core.internal.resilience.limit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.armature.core.time.ManualTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Any sequence of acquires, releases (repeated ones included) and clock advances keeps the limiter's
 * books: a call is admitted exactly when fewer than the limit are in flight, the in-flight count is
 * the number of permits not yet released and never negative, and only a permit's first release
 * counts.
 */
class AdaptiveLimiterModelPropertyTest {
    sealed interface Op {}

    record Acquire() implements Op {}

    /** Releases the permit at {@code index} modulo every permit handed out, released or not. */
    record Release(int index, Outcome outcome) implements Op {}

    record Advance(int millis) implements Op {}

    enum Outcome {
        SUCCESS,
        DROPPED,
        IGNORE
    }

    @Provide
    Arbitrary<List<Op>> operations() {
        Arbitrary<Op> op = Arbitraries.oneOf(
                Arbitraries.just(new Acquire()),
                Arbitraries.just(new Acquire()),
                Arbitraries.integers().between(0, 50).flatMap(i -> Arbitraries.of(Outcome.class)
                        .map(o -> new Release(i, o))),
                Arbitraries.integers().between(0, 300).map(Advance::new));
        return op.list().ofMaxSize(80);
    }

    @Property(tries = 500)
    void the_limiter_keeps_its_books_under_any_sequence(@ForAll("operations") List<Op> ops) {
        ManualTime time = ManualTime.create();
        AimdSettings settings = new AimdSettings(3, 1, 6, 0.5, Duration.ofMillis(100));
        AdaptiveLimiter limiter = AdaptiveLimiter.create(settings, time);
        List<AdaptiveLimiter.Permit> handedOut = new ArrayList<>();
        List<Boolean> released = new ArrayList<>();
        int held = 0;
        for (Op op : ops) {
            if (op instanceof Acquire) {
                int limitBefore = limiter.limit();
                Optional<AdaptiveLimiter.Permit> permit = limiter.tryAcquire();
                assertThat(permit.isPresent())
                        .as("admitted with %s of %s in flight", held, limitBefore)
                        .isEqualTo(held < limitBefore);
                if (permit.isPresent()) {
                    handedOut.add(permit.get());
                    released.add(false);
                    held++;
                    assertThat(limiter.inflight()).isLessThanOrEqualTo(limitBefore);
                }
            } else if (op instanceof Release r && !handedOut.isEmpty()) {
                int i = r.index() % handedOut.size();
                AdaptiveLimiter.Permit permit = handedOut.get(i);
                boolean first =
                        switch (r.outcome()) {
                            case SUCCESS -> permit.onSuccess();
                            case DROPPED -> permit.onDropped();
                            case IGNORE -> permit.onIgnore();
                        };
                assertThat(first).as("first release of permit %s", i).isEqualTo(!released.get(i));
                if (first) {
                    released.set(i, true);
                    held--;
                }
            } else if (op instanceof Advance a) {
                time.advance(Duration.ofMillis(a.millis()));
            }
            assertThat(limiter.inflight()).isEqualTo(held).isNotNegative();
            assertThat(limiter.limit()).isBetween(settings.minLimit(), settings.maxLimit());
        }
    }
}

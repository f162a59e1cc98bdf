package dev.armature.core.docs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.armature.api.AgentSystem;
import dev.armature.api.resilience.CircuitState;
import dev.armature.api.resilience.Classification;
import dev.armature.api.resilience.Guard;
import dev.armature.api.resilience.GuardEvent;
import dev.armature.api.time.RandomSource;
import dev.armature.core.time.ManualTime;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** The runnable example of docs/resilience.md, which shows the code between the tag lines verbatim. */
class ResilienceGuideExampleTest {
    private static final Path GUIDE = Path.of("../docs/resilience.md");
    private static final Path SOURCE = Path.of("src/test/java/dev/armature/core/docs/ResilienceGuideExampleTest.java");

    /** What the host's model client throws when the provider says 429 with a Retry-After header. */
    static final class RateLimitedByProvider extends IOException {
        private static final long serialVersionUID = 1L;
        final Duration retryAfter;

        RateLimitedByProvider(Duration retryAfter) {
            super("429 Too Many Requests");
            this.retryAfter = retryAfter;
        }
    }

    @Test
    void a_host_guards_its_model_calls() {
        ManualTime time = ManualTime.create(); // virtual time: the example runs in milliseconds
        // tag::example[]
        try (AgentSystem system = AgentSystem.builder()
                .timeSource(time)
                .randomSource(RandomSource.seeded(42)) // the same seed, the same retry jitter
                .environment(Map.of())
                .systemProperties(Map.of())
                // The provider's 429 is a throttle: retried no sooner than its Retry-After, and the
                // breaker opens for that long.
                .addErrorClassifier(error -> error instanceof RateLimitedByProvider r
                        ? Optional.of(Classification.throttled(r.retryAfter))
                        : Optional.empty())
                .build()) {
            var unused = system.config()
                    .override(Map.of(
                            "armature.guards.default.retry.max-attempts", "2",
                            "armature.guards.model.chat.circuit-breaker.consecutive-failures", "3"));
            List<String> transitions = new CopyOnWriteArrayList<>();
            system.events()
                    .subscribe(
                            GuardEvent.CircuitStateChanged.class,
                            e -> transitions.add(
                                    e.payload().to() + ": " + e.payload().reason()));

            Guard chat = system.guard("model.chat");
            String answer = chat.call(() -> "Hello!", failure -> "The model is unavailable.");
            assertThat(answer).isEqualTo("Hello!");

            // A provider that throttles: the fallback answers, and the breaker stays open for 30 s.
            String throttled = chat.call(
                    () -> {
                        throw new RateLimitedByProvider(Duration.ofSeconds(30));
                    },
                    failure -> "The model is busy; try again shortly.");
            assertThat(throttled).isEqualTo("The model is busy; try again shortly.");
            assertThat(chat.circuitState()).isEqualTo(CircuitState.OPEN);

            time.advance(Duration.ofSeconds(31));
            assertThat(chat.call(() -> "Back again.")).isEqualTo("Back again.");
            assertThat(chat.circuitState()).isEqualTo(CircuitState.HALF_OPEN);
        }
        // end::example[]
    }

    @Test
    void the_guide_shows_this_example_verbatim() throws IOException {
        String guide = Files.readString(GUIDE, StandardCharsets.UTF_8);
        assertThat(guide).as("%s must contain the example of %s", GUIDE, SOURCE).contains(DocSnippets.example(SOURCE));
    }
}

package dev.armature.core.docs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.armature.api.AgentSystem;
import dev.armature.api.Component;
import dev.armature.api.ComponentContext;
import dev.armature.api.ComponentDescriptor;
import dev.armature.api.resilience.Guard;
import dev.armature.api.resilience.RecoveryEvent;
import dev.armature.api.resilience.RecoveryPhase;
import dev.armature.api.resilience.RecoveryTarget;
import dev.armature.core.time.ManualTime;
import dev.armature.spi.resilience.RecoveryChain;
import dev.armature.spi.resilience.RecoverySteps;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The runnable example of docs/recovery.md, which shows the code between the tag lines verbatim. */
class RecoveryGuideExampleTest {
    private static final Path GUIDE = Path.of("../docs/recovery.md");
    private static final Path SOURCE = Path.of("src/test/java/dev/armature/core/docs/RecoveryGuideExampleTest.java");

    /** A component the agent can do without: safe mode stops it. */
    static final class Indexer implements Component {
        @Override
        public ComponentDescriptor descriptor() {
            return ComponentDescriptor.builder("indexer").essential(false).build();
        }

        @Override
        public void start(ComponentContext context) {}

        @Override
        public void stop() {}
    }

    /** Takes the next recovery event of a type, waiting at most ten seconds for it. */
    private static <E extends RecoveryEvent> E next(BlockingQueue<RecoveryEvent> events, Class<E> type)
            throws InterruptedException {
        while (true) {
            RecoveryEvent e = events.poll(10, TimeUnit.SECONDS);
            assertThat(e).as("a %s", type.getSimpleName()).isNotNull();
            if (type.isInstance(e)) {
                return type.cast(e);
            }
        }
    }

    @Test
    void a_host_recovers_its_model_calls_and_pulls_the_emergency_brake() throws Exception {
        ManualTime time = ManualTime.create(); // virtual time: the example runs in milliseconds
        // tag::example[]
        RecoveryTarget chatTarget = RecoveryTarget.guard("model.chat");
        try (AgentSystem system = AgentSystem.builder()
                .timeSource(time)
                .environment(Map.of())
                .systemProperties(Map.of(
                        "armature.guards.model.chat.retry.max-attempts", "1",
                        "armature.guards.model.chat.circuit-breaker.consecutive-failures", "2",
                        "armature.emergency.safe-mode.open-guards", "tools.web"))
                .component(new Indexer())
                // While model.chat's circuit is open: answer with its last good reply, then ask a person.
                .addRecoveryChain(RecoveryChain.of(
                        chatTarget, RecoverySteps.lastGood("model.chat"), RecoverySteps.manualIntervention()))
                .build()) {
            BlockingQueue<RecoveryEvent> events = new LinkedBlockingQueue<>();
            system.events().subscribe(RecoveryEvent.class, e -> events.add(e.payload()));
            system.start();

            Guard chat = system.guard("model.chat");
            assertThat(chat.<String>call(() -> "Here is the patch.")).isEqualTo("Here is the patch.");
            for (int i = 0; i < 2; i++) { // two failures in a row open the circuit
                chat.call(
                        () -> {
                            throw new IOException("connection reset");
                        },
                        failure -> "(no answer)");
            }
            RecoveryEvent.ManualInterventionRequired help =
                    next(events, RecoveryEvent.ManualInterventionRequired.class);
            assertThat(help.stepsTried()).containsExactly("last-good", "manual-intervention");
            // The circuit refuses the call; the recovery answers instead of an exception.
            assertThat(chat.<String>call(() -> "unreached")).isEqualTo("Here is the patch.");
            assertThat(system.recovery().status(chatTarget).orElseThrow().phase())
                    .isEqualTo(RecoveryPhase.PAUSED);

            // A person takes over: the recovery ends, and its fallback with it.
            system.recovery().resume(chatTarget, "switched the API key");
            assertThat(next(events, RecoveryEvent.Ended.class).resolution())
                    .isEqualTo(RecoveryEvent.Resolution.RESUMED);

            // The emergency brake: non-essential components stop, tools.web is refused, reloads freeze.
            system.emergency().enterSafeMode("prompt injection suspected, incident 4711");
            assertThat(system.emergency().safeMode().orElseThrow().stoppedComponents())
                    .containsExactly("indexer");
            system.emergency().exitSafeMode(); // everything it did is undone
        }
        // end::example[]
    }

    @Test
    void the_guide_shows_the_example_verbatim() throws IOException {
        String guide = Files.readString(GUIDE, StandardCharsets.UTF_8);
        assertThat(guide).contains(DocSnippets.example(SOURCE));
    }

    @Test
    void the_guide_lists_every_built_in_step() throws IOException {
        String guide = Files.readString(GUIDE, StandardCharsets.UTF_8);
        for (String step : List.of("fallback", "last-good", "restore-checkpoint", "safe-mode", "manual-intervention")) {
            assertThat(guide).contains("`" + step + "`");
        }
    }
}

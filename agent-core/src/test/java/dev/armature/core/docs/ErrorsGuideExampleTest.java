package dev.armature.core.docs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.armature.api.AgentSystem;
import dev.armature.api.resilience.ErrorClass;
import dev.armature.api.resilience.ErrorEvent;
import dev.armature.api.resilience.Errors;
import dev.armature.api.resilience.FingerprintExplanation;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The runnable example of docs/errors.md; {@link #the_guide_shows_this_example_verbatim} fails when
 * the guide and this file drift apart.
 */
class ErrorsGuideExampleTest {
    private static final Path GUIDE = Path.of("../docs/errors.md");
    private static final Path SOURCE = Path.of("src/test/java/dev/armature/core/docs/ErrorsGuideExampleTest.java");

    @TempDir
    @SuppressWarnings("NullAway.Init") // injected by JUnit before each test
    Path dir;

    // tag::example[]
    /** The host's code: a model call that times out now and then. */
    static String callModel(String requestId, boolean modelAnswers) {
        if (!modelAnswers) {
            throw new IllegalStateException("model call " + requestId + " timed out after 30s");
        }
        return "answer to " + requestId;
    }

    @Test
    void a_host_records_its_errors_and_explains_their_fingerprint() throws Exception {
        Path file = dir.resolve("agent.yaml");
        Files.writeString(
                file,
                """
                armature:
                  errors:
                    in-app-packages: [dev.armature.core.docs] # yours, such as com.example.agent
                """);
        try (AgentSystem system = AgentSystem.builder().addConfigFile(file).build()) {
            Errors errors = system.errors();
            BlockingQueue<ErrorEvent> heard = new LinkedBlockingQueue<>();
            system.events().subscribe(ErrorEvent.class, envelope -> heard.add(envelope.payload()));

            List<ErrorEvent> recorded = new ArrayList<>();
            for (String requestId : List.of("req-17", "req-42")) {
                try {
                    callModel(requestId, false);
                } catch (IllegalStateException e) {
                    recorded.add(errors.record(e, Map.of("tenant", "acme", "apiKey", "sk-live-123")));
                }
            }

            // Two occurrences of one problem: one fingerprint, whatever the request id.
            ErrorEvent first = recorded.get(0);
            assertThat(recorded.get(1).fingerprint()).isEqualTo(first.fingerprint());
            assertThat(first.messageTemplate()).isEqualTo("model call req-<num> timed out after <duration>");
            assertThat(first.errorClass()).isEqualTo(ErrorClass.TRANSIENT); // no rule classified it
            assertThat(first.context()).containsEntry("apiKey", "****"); // masked all the same
            assertThat(heard.poll(10, TimeUnit.SECONDS)).isEqualTo(first);

            // What made the fingerprint: the exception types and the top frames of your code.
            FingerprintExplanation why = errors.explain(first.fingerprint()).orElseThrow();
            assertThat(why.exceptionTypes()).containsExactly("java.lang.IllegalStateException");
            assertThat(why.frames())
                    .startsWith(
                            "dev.armature.core.docs.ErrorsGuideExampleTest#callModel",
                            "dev.armature.core.docs.ErrorsGuideExampleTest"
                                    + "#a_host_records_its_errors_and_explains_their_fingerprint");
            assertThat(why.messageTemplate()).isEmpty(); // frames were found: the message did not count
        }
    }
    // end::example[]

    @Test
    void the_guide_shows_this_example_verbatim() throws IOException {
        String guide = Files.readString(GUIDE, StandardCharsets.UTF_8);
        assertThat(guide).as("%s must contain the example of %s", GUIDE, SOURCE).contains(DocSnippets.example(SOURCE));
    }
}

package dev.armature.core.docs;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import dev.armature.api.AgentSystem;
import dev.armature.api.LogFields;
import dev.armature.api.event.Event;
import dev.armature.api.event.EventType;
import dev.armature.core.logging.LogCapture;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/** The runnable example of docs/logging.md, which shows the code between the tag lines verbatim. */
class LoggingGuideExampleTest {
    private static final Path GUIDE = Path.of("../docs/logging.md");
    private static final Path SOURCE = Path.of("src/test/java/dev/armature/core/docs/LoggingGuideExampleTest.java");
    private static final Logger log = LoggerFactory.getLogger(LoggingGuideExampleTest.class);

    /** The host's event, for the example. */
    record TurnCompleted(int turn) implements Event {
        @Override
        public EventType type() {
            return EventType.v1("host.turn-completed");
        }
    }

    @Test
    void a_listener_on_the_buses_thread_logs_with_the_publishers_correlation_id() throws Exception {
        try (LogCapture logs = LogCapture.at(Level.INFO)) {
            // tag::example[]
            try (AgentSystem system = AgentSystem.builder().name("coding-agent").build()) {
                system.start();
                CountDownLatch heard = new CountDownLatch(1);
                var subscription = system.events().subscribe(TurnCompleted.class, e -> {
                    // On one of the bus's threads, under the publisher's MDC:
                    // this line carries correlation.id=turn-42.
                    log.atInfo().addKeyValue("turn", e.payload().turn()).log("turn completed");
                    heard.countDown();
                });
                MDC.put(LogFields.CORRELATION_ID, "turn-42"); // the host's id for one unit of work
                try {
                    system.events().publish("session", new TurnCompleted(42));
                } finally {
                    MDC.remove(LogFields.CORRELATION_ID);
                }
                heard.await(10, TimeUnit.SECONDS);
                subscription.close();
            }
            // end::example[]

            assertThat(logs.eventsOf(LoggingGuideExampleTest.class))
                    .singleElement()
                    .satisfies(e -> assertThat(e.getThreadName()).contains("-events-"))
                    .extracting(ILoggingEvent::getMDCPropertyMap)
                    .isEqualTo(Map.of(LogFields.CORRELATION_ID, "turn-42"));
        }
    }

    @Test
    void the_guide_shows_this_example_verbatim() throws IOException {
        String guide = Files.readString(GUIDE, StandardCharsets.UTF_8);
        assertThat(guide).as("%s must contain the example of %s", GUIDE, SOURCE).contains(DocSnippets.example(SOURCE));
    }
}

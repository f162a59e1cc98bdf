package dev.armature.core.functional;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import dev.armature.api.AgentSystem;
import dev.armature.api.ComponentDescriptor;
import dev.armature.api.LogFields;
import dev.armature.api.config.ConfigUpdate;
import dev.armature.api.event.Event;
import dev.armature.api.event.EventType;
import dev.armature.api.event.SubscribeOptions;
import dev.armature.core.logging.LogCapture;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The host's SLF4J MDC reaches the work the system does for it on other threads (starts, guarded
 * calls, event listeners), also on the host's own executor, and never stays on those threads.
 */
class LogContextPropagationTest {
    private static final Logger log = LoggerFactory.getLogger(LogContextPropagationTest.class);

    private final ExecutorService host = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "host-worker");
        t.setDaemon(true);
        return t;
    });

    record Ping(String text) implements Event {
        @Override
        public EventType type() {
            return EventType.v1("test.ping");
        }
    }

    @AfterEach
    void tearDown() {
        host.shutdownNow();
        MDC.clear();
    }

    private @Nullable Map<String, String> mdcLeftOnTheHostThread() throws Exception {
        return host.submit(MDC::getCopyOfContextMap).get(10, TimeUnit.SECONDS);
    }

    @Test
    void a_start_runs_on_the_hosts_executor_under_the_mdc_of_the_thread_that_started_the_system() throws Exception {
        AtomicReference<@Nullable String> seen = new AtomicReference<>();
        try (AgentSystem system = AgentSystem.builder()
                .name("mdc-start")
                .workerExecutor(host)
                .component(new TestComponent(ComponentDescriptor.of("a"))
                        .onStart(c ->
                                seen.set(Thread.currentThread().getName() + " " + MDC.get(LogFields.CORRELATION_ID))))
                .build()) {
            MDC.put(LogFields.CORRELATION_ID, "boot-1");
            system.start();
            MDC.clear();

            assertThat(seen.get()).isEqualTo("host-worker boot-1");
            assertThat(mdcLeftOnTheHostThread()).isNullOrEmpty();
        }
    }

    @Test
    void a_time_limited_call_runs_on_the_hosts_executor_under_the_callers_mdc() throws Exception {
        try (AgentSystem system =
                AgentSystem.builder().name("mdc-guard").workerExecutor(host).build()) {
            ConfigUpdate u = system.config()
                    .override(Map.of(
                            "armature.guards.dep.retry.enabled", "false",
                            "armature.guards.dep.time-limiter.enabled", "true",
                            "armature.guards.dep.time-limiter.timeout", "1h"));
            assertThat(u.outcome()).as("%s", u).isEqualTo(ConfigUpdate.Outcome.APPLIED);
            MDC.put(LogFields.CORRELATION_ID, "call-7");

            String seen = system.guard("dep")
                    .call(() -> Thread.currentThread().getName() + " " + MDC.get(LogFields.CORRELATION_ID));
            MDC.clear();

            assertThat(seen).isEqualTo("host-worker call-7");
            assertThat(mdcLeftOnTheHostThread()).isNullOrEmpty();
        }
    }

    @Test
    void a_listener_logs_under_the_publishers_mdc_or_else_under_the_envelopes_correlation_id() throws Exception {
        BlockingQueue<String> done = new LinkedBlockingQueue<>();
        try (LogCapture logs = LogCapture.at(Level.INFO);
                AgentSystem system = AgentSystem.builder().name("mdc-events").build()) {
            var unused = system.events().subscribe(Ping.class, SubscribeOptions.defaults(), e -> {
                log.atInfo().addKeyValue("text", e.payload().text()).log("heard");
                done.add(e.payload().text());
            });
            MDC.put(LogFields.CORRELATION_ID, "pub-1");
            MDC.put("tenant", "acme");
            system.events().publish("test", new Ping("first"));
            MDC.clear();
            system.events().publish("test", Optional.of("env-2"), new Ping("second"));
            assertThat(done.poll(10, TimeUnit.SECONDS)).isEqualTo("first");
            assertThat(done.poll(10, TimeUnit.SECONDS)).isEqualTo("second");

            assertThat(logs.eventsOf(LogContextPropagationTest.class))
                    .extracting(ILoggingEvent::getMDCPropertyMap)
                    .containsExactly(
                            Map.of(LogFields.CORRELATION_ID, "pub-1", "tenant", "acme"),
                            Map.of(LogFields.CORRELATION_ID, "env-2"));
        }
    }
}

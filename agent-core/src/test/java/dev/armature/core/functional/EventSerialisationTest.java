package dev.armature.core.functional;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.armature.api.ComponentEvent;
import dev.armature.api.ComponentState;
import dev.armature.api.FailureInfo;
import dev.armature.api.event.EventEnvelope;
import dev.armature.api.time.RandomSource;
import dev.armature.core.internal.event.DefaultEventBus;
import dev.armature.core.time.ManualTime;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Incidents and the audit log persist events, so envelopes and payloads must round-trip through Jackson. */
class EventSerialisationTest {
    private final ObjectMapper json = new ObjectMapper()
            .registerModule(new Jdk8Module())
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    @Test
    void a_state_change_envelope_serialises_with_its_type_and_round_trips_its_payload() throws Exception {
        ManualTime time = ManualTime.create();
        DefaultEventBus bus = new DefaultEventBus(time, RandomSource.seeded(7).stream("ids"), Runnable::run);
        ComponentEvent.StateChanged payload = new ComponentEvent.StateChanged(
                "workspace",
                ComponentState.STARTING,
                ComponentState.FAILED,
                1,
                Optional.of(new FailureInfo("java.io.IOException", "disk full")));
        EventEnvelope<ComponentEvent.StateChanged> envelope =
                bus.publish("orchestrator", Optional.of("turn-42"), payload);

        JsonNode tree = json.readTree(json.writeValueAsString(envelope));
        assertThat(tree.get("sequence").asLong()).isEqualTo(1);
        assertThat(tree.get("source").asText()).isEqualTo("orchestrator");
        assertThat(tree.get("correlationId").asText()).isEqualTo("turn-42");
        assertThat(tree.get("type").get("name").asText()).isEqualTo("armature.component.state-changed");
        assertThat(tree.get("timestamp").asText()).isEqualTo("2026-01-01T00:00:00Z");

        ComponentEvent.StateChanged back = json.treeToValue(tree.get("payload"), ComponentEvent.StateChanged.class);
        assertThat(back).isEqualTo(payload);
    }

    @Test
    void restart_and_escalation_payloads_round_trip() throws Exception {
        var restart = new ComponentEvent.RestartScheduled("model-gateway", 2, Duration.ofSeconds(2), Optional.empty());
        var escalated = new ComponentEvent.Escalated(
                "model-gateway", 4, Duration.ofSeconds(60), Optional.of(new FailureInfo("timeout", "no answer")));
        assertThat(json.readValue(json.writeValueAsString(restart), ComponentEvent.RestartScheduled.class))
                .isEqualTo(restart);
        assertThat(json.readValue(json.writeValueAsString(escalated), ComponentEvent.Escalated.class))
                .isEqualTo(escalated);
    }
}

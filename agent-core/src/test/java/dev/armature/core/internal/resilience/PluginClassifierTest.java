package dev.armature.core.internal.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import dev.armature.api.AgentSystem;
import dev.armature.api.ArmatureVersion;
import dev.armature.api.resilience.Classification;
import dev.armature.api.resilience.Guard;
import dev.armature.core.time.ManualTime;
import dev.armature.spi.Plugin;
import dev.armature.spi.PluginContext;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class PluginClassifierTest {
    /** A plugin that knows its client's "bad request" is permanent. */
    static final class ClientPlugin implements Plugin {
        @Override
        public String id() {
            return "client";
        }

        @Override
        public String supportedApiVersions() {
            return "[" + ArmatureVersion.API + ",)";
        }

        @Override
        public void contribute(PluginContext context) {
            context.addErrorClassifier(t -> t instanceof IOException && "400".equals(t.getMessage())
                    ? Optional.of(Classification.permanent())
                    : Optional.empty());
        }
    }

    @Test
    void a_plugins_classifier_decides_whether_a_failure_is_retried() {
        try (AgentSystem system = AgentSystem.builder()
                .timeSource(ManualTime.create())
                .environment(Map.of())
                .systemProperties(Map.of())
                .pluginDiscovery(false)
                .plugin(new ClientPlugin())
                .build()) {
            Guard guard = system.guard("client.call");
            AtomicInteger attempts = new AtomicInteger();
            String answer = guard.call(
                    () -> {
                        attempts.incrementAndGet();
                        throw new IOException("400");
                    },
                    t -> "fallback");
            assertThat(answer).isEqualTo("fallback");
            assertThat(attempts).hasValue(1);
        }
    }
}

package dev.armature.samples.host;

import dev.armature.api.Component;
import dev.armature.api.ComponentContext;
import dev.armature.api.ComponentDescriptor;
import dev.armature.api.config.Config;
import dev.armature.api.config.ConfigSnapshot;
import dev.armature.api.health.CheckKind;
import dev.armature.api.health.HealthCheck;
import dev.armature.api.health.HealthStatus;
import java.util.List;
import java.util.random.RandomGenerator;
import org.jspecify.annotations.Nullable;

/**
 * The gateway to the language model. This sample holds a simulated client that answers without a
 * network, choosing its next action from the system's seeded random source; a real host would hold
 * an HTTP client here. Its liveness check reports DOWN once the client is closed.
 */
final class ModelGateway implements Component {
    static final String NAME = "model-gateway";

    private volatile @Nullable SimulatedModelClient client;
    private volatile @Nullable Config config;

    @Override
    public ComponentDescriptor descriptor() {
        return ComponentDescriptor.of(NAME);
    }

    @Override
    public void start(ComponentContext context) {
        config = context.config();
        client = new SimulatedModelClient(context.randomSource().stream("sample.model"));
    }

    @Override
    public void stop() {
        SimulatedModelClient c = client;
        client = null;
        if (c != null) {
            c.close();
        }
    }

    @Override
    public List<HealthCheck> healthChecks() {
        return List.of(new HealthCheck() {
            @Override
            public String name() {
                return "model-endpoint";
            }

            @Override
            public CheckKind kind() {
                return CheckKind.LIVENESS;
            }

            @Override
            public HealthStatus check() {
                SimulatedModelClient c = client;
                return c != null && c.isOpen() ? HealthStatus.UP : HealthStatus.DOWN;
            }
        });
    }

    /**
     * Asks the model what to do next. The model's name and the answer's length are read from the
     * configuration on every call, so an edit of the settings file applies to the next turn.
     *
     * @throws IllegalStateException if the gateway is not running
     */
    String complete(String prompt) {
        SimulatedModelClient c = client;
        Config settings = config;
        if (c == null || settings == null) {
            throw new IllegalStateException("the model gateway is not running");
        }
        ConfigSnapshot snapshot = settings.snapshot(); // one version for both reads
        String answer = "[" + snapshot.get(HostSettings.MODEL_NAME, String.class) + "] " + c.complete(prompt);
        int max = snapshot.get(HostSettings.MAX_ANSWER_CHARS, Integer.class);
        return answer.length() <= max ? answer : answer.substring(0, max - 1) + "…";
    }

    /** A model client that needs no network: it picks a plausible next step. Thread-safe. */
    static final class SimulatedModelClient {
        private static final List<String> ACTIONS =
                List.of("read README.md", "edit src/Main.java", "run the tests", "summarise the changes");

        private final RandomGenerator random;
        private volatile boolean open = true;

        SimulatedModelClient(RandomGenerator random) {
            this.random = random;
        }

        synchronized String complete(String prompt) {
            if (!open) {
                throw new IllegalStateException("the model client is closed");
            }
            return ACTIONS.get(random.nextInt(ACTIONS.size())) + " (prompt: " + prompt.length() + " chars)";
        }

        boolean isOpen() {
            return open;
        }

        void close() {
            open = false;
        }
    }
}

package dev.armature.samples.host;

import dev.armature.api.Component;
import dev.armature.api.ComponentContext;
import dev.armature.api.ComponentDescriptor;
import dev.armature.api.config.Config;
import dev.armature.api.config.ConfigSnapshot;
import dev.armature.api.health.CheckKind;
import dev.armature.api.health.HealthCheck;
import dev.armature.api.health.HealthStatus;
import dev.armature.api.resilience.Guard;
import java.io.IOException;
import java.net.ConnectException;
import java.util.List;
import java.util.random.RandomGenerator;
import org.jspecify.annotations.Nullable;

/**
 * The gateway to the language model. This sample holds a simulated client that answers without a
 * network, choosing its next action from the system's seeded random source; a real host would hold
 * an HTTP client here. Every call goes through the guard {@value #GUARD} (retry and circuit breaker,
 * configured under {@code armature.guards.model.chat}). Its liveness check reports DOWN once the
 * client is closed.
 */
final class ModelGateway implements Component {
    static final String NAME = "model-gateway";
    /** The guard the model calls go through. */
    static final String GUARD = "model.chat";

    private final Outage outage;
    private volatile @Nullable SimulatedModelClient client;
    private volatile @Nullable Config config;
    private volatile @Nullable Guard guard;

    /**
     * @param outage the calls the simulated client fails, {@link Outage#NONE} for none
     */
    ModelGateway(Outage outage) {
        this.outage = outage;
    }

    @Override
    public ComponentDescriptor descriptor() {
        return ComponentDescriptor.of(NAME);
    }

    @Override
    public void start(ComponentContext context) {
        config = context.config();
        guard = context.guard(GUARD);
        client = new SimulatedModelClient(context.randomSource().stream("sample.model"), outage);
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
     * Asks the model what to do next, through the guard {@value #GUARD}. The model's name and the
     * answer's length are read from the configuration on every call, so an edit of the settings file
     * applies to the next turn.
     *
     * @throws IllegalStateException if the gateway is not running
     * @throws dev.armature.api.resilience.GuardRejectedException if the guard refused the call (its
     *     breaker is open)
     * @throws dev.armature.api.resilience.GuardException wrapping the client's {@link IOException}
     *     when the last attempt failed
     */
    String complete(String prompt) {
        SimulatedModelClient c = client;
        Config settings = config;
        Guard g = guard;
        if (c == null || settings == null || g == null) {
            throw new IllegalStateException("the model gateway is not running");
        }
        String completion = g.call(() -> c.complete(prompt));
        ConfigSnapshot snapshot = settings.snapshot(); // one version for both reads
        String answer = "[" + snapshot.get(HostSettings.MODEL_NAME, String.class) + "] " + completion;
        int max = snapshot.get(HostSettings.MAX_ANSWER_CHARS, Integer.class);
        return answer.length() <= max ? answer : answer.substring(0, max - 1) + "…";
    }

    /**
     * A run of calls the simulated client fails, counted from its first call (1), so that the
     * outage is the same in every run however fast the machine is.
     *
     * @param firstFailingCall the first call that fails
     * @param failingCalls how many calls fail in a row; 0 for none
     */
    record Outage(long firstFailingCall, long failingCalls) {
        /** No outage: every call answers. */
        static final Outage NONE = new Outage(1, 0);

        /**
         * The outage of {@code --chaos}: the third call and the next three fail, which opens the
         * breaker on the third turn (three attempts), fails its first probe and lets the second
         * one close it.
         */
        static final Outage CHAOS = new Outage(3, 4);

        boolean fails(long call) {
            return call >= firstFailingCall && call < firstFailingCall + failingCalls;
        }
    }

    /** A model client that needs no network: it picks a plausible next step. Thread-safe. */
    static final class SimulatedModelClient {
        private static final List<String> ACTIONS =
                List.of("read README.md", "edit src/Main.java", "run the tests", "summarise the changes");

        private final RandomGenerator random;
        private final Outage outage;
        private long calls;
        private volatile boolean open = true;

        SimulatedModelClient(RandomGenerator random, Outage outage) {
            this.random = random;
            this.outage = outage;
        }

        synchronized String complete(String prompt) throws IOException {
            if (!open) {
                throw new IllegalStateException("the model client is closed");
            }
            calls++;
            if (outage.fails(calls)) {
                throw new ConnectException("model endpoint unavailable: connection refused (simulated outage)");
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

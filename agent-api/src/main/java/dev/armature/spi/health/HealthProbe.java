package dev.armature.spi.health;

import dev.armature.api.health.CheckOutcome;
import dev.armature.api.health.CheckSpec;

/**
 * A check of the system's health beyond the liveness checks components offer their supervisor:
 * a dependency's reachability, free disk, a queue's backlog. Plugins and hosts contribute probes
 * with {@code PluginContext.contribute(HealthProbe.class, probe)}; the health checker of
 * agent-monitoring runs each in the background as its {@link #spec()} says and weighs its results.
 *
 * <p>{@link #probe()} runs on the checker's pool, never concurrently with itself. It may block up
 * to the spec's timeout; after that its run counts as DOWN and its thread is interrupted.
 * Implementations must be thread-safe.
 *
 * <pre>{@code
 * context.contribute(HealthProbe.class, HealthProbe.of(
 *         CheckSpec.builder("model-endpoint").criticality(Criticality.NON_CRITICAL).build(),
 *         () -> client.ping() ? CheckOutcome.up() : CheckOutcome.down("no answer to ping")));
 * }</pre>
 *
 * @since 0.1
 */
public interface HealthProbe {
    /**
     * Returns how the check runs. Read once, when the checker starts.
     *
     * @return the spec
     */
    CheckSpec spec();

    /**
     * Runs the check once.
     *
     * @return what it found; {@code null} counts as DOWN
     * @throws Exception if the check could not run, which counts as DOWN with the exception's type
     *     and message as the error
     */
    CheckOutcome probe() throws Exception;

    /**
     * Returns a probe from a spec and a function.
     *
     * @param spec how the check runs
     * @param probe what it runs
     * @return the probe
     */
    static HealthProbe of(CheckSpec spec, Body probe) {
        java.util.Objects.requireNonNull(spec, "spec");
        java.util.Objects.requireNonNull(probe, "probe");
        return new HealthProbe() {
            @Override
            public CheckSpec spec() {
                return spec;
            }

            @Override
            public CheckOutcome probe() throws Exception {
                return probe.probe();
            }

            @Override
            public String toString() {
                return "HealthProbe[" + spec.name() + "]";
            }
        };
    }

    /**
     * The body of a probe made with {@link HealthProbe#of}.
     *
     * @since 0.1
     */
    @FunctionalInterface
    interface Body {
        /**
         * Runs the check once.
         *
         * @return what it found
         * @throws Exception if the check could not run
         */
        CheckOutcome probe() throws Exception;
    }
}

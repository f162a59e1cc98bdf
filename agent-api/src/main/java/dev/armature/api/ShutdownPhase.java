package dev.armature.api;

import java.time.Duration;

/**
 * The phases of a shutdown, in order, after Akka's coordinated shutdown. Each phase has a timeout;
 * when it runs out, the shutdown goes on with the next phase.
 *
 * @since 0.1
 */
public enum ShutdownPhase {
    /** Host tasks that must run while everything still works, such as saying goodbye to clients. */
    BEFORE_STOP(Duration.ofSeconds(10)),
    /** Readiness goes OUT_OF_SERVICE; host tasks finish in-flight work and refuse new work. */
    DRAIN(Duration.ofSeconds(30)),
    /** Components stop in reverse dependency order, each under its own stop timeout. */
    STOP_COMPONENTS(Duration.ofSeconds(60)),
    /** Host tasks that flush and close what outlives the components: exporters, stores. */
    AFTER_STOP(Duration.ofSeconds(10));

    private final Duration defaultTimeout;

    ShutdownPhase(Duration defaultTimeout) {
        this.defaultTimeout = defaultTimeout;
    }

    /**
     * Returns the phase's default timeout: 10 s, 30 s, 60 s and 10 s in phase order.
     *
     * @return the default timeout
     */
    public Duration defaultTimeout() {
        return defaultTimeout;
    }
}

package dev.armature.spi;

import static java.util.Objects.requireNonNull;

import dev.armature.api.Component;
import dev.armature.api.ShutdownPhase;
import dev.armature.api.ShutdownTask;
import dev.armature.api.resilience.ErrorClassifier;
import dev.armature.api.time.RandomSource;
import dev.armature.api.time.Scheduler;
import dev.armature.api.time.TimeSource;
import dev.armature.spi.config.ConfigSpec;
import dev.armature.spi.resilience.RecoveryChain;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executor;

/**
 * The settings an {@link dev.armature.api.AgentSystem.Builder} collected, handed to the {@link
 * RuntimeProvider}. Absent time, scheduling and randomness mean "use the runtime's default".
 *
 * @param name the system's name
 * @param components the components, in the order they were added
 * @param timeSource the host's time source, if any
 * @param scheduler the host's scheduler, if any
 * @param randomSource the host's random source, if any
 * @param workerPoolSize the size of the orchestrator's pool, when the runtime owns it
 * @param workerExecutor the host's executor for starts, stops, checks and tasks, if any; the
 *     runtime never shuts it down
 * @param healthCheckInterval the interval between health-check runs
 * @param phaseTimeouts the timeout of every shutdown phase
 * @param shutdownTasks the host's shutdown tasks
 * @param shutdownHook whether to register a JVM shutdown hook
 * @param classLoader the loader for the runtime and plugins
 * @param plugins the plugins added on the builder
 * @param pluginDiscovery whether to discover plugins through ServiceLoader
 * @param disabledPlugins the ids of plugins not to use
 * @param extensions the host's extensions, at most one of each class
 * @param dataDirectory the host's data directory, if it chose one
 * @param checkpointInterval the interval between checkpoints of each checkpointable component
 * @param config the configuration's files, sources, schemas, validators and keyring
 * @param errorClassifiers the host's rules for classifying guarded calls' failures, in order
 * @param recoveryChains the host's recovery chains, at most one per target
 * @since 0.1
 */
public record SystemSpec(
        String name,
        List<Component> components,
        Optional<TimeSource> timeSource,
        Optional<Scheduler> scheduler,
        Optional<RandomSource> randomSource,
        int workerPoolSize,
        Optional<Executor> workerExecutor,
        Duration healthCheckInterval,
        Map<ShutdownPhase, Duration> phaseTimeouts,
        List<NamedShutdownTask> shutdownTasks,
        boolean shutdownHook,
        ClassLoader classLoader,
        List<Plugin> plugins,
        boolean pluginDiscovery,
        Set<String> disabledPlugins,
        List<SystemExtension> extensions,
        Optional<Path> dataDirectory,
        Duration checkpointInterval,
        ConfigSpec config,
        List<ErrorClassifier> errorClassifiers,
        List<RecoveryChain> recoveryChains) {
    /**
     * Checks every part and copies the collections.
     *
     * @param name the system's name
     * @param components the components
     * @param timeSource the time source, if any
     * @param scheduler the scheduler, if any
     * @param randomSource the random source, if any
     * @param workerPoolSize the pool size
     * @param workerExecutor the host's worker executor, if any
     * @param healthCheckInterval the health-check interval
     * @param phaseTimeouts the phase timeouts, one for every phase
     * @param shutdownTasks the shutdown tasks
     * @param shutdownHook whether to register a shutdown hook
     * @param classLoader the class loader
     * @param plugins the added plugins
     * @param pluginDiscovery whether to discover plugins
     * @param disabledPlugins the disabled plugin ids
     * @param extensions the extensions
     * @param dataDirectory the data directory, if any
     * @param checkpointInterval the checkpoint interval
     * @param config the configuration's sources, schemas and keyring
     * @param errorClassifiers the error classifiers
     * @param recoveryChains the recovery chains
     */
    public SystemSpec {
        requireNonNull(name, "name");
        components = List.copyOf(components);
        requireNonNull(timeSource, "timeSource");
        requireNonNull(scheduler, "scheduler");
        requireNonNull(randomSource, "randomSource");
        requireNonNull(workerExecutor, "workerExecutor");
        requireNonNull(healthCheckInterval, "healthCheckInterval");
        phaseTimeouts = Map.copyOf(new EnumMap<>(phaseTimeouts));
        for (ShutdownPhase phase : ShutdownPhase.values()) {
            if (!phaseTimeouts.containsKey(phase)) {
                throw new IllegalArgumentException("phaseTimeouts lacks a timeout for " + phase);
            }
        }
        shutdownTasks = List.copyOf(shutdownTasks);
        requireNonNull(classLoader, "classLoader");
        plugins = List.copyOf(plugins);
        disabledPlugins = Set.copyOf(disabledPlugins);
        extensions = List.copyOf(extensions);
        requireNonNull(dataDirectory, "dataDirectory");
        requireNonNull(checkpointInterval, "checkpointInterval");
        requireNonNull(config, "config");
        errorClassifiers = List.copyOf(errorClassifiers);
        recoveryChains = List.copyOf(recoveryChains);
    }

    /**
     * Returns the host's extension of a class, if it gave one.
     *
     * @param <T> the extension type
     * @param type the extension's class
     * @return the extension, or empty
     */
    public <T extends SystemExtension> Optional<T> extension(Class<T> type) {
        requireNonNull(type, "type");
        return extensions.stream().filter(type::isInstance).map(type::cast).findFirst();
    }

    /**
     * A host's shutdown task with the phase it runs in.
     *
     * @param phase the phase
     * @param name the task's name, for reports
     * @param task the task
     */
    public record NamedShutdownTask(ShutdownPhase phase, String name, ShutdownTask task) {
        /**
         * Checks that every part is present and the name is not blank.
         *
         * @param phase the phase
         * @param name the name
         * @param task the task
         */
        public NamedShutdownTask {
            requireNonNull(phase, "phase");
            requireNonNull(name, "name");
            requireNonNull(task, "task");
            if (name.isBlank()) {
                throw new IllegalArgumentException("shutdown task name must not be blank");
            }
        }
    }
}

package dev.armature.api;

import static java.util.Objects.requireNonNull;

import dev.armature.api.config.Config;
import dev.armature.api.config.ConfigSchema;
import dev.armature.api.config.ConfigValidator;
import dev.armature.api.config.Keyring;
import dev.armature.api.event.EventBus;
import dev.armature.api.incident.Incidents;
import dev.armature.api.resilience.Emergency;
import dev.armature.api.resilience.ErrorClassifier;
import dev.armature.api.resilience.Errors;
import dev.armature.api.resilience.Guard;
import dev.armature.api.resilience.Recovery;
import dev.armature.api.resilience.RecoveryTarget;
import dev.armature.api.time.RandomSource;
import dev.armature.api.time.Scheduler;
import dev.armature.api.time.TimeSource;
import dev.armature.spi.Plugin;
import dev.armature.spi.RuntimeProvider;
import dev.armature.spi.SystemExtension;
import dev.armature.spi.SystemSpec;
import dev.armature.spi.config.ConfigSource;
import dev.armature.spi.config.ConfigSpec;
import dev.armature.spi.resilience.RecoveryChain;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * A host's composed system of components, with its orchestrator, supervisor and event bus.
 *
 * <pre>{@code
 * try (AgentSystem system = AgentSystem.builder()
 *         .component(new Workspace())
 *         .component(new ModelGateway())
 *         .build()) {
 *     system.start();
 *     ...
 * } // close() runs the shutdown phases
 * }</pre>
 *
 * <p>A system runs once: {@code start()} may be called only in state {@link SystemState#NEW}.
 * Every method is thread-safe; {@link #stop()} and {@link #close()} are idempotent and may be called
 * from any thread, including an event listener's.
 *
 * @since 0.1
 */
public interface AgentSystem extends AutoCloseable {
    /**
     * Returns a new builder. Reaches the runtime through the one {@link RuntimeProvider} on the
     * class path when {@link Builder#build()} is called.
     *
     * @return a new builder
     */
    static Builder builder() {
        return new Builder();
    }

    /**
     * Starts every component, each as soon as its dependencies run, and returns once all have
     * started (or failed, if optional).
     *
     * @throws StartupException if a required component failed to start; what had started is
     *     stopped again and the system is {@link SystemState#FAILED}
     * @throws IllegalLifecycleException if the system is not {@link SystemState#NEW}
     */
    void start();

    /**
     * Runs the shutdown phases and returns what they did. Blocks until the shutdown has finished;
     * a second call, or one after a failed start, returns the first shutdown's report.
     *
     * @return the shutdown report
     */
    ShutdownReport stop();

    /** Stops the system, as {@link #stop()}, discarding the report. */
    @Override
    void close();

    /**
     * Returns the system's lifecycle state.
     *
     * @return the state
     */
    SystemState state();

    /**
     * Returns a consistent view of the system and every component.
     *
     * @return the snapshot
     */
    SystemSnapshot snapshot();

    /**
     * Returns the system's event bus.
     *
     * @return the event bus
     */
    EventBus events();

    /**
     * Returns the system's configuration, built from its sources when the system was built.
     *
     * @return the configuration
     */
    Config config();

    /**
     * Returns the guard of a name, configured from {@code armature.guards.<name>.*} (each key falling
     * back to {@code armature.guards.default.*}, then to its documented default) and reconfigured
     * live when those keys change. The same name always returns the same guard.
     *
     * <pre>{@code
     * String answer = system.guard("model.chat").call(() -> model.complete(prompt));
     * }</pre>
     *
     * <p>Thread-safe.
     *
     * @param name lower-case and dotted, 1 to 4 segments of {@code a-z}, {@code 0-9} and {@code -},
     *     each starting with a letter, for example {@code model.chat}; {@code default} is reserved
     * @return the guard
     * @throws IllegalArgumentException if the name breaks that rule
     */
    Guard guard(String name);

    /**
     * Returns the system's error intelligence: it fingerprints errors, records them as {@link
     * dev.armature.api.resilience.ErrorEvent}s and explains fingerprints. Guards and components record
     * their failures there too.
     *
     * <pre>{@code
     * try {
     *     agent.step();
     * } catch (RuntimeException e) {
     *     system.errors().record(e, Map.of("task", task.id()));
     *     throw e;
     * }
     * }</pre>
     *
     * @return the errors service, available as soon as the system is built
     */
    Errors errors();

    /**
     * Returns the system's recovery chains: what they are doing, and the hand a person gives them.
     *
     * @return the recovery service, available as soon as the system is built
     */
    Recovery recovery();

    /**
     * Tells the supervisor that a running component is not live, as a failing LIVENESS check of its
     * own would: the component's restart policy decides what follows (a restart, or giving up once
     * its restart intensity is spent). For checks that live outside the component, such as a
     * health probe that watches it. Ignored when the component is not running.
     *
     * @param component the component's name
     * @param reason why it is not live, for its failure and the events
     * @throws IllegalArgumentException if the system has no component of that name
     */
    void reportNotLive(String component, String reason);

    /**
     * Restarts a component on request, as a person or a runbook would: a running component is
     * stopped and started again (with the components its restart strategy restarts with it), a
     * failed or stopped one is started again with its hard dependents that stopped with it. Unlike
     * a failure, it does not count against the component's restart intensity. Returns at once; the
     * restart happens in the background, with its {@link ComponentEvent}s.
     *
     * @param component the component's name
     * @param reason why, for the events and people
     * @return whether a restart began; {@code false} when the component is already on its way
     *     (starting, restarting or stopping)
     * @throws IllegalArgumentException if the system has no component of that name
     * @throws IllegalLifecycleException if the system is not running, or safe mode keeps the
     *     component stopped
     * @since 0.1
     */
    boolean restart(String component, String reason);

    /**
     * Returns the system's emergency brake: safe mode.
     *
     * <pre>{@code
     * system.emergency().enterSafeMode("runaway tool calls, incident 4711");
     * }</pre>
     *
     * @return the emergency service
     */
    Emergency emergency();

    /**
     * Returns the system's incidents: those opened from its signals and by hand.
     *
     * <pre>{@code
     * system.incidents().open().forEach(i -> System.out.println(i.id() + " " + i.title()));
     * }</pre>
     *
     * @return the incidents service
     * @throws ModuleMissingException if incident management was disabled ({@code
     *     armature.plugins.armature-incidents.enabled=false})
     */
    default Incidents incidents() {
        return service(Incidents.class);
    }

    /**
     * Returns the system's time source.
     *
     * @return the time source
     */
    TimeSource timeSource();

    /**
     * Returns the system's scheduler.
     *
     * @return the scheduler
     */
    Scheduler scheduler();

    /**
     * Returns the system's random source.
     *
     * @return the random source
     */
    RandomSource randomSource();

    /**
     * Returns the service of a module, such as a health or licensing service.
     *
     * @param <T> the service type
     * @param type the service interface
     * @return the service
     * @throws ModuleMissingException if no module on the class path provides it; the message names
     *     the artifact to add
     */
    <T> T service(Class<T> type);

    /**
     * Writes the component graph.
     *
     * @param format the format
     * @return the graph in that format
     */
    String exportGraph(GraphFormat format);

    /**
     * Builds an {@link AgentSystem}. Not thread-safe; single use: {@link #build()} may be called
     * once. Reached through {@link AgentSystem#builder()}.
     *
     * @since 0.1
     */
    final class Builder {
        /** The default name of a system. */
        public static final String DEFAULT_NAME = "armature";

        /** The default size of the pool that runs starts, stops and checks; starts often block on I/O. */
        public static final int DEFAULT_WORKER_POOL_SIZE = 32;

        /** The default interval between two checkpoints of each {@link Checkpointable} component. */
        public static final Duration DEFAULT_CHECKPOINT_INTERVAL = Duration.ofMinutes(1);

        /** The default interval between two runs of the components' health checks. */
        public static final Duration DEFAULT_HEALTH_CHECK_INTERVAL = Duration.ofSeconds(10);

        private String name = DEFAULT_NAME;
        private final List<Component> components = new ArrayList<>();
        private @Nullable TimeSource timeSource;
        private @Nullable Scheduler scheduler;
        private @Nullable RandomSource randomSource;
        private int workerPoolSize = DEFAULT_WORKER_POOL_SIZE;
        private @Nullable Executor workerExecutor;
        private Duration healthCheckInterval = DEFAULT_HEALTH_CHECK_INTERVAL;
        private final Map<ShutdownPhase, Duration> phaseTimeouts = new EnumMap<>(ShutdownPhase.class);
        private final List<SystemSpec.NamedShutdownTask> shutdownTasks = new ArrayList<>();
        private boolean shutdownHook;
        private @Nullable ClassLoader classLoader;
        private final List<Plugin> plugins = new ArrayList<>();
        private boolean pluginDiscovery = true;
        private final Set<String> disabledPlugins = new LinkedHashSet<>();
        private final Map<Class<?>, SystemExtension> extensions = new LinkedHashMap<>();
        private @Nullable Path dataDirectory;
        private Duration checkpointInterval = DEFAULT_CHECKPOINT_INTERVAL;
        private final List<Path> configFiles = new ArrayList<>();
        private final List<ConfigSource> configSources = new ArrayList<>();
        private final List<ConfigSchema> configSchemas = new ArrayList<>();
        private final List<ConfigValidator> configValidators = new ArrayList<>();
        private final List<ErrorClassifier> errorClassifiers = new ArrayList<>();
        private final Map<RecoveryTarget, RecoveryChain> recoveryChains = new LinkedHashMap<>();
        private String environmentPrefix = "";
        private @Nullable Map<String, String> environment;
        private @Nullable Map<String, String> systemProperties;
        private @Nullable Keyring keyring;
        private boolean built;

        Builder() {
            for (ShutdownPhase phase : ShutdownPhase.values()) {
                phaseTimeouts.put(phase, phase.defaultTimeout());
            }
        }

        /**
         * Sets the system's name, used in thread names and logs; {@value #DEFAULT_NAME} by default.
         *
         * @param name a non-blank name
         * @return this builder
         */
        public Builder name(String name) {
            requireNonNull(name, "name");
            if (name.isBlank()) {
                throw new IllegalArgumentException("system name must not be blank");
            }
            this.name = name;
            return this;
        }

        /**
         * Adds a component.
         *
         * @param component the component
         * @return this builder
         */
        public Builder component(Component component) {
            components.add(requireNonNull(component, "component"));
            return this;
        }

        /**
         * Sets the time source; the system clock by default.
         *
         * @param timeSource the time source
         * @return this builder
         */
        public Builder timeSource(TimeSource timeSource) {
            this.timeSource = requireNonNull(timeSource, "timeSource");
            return this;
        }

        /**
         * Sets the scheduler; by default the system owns a small pool of daemon threads and shuts
         * it down on close. A scheduler given here is not shut down by the system.
         *
         * @param scheduler the scheduler
         * @return this builder
         */
        public Builder scheduler(Scheduler scheduler) {
            this.scheduler = requireNonNull(scheduler, "scheduler");
            return this;
        }

        /**
         * Sets the random source; by default one with a random seed, which is logged at start.
         *
         * @param randomSource the random source
         * @return this builder
         */
        public Builder randomSource(RandomSource randomSource) {
            this.randomSource = requireNonNull(randomSource, "randomSource");
            return this;
        }

        /**
         * Sets the size of the pool that runs starts, stops and health checks; {@value
         * #DEFAULT_WORKER_POOL_SIZE} by default. Ignored when the host gives its own {@link
         * #workerExecutor(Executor) worker executor}.
         *
         * @param size the number of threads, at least 1
         * @return this builder
         */
        public Builder workerPoolSize(int size) {
            if (size < 1) {
                throw new IllegalArgumentException("workerPoolSize must be at least 1, was " + size);
            }
            this.workerPoolSize = size;
            return this;
        }

        /**
         * Sets the host's executor to run the system's blocking calls on, instead of a pool of the
         * system's own; by default the system owns a pool of {@link #workerPoolSize(int)} daemon
         * threads, creates them at {@link #build()} and ends them on close.
         *
         * <p>What runs there: each component's {@link Component#start start} and {@link
         * Component#stop stop}, health checks, checkpoints and shutdown tasks, one task per call,
         * from several threads at once, so the executor must be thread-safe. A call that runs past
         * its timeout is interrupted on the executor's thread, and the interrupt is cleared before
         * the task returns. The executor must run tasks on threads other than the submitter's (not
         * a caller-runs policy): tasks are submitted while the orchestrator holds its lock. A host
         * that shares the executor with other work should give it enough threads for the
         * components' blocking starts, since a start waiting in its queue counts against its
         * timeout.
         *
         * <p>The host owns the executor: the system never shuts it down. From {@code close()} on the
         * system submits nothing more: calls still running then are interrupted, and a task still
         * queued does nothing when it runs. A task the executor rejects (because the
         * host shut it down, say) fails its call with a failure of type {@code rejected}: a start
         * rejected so fails the system's {@code start()} with a {@link StartupException} instead of
         * hanging.
         *
         * @param executor the executor; the host shuts it down, after closing the system
         * @return this builder
         */
        public Builder workerExecutor(Executor executor) {
            this.workerExecutor = requireNonNull(executor, "executor");
            return this;
        }

        /**
         * Sets the interval between runs of the components' health checks; {@link
         * #DEFAULT_HEALTH_CHECK_INTERVAL} by default.
         *
         * @param interval the interval, positive
         * @return this builder
         */
        public Builder healthCheckInterval(Duration interval) {
            requireNonNull(interval, "interval");
            if (interval.isNegative() || interval.isZero()) {
                throw new IllegalArgumentException("healthCheckInterval must be positive, was " + interval);
            }
            this.healthCheckInterval = interval;
            return this;
        }

        /**
         * Sets a shutdown phase's timeout; {@link ShutdownPhase#defaultTimeout()} by default.
         *
         * @param phase the phase
         * @param timeout the timeout, positive
         * @return this builder
         */
        public Builder phaseTimeout(ShutdownPhase phase, Duration timeout) {
            requireNonNull(phase, "phase");
            requireNonNull(timeout, "timeout");
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("timeout of phase " + phase + " must be positive, was " + timeout);
            }
            phaseTimeouts.put(phase, timeout);
            return this;
        }

        /**
         * Adds a host task to a shutdown phase.
         *
         * @param phase the phase it runs in
         * @param name a non-blank name for reports
         * @param task the task
         * @return this builder
         */
        public Builder addShutdownTask(ShutdownPhase phase, String name, ShutdownTask task) {
            shutdownTasks.add(new SystemSpec.NamedShutdownTask(phase, name, task));
            return this;
        }

        /**
         * Sets whether the system registers a JVM shutdown hook that runs its shutdown phases;
         * {@code false} by default. The hook is registered by {@code start()} and removed by {@code
         * stop()}.
         *
         * @param enabled whether to register the hook
         * @return this builder
         */
        public Builder shutdownHook(boolean enabled) {
            this.shutdownHook = enabled;
            return this;
        }

        /**
         * Sets the directory of the system's durable state (the state store, journals and
         * checkpoints); {@code ./armature-data} by default. The system owns it through an operating
         * system lock from the first use until it stops; nothing is created there until something
         * uses durable state.
         *
         * @param directory the data directory
         * @return this builder
         */
        public Builder dataDirectory(Path directory) {
            this.dataDirectory = requireNonNull(directory, "directory");
            return this;
        }

        /**
         * Sets how often each {@link Checkpointable} component is checkpointed while it runs;
         * {@link #DEFAULT_CHECKPOINT_INTERVAL} by default. It is also checkpointed when it stops.
         *
         * @param interval the interval, positive
         * @return this builder
         */
        public Builder checkpointInterval(Duration interval) {
            requireNonNull(interval, "interval");
            if (interval.isNegative() || interval.isZero()) {
                throw new IllegalArgumentException("checkpointInterval must be positive, was " + interval);
            }
            this.checkpointInterval = interval;
            return this;
        }

        /**
         * Adds a plugin, as if ServiceLoader had found it. Its id must not clash with any other
         * plugin's, discovered or added.
         *
         * @param plugin the plugin
         * @return this builder
         */
        public Builder plugin(Plugin plugin) {
            plugins.add(requireNonNull(plugin, "plugin"));
            return this;
        }

        /**
         * Sets whether plugins are discovered through ServiceLoader on the {@linkplain
         * #classLoader(ClassLoader) class loader}; {@code true} by default. Plugins added with {@link
         * #plugin(Plugin)} are used either way.
         *
         * @param enabled whether to discover plugins
         * @return this builder
         */
        public Builder pluginDiscovery(boolean enabled) {
            this.pluginDiscovery = enabled;
            return this;
        }

        /**
         * Disables the plugin with this id, whether discovered or added: it is neither checked nor
         * asked to contribute. An id that no plugin has is ignored.
         *
         * @param id the plugin's id
         * @return this builder
         */
        public Builder disablePlugin(String id) {
            requireNonNull(id, "id");
            if (id.isBlank()) {
                throw new IllegalArgumentException("plugin id must not be blank");
            }
            disabledPlugins.add(id);
            return this;
        }

        /**
         * Adds an extension that carries a type the builder cannot name, such as a meter registry,
         * to the module that understands it.
         *
         * @param extension the extension
         * @return this builder
         * @throws IllegalArgumentException if an extension of the same class was added before
         */
        public Builder extension(SystemExtension extension) {
            requireNonNull(extension, "extension");
            SystemExtension previous = extensions.putIfAbsent(extension.getClass(), extension);
            if (previous != null) {
                throw new IllegalArgumentException("an extension of "
                        + extension.getClass().getName() + " was already added; a system holds one of each");
            }
            return this;
        }

        /**
         * Sets the class loader that finds the runtime and plugins; the thread's context class
         * loader (or this class's loader) by default.
         *
         * @param classLoader the class loader
         * @return this builder
         */
        public Builder classLoader(ClassLoader classLoader) {
            this.classLoader = requireNonNull(classLoader, "classLoader");
            return this;
        }

        /**
         * Adds a configuration file (YAML, JSON or {@code .properties}, by its extension) at ordinal
         * {@value dev.armature.spi.config.ConfigSource#FILE_ORDINAL}; each later file gets one more, so
         * it wins. A missing file is an error at build; the file is watched for changes while the
         * system runs.
         *
         * @param file the file
         * @return this builder
         */
        public Builder addConfigFile(Path file) {
            configFiles.add(requireNonNull(file, "file"));
            return this;
        }

        /**
         * Adds a configuration source, at its own ordinal.
         *
         * @param source the source
         * @return this builder
         */
        public Builder addConfigSource(ConfigSource source) {
            configSources.add(requireNonNull(source, "source"));
            return this;
        }

        /**
         * Declares the host's configuration keys.
         *
         * @param schema the schema
         * @return this builder
         */
        public Builder addConfigSchema(ConfigSchema schema) {
            configSchemas.add(requireNonNull(schema, "schema"));
            return this;
        }

        /**
         * Adds a rule that classifies the failures of guarded calls. Rules are asked in the order they
         * were added, the host's before the plugins', and all before the built-in ones.
         *
         * @param classifier the rule
         * @return this builder
         */
        public Builder addErrorClassifier(ErrorClassifier classifier) {
            errorClassifiers.add(requireNonNull(classifier, "classifier"));
            return this;
        }

        /**
         * Binds a recovery chain to its target, replacing one bound before to the same target. A
         * component without a chain gets {@link RecoveryChain#defaultFor(String)}.
         *
         * @param chain the chain
         * @return this builder
         */
        public Builder addRecoveryChain(RecoveryChain chain) {
            requireNonNull(chain, "chain");
            recoveryChains.put(chain.target(), chain);
            return this;
        }

        /**
         * Adds a rule that every configuration, the first included, must pass.
         *
         * @param validator the validator
         * @return this builder
         */
        public Builder addConfigValidator(ConfigValidator validator) {
            configValidators.add(requireNonNull(validator, "validator"));
            return this;
        }

        /**
         * Sets the prefix of the host's own environment variables: with {@code AGENT_}, the variable
         * {@code AGENT_MODEL_TIMEOUT} sets {@code agent.model.timeout}. Variables starting {@code
         * ARMATURE_} always map to {@code armature.} keys. None by default.
         *
         * @param prefix the prefix, such as {@code AGENT_}
         * @return this builder
         */
        public Builder environmentPrefix(String prefix) {
            requireNonNull(prefix, "prefix");
            if (!prefix.isEmpty() && !prefix.matches("[A-Z][A-Z0-9]*_")) {
                throw new IllegalArgumentException(
                        "environment prefix '" + prefix + "' must be upper-case letters and digits ending in '_'");
            }
            this.environmentPrefix = prefix;
            return this;
        }

        /**
         * Replaces the environment variables the system reads; the process's by default. Tests use
         * it to keep the real environment out.
         *
         * @param variables the variables
         * @return this builder
         */
        public Builder environment(Map<String, String> variables) {
            this.environment = Map.copyOf(variables);
            return this;
        }

        /**
         * Replaces the system properties the system reads; the process's by default.
         *
         * @param properties the properties
         * @return this builder
         */
        public Builder systemProperties(Map<String, String> properties) {
            this.systemProperties = Map.copyOf(properties);
            return this;
        }

        /**
         * Sets the keyring that opens {@code ENC(keyId:…)} values. None by default: when there is
         * none, the runtime looks for one in the {@code ARMATURE_KEYRING} environment variable, and
         * an encrypted value that no key opens is a validation error.
         *
         * @param keyring the keyring
         * @return this builder
         */
        public Builder keyring(Keyring keyring) {
            this.keyring = requireNonNull(keyring, "keyring");
            return this;
        }

        /**
         * Validates the components and builds the system; nothing is started yet.
         *
         * @return the system, in state {@link SystemState#NEW}
         * @throws ComponentGraphException if the components form a cycle, depend on a name no
         *     component has, or share a name
         * @throws dev.armature.spi.PluginException if a plugin cannot be loaded, shares its id,
         *     does not support this API version, or fails to contribute
         * @throws ArmatureException if no runtime, or more than one, is on the class path
         * @throws IllegalLifecycleException if this builder has already built a system
         */
        public AgentSystem build() {
            if (built) {
                throw new IllegalLifecycleException(
                        "build()", "BUILT", "a builder builds one system; call AgentSystem.builder() for another");
            }
            ClassLoader loader = classLoader != null ? classLoader : defaultClassLoader();
            SystemSpec spec = new SystemSpec(
                    name,
                    components,
                    Optional.ofNullable(timeSource),
                    Optional.ofNullable(scheduler),
                    Optional.ofNullable(randomSource),
                    workerPoolSize,
                    Optional.ofNullable(workerExecutor),
                    healthCheckInterval,
                    phaseTimeouts,
                    shutdownTasks,
                    shutdownHook,
                    loader,
                    plugins,
                    pluginDiscovery,
                    disabledPlugins,
                    List.copyOf(extensions.values()),
                    Optional.ofNullable(dataDirectory),
                    checkpointInterval,
                    new ConfigSpec(
                            configFiles,
                            configSources,
                            configSchemas,
                            configValidators,
                            environmentPrefix,
                            Optional.ofNullable(environment),
                            Optional.ofNullable(systemProperties),
                            Optional.ofNullable(keyring)),
                    errorClassifiers,
                    List.copyOf(recoveryChains.values()));
            RuntimeProvider provider = findRuntime(loader);
            built = true;
            return requireNonNull(
                    provider.create(spec), () -> provider.getClass().getName() + " returned null");
        }

        private static ClassLoader defaultClassLoader() {
            @Nullable ClassLoader context = Thread.currentThread().getContextClassLoader();
            return context != null ? context : AgentSystem.class.getClassLoader();
        }

        private static RuntimeProvider findRuntime(ClassLoader loader) {
            List<RuntimeProvider> found = new ArrayList<>();
            ServiceLoader.load(RuntimeProvider.class, loader).forEach(found::add);
            if (found.isEmpty()) {
                throw new ArmatureException(
                        "armature.runtime.missing",
                        "No Armature runtime found on the class path: add the dependency dev.armature:agent-core"
                                + " (version managed by dev.armature:armature-bom).");
            }
            if (found.size() > 1) {
                throw new ArmatureException(
                        "armature.runtime.ambiguous",
                        "More than one Armature runtime on the class path: "
                                + found.stream()
                                        .map(p -> p.getClass().getName())
                                        .collect(Collectors.joining(", "))
                                + ". Keep exactly one agent-core jar.");
            }
            return found.get(0);
        }
    }
}

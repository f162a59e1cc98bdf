package dev.armature.core.internal.orchestrator;

import static java.util.Objects.requireNonNull;

import dev.armature.api.AgentSystem;
import dev.armature.api.ArmatureException;
import dev.armature.api.ArmatureVersion;
import dev.armature.api.Checkpointable;
import dev.armature.api.Component;
import dev.armature.api.ComponentDescriptor;
import dev.armature.api.ComponentFailure;
import dev.armature.api.ComponentSnapshot;
import dev.armature.api.ComponentState;
import dev.armature.api.GraphFormat;
import dev.armature.api.IllegalLifecycleException;
import dev.armature.api.LogFields;
import dev.armature.api.ModuleMissingException;
import dev.armature.api.ProvidedBy;
import dev.armature.api.ShutdownReport;
import dev.armature.api.StartupException;
import dev.armature.api.SystemSnapshot;
import dev.armature.api.SystemState;
import dev.armature.api.config.Config;
import dev.armature.api.config.ConfigSchema;
import dev.armature.api.event.EventBus;
import dev.armature.api.health.HealthStatus;
import dev.armature.api.resilience.Emergency;
import dev.armature.api.resilience.ErrorClassifier;
import dev.armature.api.resilience.ErrorEvent;
import dev.armature.api.resilience.Guard;
import dev.armature.api.resilience.Recovery;
import dev.armature.api.resilience.RecoveryTarget;
import dev.armature.api.state.StateStore;
import dev.armature.api.time.Cancellable;
import dev.armature.api.time.RandomSource;
import dev.armature.api.time.Scheduler;
import dev.armature.api.time.TimeSource;
import dev.armature.core.internal.concurrent.ExecutorScheduler;
import dev.armature.core.internal.concurrent.OwnedThreads;
import dev.armature.core.internal.config.ConfigBootstrap;
import dev.armature.core.internal.config.CoreSchema;
import dev.armature.core.internal.config.DefaultConfig;
import dev.armature.core.internal.errors.DefaultErrors;
import dev.armature.core.internal.errors.ErrorAnalysis;
import dev.armature.core.internal.errors.detect.CascadeDetector;
import dev.armature.core.internal.errors.detect.DetectorSettings;
import dev.armature.core.internal.errors.detect.ErrorDetector;
import dev.armature.core.internal.event.DefaultEventBus;
import dev.armature.core.internal.metrics.Meters;
import dev.armature.core.internal.plugin.PluginContributions;
import dev.armature.core.internal.plugin.PluginLoader;
import dev.armature.core.internal.recovery.RecoveryEngine;
import dev.armature.core.internal.recovery.SafeModeSwitch;
import dev.armature.core.internal.resilience.ErrorClassifiers;
import dev.armature.core.internal.resilience.GuardSchema;
import dev.armature.core.internal.resilience.Guards;
import dev.armature.core.internal.state.Storage;
import dev.armature.core.metrics.MicrometerExtension;
import dev.armature.spi.SystemSpec;
import dev.armature.spi.config.ConfigSource;
import dev.armature.spi.resilience.RecoveryChain;
import io.micrometer.core.instrument.MeterRegistry;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Internal: the {@link AgentSystem} of agent-core. Owns the system's threads, its lifecycle state,
 * the orchestrator and the event bus; runs the shutdown on a thread of its own so that {@code
 * stop()} is safe from any thread, a listener's included.
 */
public final class DefaultAgentSystem implements AgentSystem {
    private static final Logger log = LoggerFactory.getLogger(DefaultAgentSystem.class);
    /** Starts, stops and checks wait in this queue when every worker is busy. */
    private static final int WORKER_QUEUE_CAPACITY = 4096;
    /** How long close() waits for the system's own threads to end once their work is done. */
    private static final Duration THREAD_GRACE = Duration.ofSeconds(5);

    private static final String SAFE_MODE_GUARDS = "armature.emergency.safe-mode.open-guards";

    private final SystemSpec spec;
    private final PluginContributions plugins;
    private final ComponentGraph graph;
    private final OwnedThreads threads;
    private final TimeSource time;
    private final Scheduler scheduler;
    private final @Nullable ExecutorScheduler ownedScheduler;
    private final RandomSource random;
    /** The system's own worker pool; absent when the host gave a worker executor. */
    private final @Nullable ThreadPoolExecutor ownedWorkers;

    private final Executor workers;

    private final TimedOperations ops;
    private final ThreadPoolExecutor delivery;
    private final DefaultEventBus bus;
    private final Meters meters;
    private final DefaultConfig config;
    private final Guards guards;
    private final ErrorClassifiers classifiers;
    private final DefaultErrors errors;
    private final ErrorAnalysis errorAnalysis;
    private final ComponentTable table;
    private final Orchestrator orchestrator;
    private final HealthWatch health;
    private final ShutdownSequence shutdown;
    private final RecoveryEngine recovery;
    private final SafeModeSwitch emergency;
    private final Map<Class<?>, Supplier<?>> services = new ConcurrentHashMap<>();
    private final boolean hasCheckpoints;
    private @Nullable Storage storage;
    private @Nullable Cancellable checkpointTicks;
    private final Set<Thread> waitingInStop = ConcurrentHashMap.newKeySet();

    private final Object lock = new Object();
    private SystemState state = SystemState.NEW;
    private HealthStatus readiness = HealthStatus.UNKNOWN;
    private @Nullable CompletableFuture<ShutdownReport> shutdownResult;
    private @Nullable Thread shutdownThread;
    private @Nullable Thread shutdownHook;
    private @Nullable Cancellable healthTicks;

    /** Loads the plugins, validates the graph and prepares the system; starts no component. */
    public DefaultAgentSystem(SystemSpec spec) {
        Map<RecoveryTarget, RecoveryChain> chains;
        this.spec = requireNonNull(spec, "spec");
        this.threads = new OwnedThreads(spec.name());
        ConfigBootstrap bootstrap =
                ConfigBootstrap.begin(spec.config(), spec.classLoader(), threads.factory("config-watch"));
        Set<String> disabledPlugins = new LinkedHashSet<>(spec.disabledPlugins());
        disabledPlugins.addAll(bootstrap.disabledPlugins());
        this.plugins = PluginContributions.collect(
                PluginLoader.load(
                        spec.classLoader(),
                        spec.pluginDiscovery(),
                        spec.plugins(),
                        disabledPlugins,
                        ArmatureVersion.API),
                spec);
        List<Component> components = new ArrayList<>(spec.components());
        components.addAll(plugins.components());
        this.time = spec.timeSource().orElse(TimeSource.system());
        if (spec.scheduler().isPresent()) {
            this.scheduler = spec.scheduler().get();
            this.ownedScheduler = null;
        } else if (time instanceof Scheduler s) {
            // A time source that schedules too (ManualTime) keeps timers on the same clock.
            this.scheduler = s;
            this.ownedScheduler = null;
        } else {
            this.ownedScheduler = new ExecutorScheduler(2, threads.factory("scheduler"));
            this.scheduler = ownedScheduler;
        }
        this.random = spec.randomSource().orElseGet(() -> RandomSource.seeded(new SecureRandom().nextLong()));
        Executor workers;
        if (spec.workerExecutor().isPresent()) {
            // The host's: never shut down here; TimedOperations stops using it on close.
            workers = spec.workerExecutor().get();
            this.ownedWorkers = null;
        } else {
            ThreadPoolExecutor pool = new ThreadPoolExecutor(
                    spec.workerPoolSize(),
                    spec.workerPoolSize(),
                    30,
                    TimeUnit.SECONDS,
                    new LinkedBlockingQueue<>(WORKER_QUEUE_CAPACITY),
                    threads.factory("worker"));
            pool.allowCoreThreadTimeOut(true);
            // Made now, at build(), so that start() does not create threads while it holds the
            // orchestrator's lock (measured: ~6 ms for 32 threads on 2 cores, see docs/performance.md).
            pool.prestartAllCoreThreads();
            workers = pool;
            this.ownedWorkers = pool;
        }
        this.workers = workers;
        // At most one delivery task per subscriber is queued, so this queue is bounded by the subscribers.
        this.delivery = new ThreadPoolExecutor(
                4, 4, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), threads.factory("events"));
        delivery.allowCoreThreadTimeOut(true);
        this.bus = new DefaultEventBus(time, random.stream("armature.event-ids"), delivery);
        this.meters = Meters.create(spec.name(), spec.extension(MicrometerExtension.class), time);
        meters.bindEventBus(bus);
        registerService(MeterRegistry.class, meters.registry());
        try {
            List<ConfigSchema> schemas = new ArrayList<>(plugins.configSchemas());
            schemas.add(0, GuardSchema.schema(CoreSchema.OWNER));
            this.config =
                    bootstrap.finish(plugins.instances(ConfigSource.class), schemas, bus, time, meters.registry());
            List<ComponentDescriptor> descriptors = new ArrayList<>();
            for (Component c : components) {
                ComponentDescriptor code = requireNonNull(
                        c.descriptor(), () -> "descriptor() of " + c.getClass().getName() + " returned null");
                descriptors.add(ConfiguredDescriptors.apply(code, config.snapshot()));
            }
            this.graph = ComponentGraph.of(descriptors);
            chains = new LinkedHashMap<>(plugins.recoveryChains());
            for (RecoveryChain chain : spec.recoveryChains()) {
                chains.put(chain.target(), chain); // the host's chain wins over a plugin's
            }
            checkChainTargets(graph, chains);
            List<ErrorClassifier> rules = new ArrayList<>(spec.errorClassifiers());
            rules.addAll(plugins.errorClassifiers());
            this.classifiers = ErrorClassifiers.of(rules);
            this.errors = DefaultErrors.fromConfig(
                    config.snapshot(), error -> Optional.of(classifiers.classify(error)), bus, meters);
            ComponentGraph componentGraph = graph;
            this.errorAnalysis = new ErrorAnalysis(
                    errors,
                    new ErrorDetector(time, DetectorSettings.DEFAULTS),
                    new CascadeDetector(time, componentGraph::transitiveHardDependents, ErrorAnalysis.CASCADE_WINDOW),
                    bus);
        } catch (RuntimeException e) {
            abandon();
            throw e;
        }
        registerService(Config.class, config);
        // The facade itself, so that a module's component can read what only the system knows, such as
        // the readiness that the drain phase of shutdown turns OUT_OF_SERVICE (the monitoring endpoints).
        registerService(AgentSystem.class, this);
        plugins.services().forEach((type, service) -> services.put(type, () -> service));
        this.guards = new Guards(config, bus, time, scheduler, workers, random, classifiers, meters);
        guards.failureSink((guard, key, error, errorClass) -> errors.record(
                error, ErrorEvent.Origin.GUARD, guard, key.isEmpty() ? Map.of() : Map.of("key", key), errorClass));
        services.put(StateStore.class, () -> storage().stateStore());
        this.ops = new TimedOperations(workers, scheduler, time);
        plugins.subscribeListeners(bus);
        this.table = new ComponentTable(graph, components, bus, time);
        for (ComponentNode n : table.all()) {
            meters.bindComponent(n.name, () -> n.state == ComponentState.RUNNING);
        }
        Checkpoints checkpoints = new Checkpoints(() -> storage().stateStore(), time, bus);
        this.hasCheckpoints = components.stream().anyMatch(c -> c instanceof Checkpointable);
        this.orchestrator = new Orchestrator(
                table,
                scheduler,
                random,
                ops,
                meters,
                checkpoints,
                config,
                guards::guard,
                errors,
                this::service,
                plugins::instances,
                dataDirectory());
        this.health = new HealthWatch(table, ops, orchestrator);
        this.recovery = new RecoveryEngine(
                this,
                bus,
                time,
                scheduler,
                workers,
                guards,
                orchestrator,
                chains,
                () -> config.getOptional("armature.recovery.stable-after", Duration.class)
                        .orElse(Duration.ofMinutes(5)),
                (step, outcome) -> meters.recoveryStep(step, outcome.name().toLowerCase(Locale.ROOT)));
        DefaultConfig reloads = config;
        this.emergency = new SafeModeSwitch(bus, time, orchestrator, guards, reloads, () -> reloads.snapshot()
                .getList(SAFE_MODE_GUARDS, String.class));
        RecoveryEngine engine = recovery;
        SafeModeSwitch safeMode = emergency;
        meters.bindRecovery(engine::activeCount, () -> safeMode.safeMode().isPresent());
        this.shutdown = new ShutdownSequence(
                orchestrator,
                new ComponentStops(table, ops, meters, checkpoints),
                ops,
                scheduler,
                time,
                spec.phaseTimeouts(),
                spec.shutdownTasks(),
                this::drain);
    }

    @Override
    public void start() {
        synchronized (lock) {
            if (state != SystemState.NEW) {
                throw new IllegalLifecycleException(
                        "start()", state.name(), "a system starts once; build a new one to start again");
            }
            state = SystemState.STARTING;
        }
        log.atInfo()
                .addKeyValue(LogFields.SYSTEM, spec.name())
                .addKeyValue("components", graph.order().size())
                .addKeyValue("plugins", plugins.pluginIds())
                .addKeyValue("randomSeed", random.seed())
                .log("starting");
        if (spec.shutdownHook()) {
            registerShutdownHook();
        }
        config.attachHistory(
                () -> storage().stateStore(), Storage.holdsNamespace(dataDirectory(), DefaultConfig.NAMESPACE));
        config.startWatching(scheduler);
        errorAnalysis.start(scheduler);
        recovery.start();
        List<ComponentFailure> failures;
        try {
            failures = orchestrator.startAll();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stop();
            throw new IllegalLifecycleException(
                    "start()", "STARTING", "the starting thread was interrupted; the system was stopped");
        }
        if (orchestrator.requiredStartFailed()) {
            stop();
            synchronized (lock) {
                state = SystemState.FAILED;
            }
            throw new StartupException(failures);
        }
        synchronized (lock) {
            if (state != SystemState.STARTING) {
                throw new IllegalLifecycleException(
                        "start()", state.name(), "stop() was called while the system started");
            }
            state = SystemState.RUNNING;
            readiness = HealthStatus.UP;
            healthTicks = scheduler.scheduleAtFixedRate(
                    spec.healthCheckInterval(), spec.healthCheckInterval(), health::checkHealth);
            if (hasCheckpoints) {
                checkpointTicks = scheduler.scheduleAtFixedRate(
                        spec.checkpointInterval(), spec.checkpointInterval(), orchestrator::checkpointRunning);
            }
        }
        log.atInfo()
                .addKeyValue(LogFields.SYSTEM, spec.name())
                .addKeyValue("failedOptional", failures.size())
                .log("started");
    }

    @Override
    public ShutdownReport stop() {
        Thread me = Thread.currentThread();
        boolean owned = threads.isOwned(me);
        if (owned) {
            // Registered before the shutdown can begin, so that it never waits for this thread.
            waitingInStop.add(me);
        }
        CompletableFuture<ShutdownReport> result;
        synchronized (lock) {
            if (shutdownResult == null) {
                shutdownResult = new CompletableFuture<>();
                if (state != SystemState.FAILED) {
                    state = SystemState.STOPPING;
                }
                if (healthTicks != null) {
                    healthTicks.cancel();
                }
                if (checkpointTicks != null) {
                    checkpointTicks.cancel();
                }
                Thread t = threads.factory("shutdown").newThread(this::runShutdown);
                t.setDaemon(false);
                shutdownThread = t;
                t.start();
            }
            result = shutdownResult;
        }
        try {
            ShutdownReport report = awaitUninterruptibly(result);
            Thread t = shutdownThread;
            if (!owned && t != null && t != me) {
                joinUninterruptibly(t);
            }
            return report;
        } finally {
            waitingInStop.remove(me);
        }
    }

    private void runShutdown() {
        CompletableFuture<ShutdownReport> result = requireNonNull(shutdownResult);
        ShutdownReport report;
        recovery.stop();
        try {
            report = shutdown.run();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            report = new ShutdownReport(List.of(), List.of(), Duration.ZERO);
        } catch (RuntimeException e) {
            log.atError().setCause(e).log("shutdown failed unexpectedly; releasing threads anyway");
            report = new ShutdownReport(List.of(), List.of(), Duration.ZERO);
        }
        log.atInfo()
                .addKeyValue(LogFields.SYSTEM, spec.name())
                .addKeyValue("clean", report.isClean())
                .addKeyValue("duration", report.duration())
                .log("stopped");
        synchronized (lock) {
            if (state != SystemState.FAILED && state != SystemState.STARTING) {
                state = SystemState.STOPPED;
            }
            readiness = HealthStatus.DOWN;
        }
        config.stopWatching();
        errorAnalysis.stop();
        guards.close();
        closeStorage();
        releaseThreads();
        meters.close();
        unregisterShutdownHook();
        result.complete(report);
    }

    /** Lets queued events reach their listeners, then ends every owned thread but those waiting in stop(). */
    private void releaseThreads() {
        bus.close();
        ops.close();
        if (ownedWorkers != null) {
            ownedWorkers.shutdown();
        }
        delivery.shutdown();
        if (ownedScheduler != null) {
            ownedScheduler.shutdown();
        }
        try {
            // A thread waiting in stop() may be a listener's, and then the delivery pool cannot
            // terminate before this returns: awaitEnd below waits for every other thread instead.
            if (waitingInStop.isEmpty() && !delivery.awaitTermination(THREAD_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
                log.atWarn().log("event listeners still running after the grace period; interrupting them");
                delivery.shutdownNow();
            }
            if (ownedWorkers != null) {
                ownedWorkers.shutdownNow();
            }
            List<Thread> alive = threads.awaitEnd(Set.copyOf(waitingInStop), THREAD_GRACE);
            if (!alive.isEmpty()) {
                log.atWarn()
                        .addKeyValue(
                                "threads", alive.stream().map(Thread::getName).toList())
                        .log("threads that ignored interruption are still alive after close");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void drain() {
        synchronized (lock) {
            readiness = HealthStatus.OUT_OF_SERVICE;
        }
    }

    @Override
    public void close() {
        stop();
    }

    @Override
    public SystemState state() {
        synchronized (lock) {
            return state;
        }
    }

    @Override
    public SystemSnapshot snapshot() {
        List<ComponentSnapshot> components = table.snapshot();
        SystemState s;
        HealthStatus r;
        synchronized (lock) {
            s = state;
            r = readiness;
        }
        return new SystemSnapshot(time.now(), s, health(s, components), r, components);
    }

    private HealthStatus health(SystemState s, List<ComponentSnapshot> components) {
        return switch (s) {
            case NEW, STARTING -> HealthStatus.UNKNOWN;
            case STOPPED, FAILED -> HealthStatus.DOWN;
            case RUNNING, STOPPING -> {
                HealthStatus h = HealthStatus.UP;
                for (ComponentSnapshot c : components) {
                    boolean optional = graph.descriptor(c.name()).optional();
                    if (c.state() == ComponentState.FAILED || (c.state() == ComponentState.STOPPED && !optional)) {
                        h = h.worse(optional ? HealthStatus.DEGRADED : HealthStatus.DOWN);
                    } else if (c.state() != ComponentState.RUNNING || c.health() == HealthStatus.DOWN) {
                        h = h.worse(HealthStatus.DEGRADED);
                    } else {
                        h = h.worse(c.health() == HealthStatus.UNKNOWN ? HealthStatus.UP : c.health());
                    }
                }
                yield h;
            }
        };
    }

    @Override
    public Config config() {
        return config;
    }

    /** Ends what the constructor started when building fails part-way, so that no thread outlives it. */
    private void abandon() {
        bus.close();
        if (ownedWorkers != null) {
            ownedWorkers.shutdownNow();
        }
        delivery.shutdownNow();
        if (ownedScheduler != null) {
            ownedScheduler.shutdown();
        }
        meters.close();
    }

    @Override
    public Guard guard(String name) {
        return guards.guard(name);
    }

    /** Returns the system's worker pool, for the parts of the runtime that run blocking work (runbooks). */
    public Executor workers() {
        return workers;
    }

    /** Returns the system's guards, for the parts of the runtime that connect to them. */
    public Guards guards() {
        return guards;
    }

    @Override
    public EventBus events() {
        return bus;
    }

    /** Returns the errors service; typed as the implementation, whose internal record() guards and components use. */
    @Override
    public DefaultErrors errors() {
        return errors;
    }

    @Override
    public Recovery recovery() {
        return recovery;
    }

    @Override
    public void reportNotLive(String component, String reason) {
        requireNonNull(component, "component");
        requireNonNull(reason, "reason");
        if (!graph.order().contains(component)) {
            throw new IllegalArgumentException(
                    "no component is named '" + component + "'; the system has " + graph.order());
        }
        orchestrator.notLive(component, reason);
    }

    @Override
    public boolean restart(String component, String reason) {
        requireNonNull(component, "component");
        requireNonNull(reason, "reason");
        if (!graph.order().contains(component)) {
            throw new IllegalArgumentException(
                    "no component is named '" + component + "'; the system has " + graph.order());
        }
        return orchestrator.restart(component, reason);
    }

    @Override
    public Emergency emergency() {
        return emergency;
    }

    /** A chain for a component no one has is a mistake that would otherwise never show. */
    private static void checkChainTargets(ComponentGraph graph, Map<RecoveryTarget, RecoveryChain> chains) {
        for (RecoveryTarget target : chains.keySet()) {
            if (target.kind() == RecoveryTarget.Kind.COMPONENT && !graph.order().contains(target.name())) {
                throw new IllegalArgumentException("a recovery chain is bound to " + target
                        + ", but no component has that name; known: " + graph.order());
            }
        }
    }

    @Override
    public TimeSource timeSource() {
        return time;
    }

    @Override
    public Scheduler scheduler() {
        return scheduler;
    }

    @Override
    public RandomSource randomSource() {
        return random;
    }

    @Override
    public <T> T service(Class<T> type) {
        requireNonNull(type, "type");
        @Nullable Supplier<?> service = services.get(type);
        if (service != null) {
            return type.cast(service.get());
        }
        @Nullable ProvidedBy providedBy = type.getAnnotation(ProvidedBy.class);
        if (providedBy != null) {
            throw new ModuleMissingException(type.getName(), providedBy.value());
        }
        throw new ArmatureException(
                "armature.service.unknown",
                type.getName() + " is not a service of any Armature module: ask for an interface from"
                        + " dev.armature.api.* that names its module with @ProvidedBy.");
    }

    /** Registers a module's service; used by modules as they are added to the runtime. */
    public <T> void registerService(Class<T> type, T service) {
        requireNonNull(service, "service");
        services.put(requireNonNull(type, "type"), () -> service);
    }

    /** Opens the data directory on first use and owns it until the system stops. */
    private Storage storage() {
        synchronized (lock) {
            if (shutdownResult != null && shutdownResult.isDone()) {
                throw new IllegalLifecycleException(
                        "durable state", state.name(), "the system has stopped and released its data directory");
            }
            if (storage == null) {
                storage = Storage.open(dataDirectory());
            }
            return storage;
        }
    }

    private java.nio.file.Path dataDirectory() {
        return spec.dataDirectory().orElse(Storage.DEFAULT_DIRECTORY);
    }

    private void closeStorage() {
        Storage s;
        synchronized (lock) {
            s = storage;
            storage = null;
        }
        if (s != null) {
            s.close();
        }
    }

    @Override
    public String exportGraph(GraphFormat format) {
        return switch (requireNonNull(format, "format")) {
            case JSON -> graph.toJson();
            case DOT -> graph.toDot();
        };
    }

    private void registerShutdownHook() {
        Thread hook = new Thread(this::stop, "armature-" + spec.name() + "-shutdown-hook");
        synchronized (lock) {
            shutdownHook = hook;
        }
        Runtime.getRuntime().addShutdownHook(hook);
    }

    private void unregisterShutdownHook() {
        Thread hook;
        synchronized (lock) {
            hook = shutdownHook;
            shutdownHook = null;
        }
        if (hook == null || Thread.currentThread() == hook) {
            return;
        }
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // The JVM is already shutting down, which is what runs the hook: nothing to remove.
            log.atDebug().log("JVM shutdown in progress; shutdown hook left in place");
        }
    }

    private static <T> T awaitUninterruptibly(CompletableFuture<T> f) {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return f.get();
                } catch (InterruptedException e) {
                    interrupted = true;
                } catch (ExecutionException e) {
                    throw new IllegalStateException("shutdown cannot fail", e);
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static void joinUninterruptibly(Thread t) {
        boolean interrupted = false;
        while (t.isAlive()) {
            try {
                t.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}

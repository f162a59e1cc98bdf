package dev.armature.monitoring.internal.health;

import dev.armature.api.AgentSystem;
import dev.armature.api.Component;
import dev.armature.api.ComponentContext;
import dev.armature.api.ComponentDescriptor;
import dev.armature.api.LogFields;
import dev.armature.api.config.Config;
import dev.armature.api.health.CheckHistory;
import dev.armature.api.health.CheckKind;
import dev.armature.api.health.Health;
import dev.armature.api.health.HealthEvent;
import dev.armature.api.health.HealthReport;
import dev.armature.api.health.HealthStatus;
import dev.armature.api.state.StateStore;
import dev.armature.api.state.Versioned;
import dev.armature.spi.health.HealthProbe;
import dev.armature.spi.health.RecommendationRule;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Internal: the health checker as a component and the {@link Health} service. Each start builds
 * an engine over the probes plugins contributed and the built-in ones, with a pool of its own
 * ({@code armature-health-N}, daemon) that stop shuts down. Before the first start, the report is
 * UNKNOWN with no checks. Thread-safe.
 */
public final class HealthChecker implements Component, Health {
    private static final Logger log = LoggerFactory.getLogger(HealthChecker.class);

    /** The component's name and the source of its events. */
    public static final String NAME = "armature.health";

    /** The state store's namespace of the checks' histories, one key per check. */
    public static final String NAMESPACE = "armature.health";

    private static final Duration DEFAULT_PERSISTENCE_INTERVAL = Duration.ofMinutes(1);

    private final List<HealthProbe> extraProbes;
    private volatile @Nullable HealthEngine engine;
    private volatile @Nullable ThreadPoolExecutor pool;
    private volatile @Nullable EventProbes eventProbes;
    private volatile @Nullable HealthMeters meters;

    /** Creates a checker that runs the contributed and built-in probes. */
    public HealthChecker() {
        this(List.of());
    }

    /**
     * Creates a checker that also runs the given probes.
     *
     * @param extraProbes probes beyond the contributed ones
     */
    public HealthChecker(List<HealthProbe> extraProbes) {
        this.extraProbes = List.copyOf(extraProbes);
    }

    @Override
    public ComponentDescriptor descriptor() {
        return ComponentDescriptor.builder(NAME).essential(true).build();
    }

    /**
     * A LIVENESS probe of a component that went DOWN (after its failure threshold) tells the
     * supervisor, which restarts the component by its policy, as the component's own check would.
     */
    private static void superviseLiveness(AgentSystem system, HealthEvent event) {
        if (!(event instanceof HealthEvent.CheckStatusChanged c)
                || c.kind() != CheckKind.LIVENESS
                || c.to() != HealthStatus.DOWN
                || c.component().isEmpty()) {
            return;
        }
        String component = c.component().get();
        String reason = "liveness probe '" + c.check() + "' is DOWN"
                + c.error().map(e -> ": " + e).orElse("");
        try {
            system.reportNotLive(component, reason);
        } catch (IllegalArgumentException e) {
            // A probe naming a component the system does not have: said loudly, the probe still reports.
            log.atWarn()
                    .addKeyValue("check", c.check())
                    .addKeyValue(LogFields.COMPONENT, component)
                    .log("liveness probe names no component of this system; nothing to restart");
        }
    }

    @Override
    public void start(ComponentContext context) {
        Config config = context.config();
        List<HealthProbe> probes = new ArrayList<>(context.contributions(HealthProbe.class));
        probes.addAll(extraProbes);
        if (config.getOptional(HealthSchema.RESOURCES_ENABLED, Boolean.class).orElse(true)) {
            probes.addAll(ResourceProbes.from(config, context.dataDirectory()));
        }
        @Nullable EventProbes followed = null;
        if (config.getOptional(HealthSchema.EVENTS_ENABLED, Boolean.class).orElse(true)) {
            followed = new EventProbes(context.events());
            probes.addAll(followed.probes());
        }
        CheckTracker.Settings settings = new CheckTracker.Settings(
                config.getOptional(HealthSchema.HISTORY_SIZE, Integer.class)
                        .orElse(CheckTracker.Settings.DEFAULTS.historySize()),
                config.getOptional(HealthSchema.FLAPPING_WINDOW, Integer.class)
                        .orElse(CheckTracker.Settings.DEFAULTS.flapWindow()),
                config.getOptional(HealthSchema.FLAPPING_TRANSITIONS, Integer.class)
                        .orElse(CheckTracker.Settings.DEFAULTS.flapTransitions()));
        StatusAggregator aggregator = config.getOptional(HealthSchema.STATUS_ORDER, String.class)
                .map(StatusAggregator::parse)
                .orElseGet(StatusAggregator::defaults);
        int threads = config.getOptional(HealthSchema.POOL_SIZE, Integer.class).orElse(HealthSchema.DEFAULT_POOL_SIZE);
        ThreadPoolExecutor executor = newPool(threads, Math.max(16, 2 * probes.size()));
        List<RecommendationRule> rules = new ArrayList<>();
        if (config.getOptional(HealthSchema.RECOMMENDATIONS_ENABLED, Boolean.class)
                .orElse(true)) {
            rules.addAll(BuiltInRules.all());
        }
        rules.addAll(context.contributions(RecommendationRule.class));
        MeterRegistry registry = context.service(MeterRegistry.class);
        AgentSystem system = context.service(AgentSystem.class);
        AtomicReference<@Nullable HealthMeters> recorder = new AtomicReference<>();
        HealthEngine fresh = new HealthEngine(
                probes,
                settings,
                aggregator,
                context.timeSource(),
                context.scheduler(),
                executor,
                event -> {
                    context.events().publish(NAME, event);
                    superviseLiveness(system, event);
                },
                (check, result) -> {
                    HealthMeters m = recorder.get();
                    if (m != null) {
                        m.record(check, result);
                    }
                },
                new HealthEngine.Options(predictorSettings(config), rules));
        HealthEngine previous = engine;
        if (previous != null) {
            previous.close();
        }
        HealthMeters previousMeters = meters;
        if (previousMeters != null) {
            previousMeters.close();
        }
        Set<String> groups = new TreeSet<>();
        probes.forEach(p -> groups.addAll(p.spec().groups()));
        HealthMeters freshMeters = new HealthMeters(
                registry, this, probes.stream().map(p -> p.spec().name()).toList(), groups);
        recorder.set(freshMeters);
        meters = freshMeters;
        EventProbes previousFollowed = eventProbes;
        if (previousFollowed != null) {
            previousFollowed.close();
        }
        eventProbes = followed;
        pool = executor;
        engine = fresh;
        // On by default, as alerts' state is: the store opens the data directory on first use.
        if (config.getOptional(HealthSchema.PERSISTENCE_ENABLED, Boolean.class).orElse(true)) {
            StateStore states = context.service(StateStore.class);
            fresh.start(
                    new HealthEngine.Store() {
                        @Override
                        public Optional<byte[]> load(String check) {
                            return states.get(NAMESPACE, check).map(Versioned::value);
                        }

                        @Override
                        public void save(String check, byte[] state) {
                            states.put(NAMESPACE, check, state);
                        }
                    },
                    config.getOptional(HealthSchema.PERSISTENCE_INTERVAL, Duration.class)
                            .orElse(DEFAULT_PERSISTENCE_INTERVAL));
        } else {
            fresh.start();
        }
    }

    private static Predictor.Settings predictorSettings(Config config) {
        Predictor.Settings d = Predictor.Settings.DEFAULTS;
        return new Predictor.Settings(
                config.getOptional(HealthSchema.PREDICTION_ENABLED, Boolean.class)
                        .orElse(d.enabled()),
                config.getOptional(HealthSchema.PREDICTION_HORIZON, Duration.class)
                        .orElse(d.horizon()),
                config.getOptional(HealthSchema.PREDICTION_WINDOW, Integer.class)
                        .orElse(d.window()),
                config.getOptional(HealthSchema.PREDICTION_MIN_SAMPLES, Integer.class)
                        .orElse(d.minSamples()),
                config.getOptional(HealthSchema.PREDICTION_MIN_CONFIDENCE, Double.class)
                        .orElse(d.minConfidence()),
                config.getOptional(HealthSchema.PREDICTION_SMOOTHING, Double.class)
                        .orElse(d.smoothing()));
    }

    @Override
    public void stop() {
        HealthEngine e = engine;
        if (e != null) {
            e.close();
        }
        HealthMeters m = meters;
        if (m != null) {
            m.close();
            meters = null;
        }
        EventProbes followed = eventProbes;
        if (followed != null) {
            followed.close();
            eventProbes = null;
        }
        ThreadPoolExecutor p = pool;
        if (p != null) {
            // Interrupts runs in flight; a probe that ignores interrupts keeps its daemon thread.
            p.shutdownNow();
            pool = null;
        }
    }

    @Override
    public HealthReport report() {
        HealthEngine e = engine;
        return e == null
                ? new HealthReport(HealthStatus.UNKNOWN, java.time.Instant.EPOCH, Map.of(), Map.of())
                : e.report();
    }

    @Override
    public Optional<HealthReport> report(String group) {
        HealthEngine e = engine;
        return e == null ? Optional.empty() : e.report(group);
    }

    @Override
    public Optional<CheckHistory> history(String check) {
        HealthEngine e = engine;
        return e == null ? Optional.empty() : e.history(check);
    }

    private static ThreadPoolExecutor newPool(int threads, int queue) {
        AtomicInteger count = new AtomicInteger();
        ThreadFactory factory = r -> {
            Thread t = new Thread(r, "armature-health-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
        return new ThreadPoolExecutor(
                threads, threads, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(queue), factory);
    }
}

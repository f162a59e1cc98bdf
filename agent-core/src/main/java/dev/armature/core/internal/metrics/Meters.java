package dev.armature.core.internal.metrics;

import static java.util.Objects.requireNonNull;

import dev.armature.api.time.TimeSource;
import dev.armature.core.internal.event.DefaultEventBus;
import dev.armature.core.metrics.MicrometerExtension;
import dev.armature.core.metrics.TimeSourceClock;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.simple.SimpleConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;
import java.util.function.IntSupplier;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Internal: the system's meters. Holds the registry (the host's, from {@link MicrometerExtension},
 * or one of its own on the system's clock), applies the naming rules — {@code armature.<area>.<thing>},
 * common tags {@code application} and {@code instance}, the cardinality guard — and records the
 * orchestrator's, the event bus's and the errors service's meters. On close it removes every meter it registered, so a
 * host registry does not keep a stopped system alive.
 */
public final class Meters {
    /** Every Armature meter's name starts with this. */
    public static final String PREFIX = "armature.";

    static final String APPLICATION = "application";
    static final String INSTANCE = "instance";
    static final String DEFAULT_INSTANCE = "local";
    static final String START_SUCCESS = "success";
    /** The stop timer's outcome tag of a clean stop: the orchestrator's outcome name in lower case. */
    static final String STOP_SUCCESS = "succeeded";

    private final MeterRegistry registry;
    private final CardinalityGuard guard;
    private final Set<Meter> registered = ConcurrentHashMap.newKeySet();
    private final Map<String, Meter> byKey = new ConcurrentHashMap<>();
    private final Map<String, Timer> startSucceeded = new ConcurrentHashMap<>();
    private final Map<String, Timer> stopSucceeded = new ConcurrentHashMap<>();

    private final boolean hostRegistry;

    private Meters(MeterRegistry registry, CardinalityGuard guard, boolean hostRegistry) {
        this.registry = registry;
        this.guard = guard;
        this.hostRegistry = hostRegistry;
    }

    /**
     * Sets up the meters of one system.
     *
     * @param application the system's name, the {@code application} tag
     * @param extension the host's registry, if it gave one
     * @param time the system's time, for a registry of the system's own
     * @return the meters
     */
    public static Meters create(String application, Optional<MicrometerExtension> extension, TimeSource time) {
        requireNonNull(application, "application");
        MeterRegistry registry = extension
                .map(MicrometerExtension::meterRegistry)
                .orElseGet(() -> new SimpleMeterRegistry(SimpleConfig.DEFAULT, new TimeSourceClock(time)));
        int max = extension.map(MicrometerExtension::maxTagValues).orElse(MicrometerExtension.DEFAULT_MAX_TAG_VALUES);
        String instance = extension.flatMap(MicrometerExtension::instance).orElse(DEFAULT_INSTANCE);
        CardinalityGuard guard = new CardinalityGuard(max, Set.of(APPLICATION, INSTANCE));
        Tags common = Tags.of(APPLICATION, application, INSTANCE, instance);
        registry.config()
                .meterFilter(new MeterFilter() {
                    // Only Armature's meters: the host's own keep the tags the host gave them.
                    @Override
                    public Meter.Id map(Meter.Id id) {
                        return id.getName().startsWith(PREFIX) ? id.withTags(common) : id;
                    }
                })
                .meterFilter(guard);
        Meters meters = new Meters(registry, guard, extension.isPresent());
        meters.keep(FunctionCounter.builder("armature.metrics.cardinality.overflow", guard, CardinalityGuard::folded)
                .description("Tag values folded into OTHER by the cardinality guard")
                .register(registry));
        return meters;
    }

    /** Returns the registry Armature's meters live in. */
    public MeterRegistry registry() {
        return registry;
    }

    /** Returns how many tag values the guard has folded. */
    public long folded() {
        return guard.folded();
    }

    /** Records how long a component's start took and whether it succeeded. */
    public void componentStarted(String component, Duration duration, boolean succeeded) {
        @Nullable Timer bound = succeeded ? startSucceeded.get(component) : null;
        if (bound != null) {
            bound.record(duration); // the common case: no key to build, no registration
            return;
        }
        String outcome = succeeded ? START_SUCCESS : "failure";
        cached("armature.component.start", component, outcome, () -> startTimer(component, outcome))
                .record(duration);
    }

    /** Records how long a component's stop took and how it ended. */
    public void componentStopped(String component, Duration duration, String outcome) {
        @Nullable Timer bound = STOP_SUCCESS.equals(outcome) ? stopSucceeded.get(component) : null;
        if (bound != null) {
            bound.record(duration);
            return;
        }
        cached("armature.component.stop", component, outcome, () -> stopTimer(component, outcome))
                .record(duration);
    }

    private Timer startTimer(String component, String outcome) {
        return keep(Timer.builder("armature.component.start")
                .description("Component starts, by outcome")
                .tags("component", component, "outcome", outcome)
                .register(registry));
    }

    private Timer stopTimer(String component, String outcome) {
        return keep(Timer.builder("armature.component.stop")
                .description("Component stops, by outcome")
                .tags("component", component, "outcome", outcome)
                .register(registry));
    }

    /** Counts a restart the supervisor scheduled. */
    public void componentRestarted(String component) {
        cached("armature.component.restarts", component, "", () -> Counter.builder("armature.component.restarts")
                        .description("Restarts scheduled by the supervisor")
                        .tag("component", component)
                        .register(registry))
                .increment();
    }

    /** Counts an escalation: the supervisor gave up on a component. */
    public void componentEscalated(String component) {
        cached("armature.component.escalations", component, "", () -> Counter.builder("armature.component.escalations")
                        .description("Components the supervisor gave up on")
                        .tag("component", component)
                        .register(registry))
                .increment();
    }

    /**
     * Counts an error recorded by the errors service, by origin and class; never by fingerprint, whose
     * values are unbounded.
     */
    public void errorRecorded(String origin, String errorClass) {
        cached("armature.errors.recorded", origin, errorClass, () -> Counter.builder("armature.errors.recorded")
                        .description("Errors recorded, by origin and error class")
                        .tags("origin", origin, "class", errorClass)
                        .register(registry))
                .increment();
    }

    /** Counts a finished recovery step, by step name (bounded: the chains' steps) and outcome. */
    public void recoveryStep(String step, String outcome) {
        cached("armature.recovery.steps", step, outcome, () -> Counter.builder("armature.recovery.steps")
                        .description("Recovery steps finished, by step and outcome")
                        .tags("step", step, "outcome", outcome)
                        .register(registry))
                .increment();
    }

    /** Publishes the number of recoveries in progress and whether the system is in safe mode. */
    public void bindRecovery(IntSupplier active, BooleanSupplier safeMode) {
        keep(Gauge.builder("armature.recovery.active", active, a -> a.getAsInt())
                .description("Recoveries in progress")
                .strongReference(true)
                .register(registry));
        keep(Gauge.builder("armature.emergency.safe-mode", safeMode, s -> s.getAsBoolean() ? 1 : 0)
                .description("1 while the system is in safe mode")
                .strongReference(true)
                .register(registry));
    }

    /**
     * Returns a component's meter, registering it (through the filters) only the first time: a
     * start or stop then costs one map lookup, not a builder and a pass through every filter.
     */
    @SuppressWarnings("unchecked") // each key is only ever registered by one builder, of one meter type
    private <M extends Meter> M cached(String name, String component, String outcome, Supplier<M> register) {
        return (M) byKey.computeIfAbsent(name + '\u0000' + component + '\u0000' + outcome, k -> keep(register.get()));
    }

    /**
     * Registers a component's meters with the system: the gauge that publishes 1 while the
     * component runs, 0 otherwise, and the timers of its successful start and stop, so that
     * recording a start or stop, on the path of every start, registers nothing.
     */
    public void bindComponent(String component, BooleanSupplier running) {
        keep(Gauge.builder("armature.component.running", running, r -> r.getAsBoolean() ? 1 : 0)
                .description("1 while the component is RUNNING")
                .tag("component", component)
                .strongReference(true)
                .register(registry));
        startSucceeded.put(component, startTimer(component, START_SUCCESS));
        stopSucceeded.put(component, stopTimer(component, STOP_SUCCESS));
    }

    /** Publishes the bus's published, delivered and dropped events and its listener failures. */
    public void bindEventBus(DefaultEventBus bus) {
        keep(FunctionCounter.builder("armature.events.published", bus, DefaultEventBus::published)
                .description("Events published on the system's bus")
                .register(registry));
        keep(FunctionCounter.builder("armature.events.delivered", bus, DefaultEventBus::delivered)
                .description("Events handed to listeners")
                .register(registry));
        keep(FunctionCounter.builder("armature.events.dropped", bus, DefaultEventBus::dropped)
                .description("Events dropped because a subscriber's queue was full")
                .register(registry));
        keep(FunctionCounter.builder("armature.events.listener.failures", bus, DefaultEventBus::listenerFailures)
                .description("Listener calls that threw")
                .register(registry));
    }

    /**
     * Removes every meter this system registered from a host's registry, so that it does not keep a
     * stopped system alive; a registry of the system's own keeps them for a last read.
     */
    public void close() {
        if (!hostRegistry) {
            return;
        }
        for (Meter m : registered) {
            registry.remove(m);
        }
        registered.clear();
        byKey.clear();
        startSucceeded.clear();
        stopSucceeded.clear();
    }

    /** Removes a meter kept with {@link #keep} before the system closes, as when its subject goes away. */
    public void forget(Meter meter) {
        registered.remove(meter);
        registry.remove(meter);
    }

    /**
     * Keeps a meter that another part of the runtime registered in {@link #registry()}, so that
     * {@link #close()} removes it from a host's registry with the rest.
     */
    public <M extends Meter> M keep(M meter) {
        registered.add(meter);
        return meter;
    }
}

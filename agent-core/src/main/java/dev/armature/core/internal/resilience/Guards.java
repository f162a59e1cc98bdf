package dev.armature.core.internal.resilience;

import static java.util.Objects.requireNonNull;

import dev.armature.api.LogFields;
import dev.armature.api.config.Config;
import dev.armature.api.config.ConfigException;
import dev.armature.api.config.ConfigSnapshot;
import dev.armature.api.config.ConfigViolation;
import dev.armature.api.event.EventBus;
import dev.armature.api.event.Subscription;
import dev.armature.api.resilience.CircuitState;
import dev.armature.api.resilience.ErrorClass;
import dev.armature.api.resilience.Guard;
import dev.armature.api.resilience.GuardEvent;
import dev.armature.api.time.RandomSource;
import dev.armature.api.time.Scheduler;
import dev.armature.api.time.TimeSource;
import dev.armature.core.internal.metrics.CardinalityGuard;
import dev.armature.core.internal.metrics.Meters;
import dev.armature.core.internal.recovery.RecoveryEngine;
import dev.armature.core.internal.recovery.SafeModeSwitch;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Internal: the system's guards by name. Makes each guard on first use from {@code
 * armature.guards.<name>.*}, returns the same one afterwards, and rebuilds the layers of every guard
 * when a key under {@code armature.guards} changes. Thread-safe.
 */
public final class Guards implements RecoveryEngine.GuardActions, SafeModeSwitch.Circuits {
    private static final Logger log = LoggerFactory.getLogger(Guards.class);
    /** Lower-case dotted: 1 to 4 segments of letters, digits and dashes, each starting with a letter. */
    private static final Pattern NAME =
            Pattern.compile("[a-z][a-z0-9-]*(\\.[a-z][a-z0-9-]*){0," + (GuardSchema.MAX_NAME_SEGMENTS - 1) + "}");

    static final int MAX_KEY_LENGTH = 200;
    /** The event source of guards. */
    public static final String SOURCE = "guard";

    final Config config;
    final TimeSource time;
    final Scheduler scheduler;
    final Executor workers;
    final RandomSource random;
    final ErrorClassifiers classifiers;
    final Meters meters;
    private final EventBus bus;
    private final Map<String, DefaultGuard> guards = new ConcurrentHashMap<>();
    private final Map<String, GuardOverrides> overrides = new ConcurrentHashMap<>();
    /** Per guard name, the keys that got a meter tag of their own. */
    private final Map<String, Set<String>> taggedKeys = new ConcurrentHashMap<>();

    private final Subscription configChanges;
    private final Subscription configVeto;
    private volatile GuardFailureSink sink = GuardFailureSink.NONE;

    /**
     * Creates the registry and starts following configuration changes.
     *
     * @param config the system's configuration
     * @param bus the event bus guard events go to
     * @param time the system's time
     * @param scheduler the system's scheduler, for retry delays and time limits
     * @param workers the executor that runs time-limited synchronous attempts
     * @param random the system's random source, for jitter
     * @param classifiers the classifier chain
     * @param meters the system's meters
     */
    public Guards(
            Config config,
            EventBus bus,
            TimeSource time,
            Scheduler scheduler,
            Executor workers,
            RandomSource random,
            ErrorClassifiers classifiers,
            Meters meters) {
        this.config = requireNonNull(config, "config");
        this.bus = requireNonNull(bus, "bus");
        this.time = requireNonNull(time, "time");
        this.scheduler = requireNonNull(scheduler, "scheduler");
        this.workers = requireNonNull(workers, "workers");
        this.random = requireNonNull(random, "random");
        this.classifiers = requireNonNull(classifiers, "classifiers");
        this.meters = requireNonNull(meters, "meters");
        this.configChanges = config.onChange("armature.guards", changes -> reconfigure());
        this.configVeto = config.addValidator(this::validate);
    }

    private static final String ADAPTIVE_SECTION = ".adaptive-limiter.";

    /**
     * Vetoes a change after which a guard could not be built: the schema checks each key alone, but
     * the adaptive limiter's options must also agree with each other (a minimum above the maximum)
     * and with its algorithm (a Gradient2 option under AIMD).
     * Every guard in use is checked, and every guard the change gives adaptive-limiter keys.
     */
    private List<ConfigViolation> validate(ConfigSnapshot proposed) {
        Set<String> names = new TreeSet<>(guards.keySet());
        for (String key : proposed.keys()) {
            int section = key.indexOf(ADAPTIVE_SECTION);
            if (key.startsWith(GuardSettings.PREFIX) && section > GuardSettings.PREFIX.length()) {
                names.add(key.substring(GuardSettings.PREFIX.length(), section));
            }
        }
        List<ConfigViolation> violations = new ArrayList<>();
        for (String name : names) {
            try {
                var unused = GuardSettings.read(proposed, name);
            } catch (ConfigException e) {
                String key = e.key().orElse(GuardSettings.PREFIX + name);
                String message = String.valueOf(e.getMessage());
                violations.add(proposed.origin(key)
                        .map(origin -> ConfigViolation.of(key, message, origin))
                        .orElseGet(() -> ConfigViolation.missing(key, message)));
            }
        }
        return violations;
    }

    /**
     * Returns the guard of a name, made on first use.
     *
     * @param name lower-case dotted, 1 to 4 segments, not {@code default}
     * @return the guard
     * @throws IllegalArgumentException naming the rule, when the name breaks it
     */
    public Guard guard(String name) {
        requireNonNull(name, "name");
        DefaultGuard g = guards.get(name);
        if (g != null) {
            return g;
        }
        validateName(name);
        return guards.computeIfAbsent(
                name,
                n -> new DefaultGuard(this, n, null, GuardMeters.NO_KEY, GuardSettings.read(config.snapshot(), n)));
    }

    GuardOverrides overrides(String name) {
        return overrides.computeIfAbsent(name, n -> new GuardOverrides());
    }

    /** Makes the guards of a name keep the value of their last success, for a last-good fallback. */
    @Override
    public void rememberLastGood(String name) {
        validateName(name);
        overrides(name).rememberLastGood = true;
    }

    /**
     * Makes every failed call of the guards of a name answer with a fallback's value, until {@link
     * #stopAnswering}.
     */
    @Override
    public void answerWith(String name, Function<Throwable, ?> answer) {
        validateName(name);
        overrides(name).answer = requireNonNull(answer, "answer");
    }

    /**
     * Makes every failed call of the guards of a name answer with the value of their last success.
     *
     * @return whether there was one; when not, nothing changed
     */
    @Override
    public boolean answerWithLastGood(String name) {
        validateName(name);
        GuardOverrides o = overrides(name);
        Object value = o.lastGood();
        if (value == null) {
            return false;
        }
        o.answer = failure -> value;
        return true;
    }

    @Override
    public CircuitState circuitState(String name) {
        return guard(name).circuitState();
    }

    /** Ends an answer set by {@link #answerWith} or {@link #answerWithLastGood}. */
    @Override
    public void stopAnswering(String name) {
        overrides(name).answer = null;
    }

    /** The holder under which safe mode forces circuits open. */
    public static final String SAFE_MODE_HOLDER = "safe-mode";

    /** Forces a circuit open for safe mode; see {@link #forceOpen(String, String, String)}. */
    @Override
    public boolean forceOpen(String name, String reason) {
        return forceOpen(name, SAFE_MODE_HOLDER, reason);
    }

    /** Releases safe mode's hold on a circuit; see {@link #release(String, String, String)}. */
    @Override
    public boolean release(String name, String reason) {
        return release(name, SAFE_MODE_HOLDER, reason);
    }

    /**
     * Forces the circuit of the guards of a name open on behalf of a holder: every call is rejected
     * as CIRCUIT_OPEN while any holder holds it, whatever the breaker's own state, and across
     * reconfigurations.
     *
     * @return whether this call took the hold; false when the holder held it already
     */
    public boolean forceOpen(String name, String holder, String reason) {
        validateName(name);
        requireNonNull(holder, "holder");
        requireNonNull(reason, "reason");
        if (holder.isBlank()) {
            throw new IllegalArgumentException("forcing the circuit of guard " + name + " open needs a holder, such as"
                    + " runbook, so that only the holder releases it");
        }
        GuardOverrides.Hold hold = overrides(name).hold(holder, reason);
        if (hold == GuardOverrides.Hold.FORCED) {
            // Made now if not yet used, so that its state shows the force and the event is published.
            ((DefaultGuard) guard(name)).forcedOpenChanged(true, reason);
        }
        return hold != GuardOverrides.Hold.ALREADY_HELD;
    }

    /** Releases a holder's hold on a circuit; returns whether it held it. */
    public boolean release(String name, String holder, String reason) {
        GuardOverrides o = overrides.get(name);
        if (o == null) {
            return false;
        }
        GuardOverrides.Hold released = o.release(holder);
        if (released == GuardOverrides.Hold.FORCED) {
            ((DefaultGuard) guard(name)).forcedOpenChanged(false, reason);
        }
        return released != GuardOverrides.Hold.ALREADY_HELD;
    }

    static void validateName(String name) {
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("guard name \"" + name + "\" is not lower-case dotted: use 1 to "
                    + GuardSchema.MAX_NAME_SEGMENTS + " segments of a-z, 0-9 and '-', each starting with a letter,"
                    + " for example model.chat");
        }
        if (name.equals(GuardSettings.DEFAULT_SECTION)) {
            throw new IllegalArgumentException("guard name \"default\" is reserved for the settings every guard"
                    + " falls back to (armature.guards.default.*); choose another name");
        }
    }

    /** Sets where guards report their operations' failures; the error service connects here. */
    public void failureSink(GuardFailureSink sink) {
        this.sink = requireNonNull(sink, "sink");
    }

    void failed(String guard, String key, Throwable error, ErrorClass errorClass) {
        try {
            sink.failed(guard, key, error, errorClass);
        } catch (RuntimeException e) {
            log.atWarn()
                    .addKeyValue(LogFields.GUARD, guard)
                    .setCause(e)
                    .log("the guard failure sink threw; the failure was not recorded");
        }
    }

    void publish(GuardEvent event) {
        bus.publish(SOURCE, event);
    }

    /** Returns the meter tag of a key: the key itself for the first {@code maxTagged} keys, else OTHER. */
    String keyTag(String guard, String key, int maxTagged) {
        Set<String> tagged = taggedKeys.computeIfAbsent(guard, g -> ConcurrentHashMap.newKeySet());
        if (tagged.contains(key)) {
            return key;
        }
        synchronized (tagged) {
            if (tagged.size() < maxTagged) {
                tagged.add(key);
                return key;
            }
        }
        return CardinalityGuard.OTHER;
    }

    /** Re-reads every guard's settings; guards whose settings did not change keep everything. */
    void reconfigure() {
        var snapshot = config.snapshot();
        for (DefaultGuard g : guards.values()) {
            try {
                g.reconfigure(GuardSettings.read(snapshot, g.name()));
            } catch (RuntimeException e) {
                log.atError()
                        .addKeyValue(LogFields.GUARD, g.name())
                        .setCause(e)
                        .log("could not apply the new guard settings; the guard keeps its previous ones");
            }
        }
    }

    /** Stops following configuration changes. */
    public void close() {
        configChanges.close();
        configVeto.close();
    }
}

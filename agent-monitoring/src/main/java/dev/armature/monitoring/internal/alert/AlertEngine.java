package dev.armature.monitoring.internal.alert;

import dev.armature.api.Component;
import dev.armature.api.ComponentContext;
import dev.armature.api.ComponentDescriptor;
import dev.armature.api.config.ConfigException;
import dev.armature.api.event.EventBus;
import dev.armature.api.monitoring.Alert;
import dev.armature.api.monitoring.AlertEvent;
import dev.armature.api.monitoring.AlertRule;
import dev.armature.api.monitoring.Alerts;
import dev.armature.api.state.StateStore;
import dev.armature.api.state.Versioned;
import dev.armature.api.time.Cancellable;
import dev.armature.api.time.TimeSource;
import dev.armature.spi.monitoring.AlertRuleSource;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Internal: the alert engine, a component that evaluates every rule — from {@link AlertRuleSource}s
 * and {@code armature.alerts.rules.*} — each {@code armature.alerts.interval} on the system's
 * scheduler, publishes the {@link AlertEvent}s of transitions with the source {@value #SOURCE},
 * saves each alert's state in the state store (namespace {@value #NAMESPACE}) when it changes, and
 * restores it on start, so a firing alert keeps firing across a restart without firing again.
 *
 * <p>One alert per rule, labelled with the rule's labels; alerts per series (one per tag value of
 * the meters read) are not supported. Thread-safe: evaluations are serialised, {@link #active()}
 * reads the alerts as of the last one.
 */
public final class AlertEngine implements Component, Alerts {
    /** The component's name. */
    public static final String NAME = "armature.alerts";

    /** The source of every event the engine publishes. */
    public static final String SOURCE = "alerts";

    /** The state store's namespace of alert states, one key per rule name. */
    public static final String NAMESPACE = "armature.alerts";

    private static final Logger log = LoggerFactory.getLogger(AlertEngine.class);

    private final List<AlertRule> hostRules;
    private final Object lock = new Object();
    private volatile List<Alert> active = List.of();
    private @Nullable Run run;

    /** What one start set up: gone on stop. */
    private record Run(
            List<RuleEvaluator> rules,
            Map<String, AlertStateMachine.State> saved,
            TimeSource time,
            EventBus events,
            MeterRegistry registry,
            StateStore store,
            Cancellable task) {}

    /**
     * Creates an engine.
     *
     * @param hostRules the rules the host gave on the builder
     */
    public AlertEngine(List<AlertRule> hostRules) {
        this.hostRules = List.copyOf(hostRules);
    }

    @Override
    public ComponentDescriptor descriptor() {
        return ComponentDescriptor.of(NAME);
    }

    @Override
    public void start(ComponentContext context) {
        List<AlertRule> rules = new ArrayList<>();
        Map<String, String> origins = new LinkedHashMap<>();
        add(rules, origins, hostRules, "the host's AlertRulesExtension");
        for (AlertRuleSource source : context.contributions(AlertRuleSource.class)) {
            add(
                    rules,
                    origins,
                    source.rules(),
                    "rule source " + source.getClass().getName());
        }
        add(rules, origins, AlertConfig.rules(context.config().snapshot()), "configuration");
        Duration interval = AlertConfig.interval(context.config().snapshot());
        StateStore store = context.service(StateStore.class);
        MeterRegistry registry = context.service(MeterRegistry.class);
        List<RuleEvaluator> evaluators = new ArrayList<>();
        Map<String, AlertStateMachine.State> saved = new LinkedHashMap<>();
        for (AlertRule rule : rules) {
            AlertStateMachine.State state = restore(store, rule.name());
            evaluators.add(new RuleEvaluator(rule, state));
            saved.put(rule.name(), state);
        }
        for (String key : store.keys(NAMESPACE)) {
            if (!saved.containsKey(key)) {
                store.delete(NAMESPACE, key); // the rule is gone, and with it its alert
            }
        }
        synchronized (lock) {
            Cancellable task = context.scheduler().scheduleAtFixedRate(interval, interval, this::evaluateSafely);
            run = new Run(
                    List.copyOf(evaluators), saved, context.timeSource(), context.events(), registry, store, task);
            publishActive(evaluators);
        }
        log.atInfo()
                .addKeyValue("rules", evaluators.size())
                .addKeyValue("interval", interval)
                .log("alert engine started");
    }

    private static void add(List<AlertRule> rules, Map<String, String> origins, List<AlertRule> more, String origin) {
        for (AlertRule rule : more) {
            String before = origins.putIfAbsent(rule.name(), origin);
            if (before != null) {
                throw new ConfigException(
                        AlertConfig.INVALID_RULE,
                        "two alert rules are named '" + rule.name() + "', from " + before + " and from " + origin
                                + ": rename one",
                        null,
                        null);
            }
            rules.add(rule);
        }
    }

    private static AlertStateMachine.State restore(StateStore store, String rule) {
        Optional<Versioned> stored = store.get(NAMESPACE, rule);
        if (stored.isEmpty()) {
            return AlertStateMachine.State.INITIAL;
        }
        try {
            return AlertStateCodec.decode(stored.get().value());
        } catch (IOException e) {
            // An unreadable state must not keep the engine down; the alert starts afresh, said loudly.
            log.atWarn()
                    .addKeyValue("rule", rule)
                    .addKeyValue("namespace", NAMESPACE)
                    .setCause(e)
                    .log("alert state unreadable; the alert starts afresh");
            return AlertStateMachine.State.INITIAL;
        }
    }

    @Override
    public void stop() {
        synchronized (lock) {
            Run r = run;
            if (r != null) {
                r.task().cancel();
                run = null;
            }
        }
    }

    private void evaluateSafely() {
        try {
            evaluate();
        } catch (RuntimeException e) {
            // The scheduler must keep ticking: one bad tick (a meter that throws) is logged, not fatal.
            log.atError().setCause(e).log("alert evaluation failed");
        }
    }

    /** Evaluates every rule once, now; what each tick does. */
    public void evaluate() {
        synchronized (lock) {
            Run r = run;
            if (r == null) {
                return;
            }
            Instant now = r.time().now();
            MeterReader readings = MeterReader.of(r.registry()); // one view of the meters per tick
            for (RuleEvaluator rule : r.rules()) {
                Optional<AlertEvent> event = rule.evaluate(now, readings);
                AlertStateMachine.State state = rule.snapshot();
                AlertStateMachine.State before = r.saved().get(rule.rule().name());
                if (before == null || changed(before, state)) {
                    save(r, rule.rule().name(), state);
                }
                event.ifPresent(e -> r.events().publish(SOURCE, e));
            }
            publishActive(r.rules());
        }
    }

    /** Saves a state; a store that fails is retried at the next tick, and the event goes out regardless. */
    private static void save(Run r, String rule, AlertStateMachine.State state) {
        try {
            r.store().put(NAMESPACE, rule, AlertStateCodec.encode(state));
            r.saved().put(rule, state);
        } catch (RuntimeException e) {
            log.atWarn()
                    .addKeyValue("rule", rule)
                    .addKeyValue("namespace", NAMESPACE)
                    .setCause(e)
                    .log("alert state not saved; retried at the next evaluation");
        }
    }

    /** Whether a state differs in more than its last value, which alone is not worth a write. */
    private static boolean changed(AlertStateMachine.State a, AlertStateMachine.State b) {
        return a.state() != b.state()
                || !a.activeSince().equals(b.activeSince())
                || !a.firedAt().equals(b.firedAt())
                || !a.resolvingSince().equals(b.resolvingSince())
                || a.breaches() != b.breaches()
                || a.evaluations() != b.evaluations();
    }

    private void publishActive(List<RuleEvaluator> rules) {
        List<Alert> now = new ArrayList<>();
        for (RuleEvaluator rule : rules) {
            if (rule.active()) {
                now.add(rule.alert());
            }
        }
        now.sort(Comparator.comparing(Alert::rule));
        active = List.copyOf(now);
    }

    @Override
    public List<Alert> active() {
        return active;
    }

    /** Returns every alert, in any state, by rule name; for tests and diagnostics. */
    public List<Alert> all() {
        synchronized (lock) {
            Run r = run;
            List<Alert> all = new ArrayList<>();
            if (r != null) {
                r.rules().forEach(rule -> all.add(rule.alert()));
            }
            all.sort(Comparator.comparing(Alert::rule));
            return List.copyOf(all);
        }
    }

    /** The rules in force, for tests. */
    List<AlertRule> rules() {
        synchronized (lock) {
            Run r = run;
            return r == null
                    ? List.of()
                    : r.rules().stream().map(RuleEvaluator::rule).toList();
        }
    }
}

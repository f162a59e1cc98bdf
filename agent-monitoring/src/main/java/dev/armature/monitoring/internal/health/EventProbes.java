package dev.armature.monitoring.internal.health;

import dev.armature.api.ComponentEvent;
import dev.armature.api.ComponentState;
import dev.armature.api.event.EventBus;
import dev.armature.api.event.SubscribeOptions;
import dev.armature.api.event.Subscription;
import dev.armature.api.health.CheckKind;
import dev.armature.api.health.CheckOutcome;
import dev.armature.api.health.CheckSpec;
import dev.armature.api.health.Criticality;
import dev.armature.api.resilience.CircuitState;
import dev.armature.api.resilience.GuardEvent;
import dev.armature.spi.health.HealthProbe;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Internal: the built-in checks that follow events rather than poll: the components' lifecycle
 * states ({@code components}, critical: a FAILED component is DOWN, a RESTARTING one DEGRADED) and
 * the guards' circuits ({@code circuits}, non-critical: an OPEN or FORCED_OPEN circuit is
 * DEGRADED). Each holds the latest state per subject, fed by a subscription that replays current
 * state, and reads it when probed. {@link #close()} ends the subscriptions.
 */
final class EventProbes implements AutoCloseable {
    private final Map<String, ComponentState> components = new ConcurrentHashMap<>();
    private final Map<String, CircuitState> circuits = new ConcurrentHashMap<>();
    private final List<Subscription> subscriptions = new ArrayList<>();

    EventProbes(EventBus bus) {
        subscriptions.add(bus.subscribe(
                ComponentEvent.StateChanged.class,
                SubscribeOptions.withReplay(),
                e -> components.put(e.payload().component(), e.payload().to())));
        subscriptions.add(bus.subscribe(
                GuardEvent.CircuitStateChanged.class,
                SubscribeOptions.withReplay(),
                e -> circuits.put(
                        e.payload().guard()
                                + e.payload().key().map(k -> "[" + k + "]").orElse(""),
                        e.payload().to())));
    }

    List<HealthProbe> probes() {
        return List.of(
                HealthProbe.of(
                        CheckSpec.builder("components")
                                .kind(CheckKind.READINESS)
                                .addTag("components")
                                .interval(java.time.Duration.ofSeconds(5))
                                .build(),
                        () -> componentsOutcome(components)),
                HealthProbe.of(
                        CheckSpec.builder("circuits")
                                .kind(CheckKind.READINESS)
                                .criticality(Criticality.NON_CRITICAL)
                                .addTag("guards")
                                .interval(java.time.Duration.ofSeconds(5))
                                .build(),
                        () -> circuitsOutcome(circuits)));
    }

    static CheckOutcome componentsOutcome(Map<String, ComponentState> states) {
        Map<String, ComponentState> notRunning = new TreeMap<>();
        states.forEach((name, state) -> {
            if (state != ComponentState.RUNNING) {
                notRunning.put(name, state);
            }
        });
        List<String> failed = names(notRunning, ComponentState.FAILED);
        List<String> restarting = names(notRunning, ComponentState.RESTARTING);
        CheckOutcome outcome;
        if (!failed.isEmpty()) {
            outcome = CheckOutcome.down("failed: " + String.join(", ", failed));
        } else if (!restarting.isEmpty()) {
            outcome = CheckOutcome.degraded("restarting: " + String.join(", ", restarting));
        } else {
            outcome = CheckOutcome.up();
        }
        for (Map.Entry<String, ComponentState> e : notRunning.entrySet()) {
            outcome = outcome.withDetail(e.getKey(), e.getValue());
        }
        return outcome.withDetail("components", states.size());
    }

    static CheckOutcome circuitsOutcome(Map<String, CircuitState> states) {
        Map<String, CircuitState> open = new TreeMap<>();
        states.forEach((name, state) -> {
            if (state == CircuitState.OPEN || state == CircuitState.FORCED_OPEN || state == CircuitState.HALF_OPEN) {
                open.put(name, state);
            }
        });
        List<String> opened = new ArrayList<>();
        open.forEach((name, state) -> {
            if (state != CircuitState.HALF_OPEN) {
                opened.add(name);
            }
        });
        CheckOutcome outcome = opened.isEmpty()
                ? CheckOutcome.up()
                : CheckOutcome.degraded("open circuits: " + String.join(", ", opened));
        for (Map.Entry<String, CircuitState> e : open.entrySet()) {
            outcome = outcome.withDetail(e.getKey(), e.getValue());
        }
        return outcome.withDetail("circuits", states.size());
    }

    private static <S> List<String> names(Map<String, S> states, S wanted) {
        List<String> names = new ArrayList<>();
        states.forEach((name, state) -> {
            if (state.equals(wanted)) {
                names.add(name);
            }
        });
        return names;
    }

    @Override
    public void close() {
        subscriptions.forEach(Subscription::close);
        subscriptions.clear();
    }
}

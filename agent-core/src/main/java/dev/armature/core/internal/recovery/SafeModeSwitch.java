package dev.armature.core.internal.recovery;

import static java.util.Objects.requireNonNull;

import dev.armature.api.LogFields;
import dev.armature.api.event.EventBus;
import dev.armature.api.resilience.Emergency;
import dev.armature.api.resilience.EmergencyEvent;
import dev.armature.api.resilience.SafeMode;
import dev.armature.api.time.TimeSource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Internal: the {@link Emergency} of agent-core. Entering and leaving are serialised by this
 * object's lock, so each is applied whole; the components stop and start in the background.
 */
public final class SafeModeSwitch implements Emergency {
    /** The event source of safe-mode events. */
    public static final String SOURCE = "emergency";

    private static final Logger log = LoggerFactory.getLogger(SafeModeSwitch.class);

    /** What safe mode needs of the components. */
    public interface Components {
        /** Stops the non-essential components; returns their names. */
        List<String> suspendNonEssential(String reason);

        /** Starts again what {@link #suspendNonEssential} stopped. */
        void resumeSuspended(String reason);
    }

    /** What safe mode needs of the guards. */
    public interface Circuits {
        /** Forces a guard's circuit open; false when it was forced already. */
        boolean forceOpen(String guard, String reason);

        /** Releases a circuit forced open; false when it was not. */
        boolean release(String guard, String reason);
    }

    /** What safe mode needs of the configuration. */
    public interface Reloads {
        /** Holds back reloads from sources. */
        void freezeReloads(String reason);

        /** Applies what was held back, and reloads again as before. */
        void thawReloads();
    }

    private final EventBus bus;
    private final TimeSource time;
    private final Components components;
    private final Circuits guards;
    private final Reloads reloads;
    private final Supplier<List<String>> guardsToOpen;

    private @Nullable SafeMode current;
    private long enteredNanos;

    /**
     * Creates the switch.
     *
     * @param guardsToOpen reads {@code armature.emergency.safe-mode.open-guards} when safe mode is entered
     */
    public SafeModeSwitch(
            EventBus bus,
            TimeSource time,
            Components components,
            Circuits guards,
            Reloads reloads,
            Supplier<List<String>> guardsToOpen) {
        this.bus = bus;
        this.time = time;
        this.components = components;
        this.guards = guards;
        this.reloads = reloads;
        this.guardsToOpen = guardsToOpen;
    }

    @Override
    public synchronized boolean enterSafeMode(String reason) {
        requireNonNull(reason, "reason");
        if (reason.isBlank()) {
            throw new IllegalArgumentException("safe mode needs a reason; say why, for the people who read the events");
        }
        if (current != null) {
            return false;
        }
        // First what can refuse (a system that is not running), so that nothing is half-entered.
        List<String> stopped = components.suspendNonEssential(reason);
        reloads.freezeReloads(reason);
        List<String> opened = new ArrayList<>();
        for (String guard : guardsToOpen.get()) {
            try {
                if (guards.forceOpen(guard, "safe mode: " + reason)) {
                    opened.add(guard);
                }
            } catch (IllegalArgumentException e) {
                log.atError()
                        .addKeyValue(LogFields.GUARD, guard)
                        .addKeyValue("key", "armature.emergency.safe-mode.open-guards")
                        .log("safe mode cannot open a guard whose name is invalid; fix the setting");
            }
        }
        SafeMode entered = new SafeMode(reason, time.now(), stopped, opened);
        current = entered;
        enteredNanos = time.nanoTime();
        log.atError()
                .addKeyValue("reason", reason)
                .addKeyValue("stopped", stopped)
                .addKeyValue("opened", opened)
                .log("entered safe mode");
        bus.publish(SOURCE, new EmergencyEvent.SafeModeEntered(entered));
        return true;
    }

    @Override
    public synchronized boolean exitSafeMode() {
        SafeMode was = current;
        if (was == null) {
            return false;
        }
        current = null;
        for (String guard : was.openedGuards()) {
            var unused = guards.release(guard, "safe mode ended");
        }
        reloads.thawReloads();
        components.resumeSuspended("safe mode ended");
        Duration lasted = Duration.ofNanos(time.nanoTime() - enteredNanos);
        log.atWarn()
                .addKeyValue("reason", was.reason())
                .addKeyValue("lasted", lasted)
                .log("left safe mode");
        bus.publish(SOURCE, new EmergencyEvent.SafeModeExited(was, lasted));
        return true;
    }

    @Override
    public synchronized Optional<SafeMode> safeMode() {
        return Optional.ofNullable(current);
    }
}

package dev.armature.core.internal.orchestrator;

import dev.armature.api.Checkpoint;
import dev.armature.api.Checkpointable;
import dev.armature.api.ComponentEvent;
import dev.armature.api.LogFields;
import dev.armature.api.event.EventBus;
import dev.armature.api.state.StateStore;
import dev.armature.api.state.Versioned;
import dev.armature.api.time.TimeSource;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Internal: keeps the last {@value #KEPT} checkpoints of each component in the state store, in
 * rotating slots, and finds the newest intact one, skipping (with an event) any that fails its
 * checksum. The store is reached only when a checkpointable component needs it, so a system without
 * one never touches its data directory. Thread-safe.
 */
final class Checkpoints {
    static final String NAMESPACE = "armature.checkpoints";
    static final int KEPT = 3;
    private static final Logger log = LoggerFactory.getLogger(Checkpoints.class);

    private final Supplier<StateStore> store;
    private final TimeSource time;
    private final EventBus bus;
    private final Map<String, Long> lastSequence = new ConcurrentHashMap<>();

    Checkpoints(Supplier<StateStore> store, TimeSource time, EventBus bus) {
        this.store = store;
        this.time = time;
        this.bus = bus;
    }

    static String key(String component, int slot) {
        return component + "#" + slot;
    }

    /**
     * Takes and stores a checkpoint of a running component; a failure is logged and the previous
     * ones stay. The caller announces the result with {@link #announce} once the component is free
     * again, so that whoever hears of it can ask for the next checkpoint at once.
     *
     * @return what was stored, or empty when taking it failed
     */
    Optional<ComponentEvent.CheckpointSaved> take(String name, Checkpointable component) {
        try {
            byte[] state = component.checkpoint();
            return Optional.of(save(name, component.checkpointVersion(), state));
        } catch (Exception e) {
            log.atWarn()
                    .addKeyValue(LogFields.COMPONENT, name)
                    .setCause(e)
                    .log("checkpoint failed; the previous checkpoints are kept");
            return Optional.empty();
        }
    }

    void announce(ComponentEvent.CheckpointSaved saved) {
        bus.publish(ComponentTable.SOURCE, saved);
    }

    private synchronized ComponentEvent.CheckpointSaved save(String component, String version, byte[] state) {
        long sequence = lastSequence.computeIfAbsent(component, this::newestStoredSequence) + 1;
        Checkpoint c = new Checkpoint(component, sequence, version, time.now(), state);
        store.get().put(NAMESPACE, key(component, (int) (sequence % KEPT)), CheckpointCodec.encode(c));
        lastSequence.put(component, sequence);
        return new ComponentEvent.CheckpointSaved(component, sequence, state.length);
    }

    private long newestStoredSequence(String component) {
        return read(component, false).map(Checkpoint::sequence).orElse(0L);
    }

    /** Returns the newest intact checkpoint, publishing an event for each damaged one passed over. */
    Optional<Checkpoint> newest(String component) {
        return read(component, true);
    }

    private Optional<Checkpoint> read(String component, boolean report) {
        return intact(component, report).stream().max(Comparator.comparingLong(Checkpoint::sequence));
    }

    /** Every intact checkpoint of a component, reporting (if asked) each damaged one. */
    private List<Checkpoint> intact(String component, boolean report) {
        List<Checkpoint> found = new ArrayList<>();
        StateStore s = store.get();
        for (int slot = 0; slot < KEPT; slot++) {
            Optional<Versioned> stored = s.get(NAMESPACE, key(component, slot));
            if (stored.isEmpty()) {
                continue;
            }
            try {
                found.add(CheckpointCodec.decode(component, stored.get().value()));
            } catch (CheckpointCodec.CorruptCheckpointException e) {
                if (report) {
                    log.atWarn()
                            .addKeyValue(LogFields.COMPONENT, component)
                            .addKeyValue("slot", slot)
                            .addKeyValue("reason", e.getMessage())
                            .log("skipping a damaged checkpoint");
                    bus.publish(
                            ComponentTable.SOURCE,
                            new ComponentEvent.CheckpointSkipped(component, slot, String.valueOf(e.getMessage())));
                }
            }
        }
        return found;
    }

    /**
     * Returns the newest intact checkpoint taken before a time and not among the excluded ones,
     * publishing an event for each damaged one passed over.
     */
    Optional<Checkpoint> newestBefore(String component, Instant before, Set<Long> excluded) {
        return intact(component, true).stream()
                .filter(c -> c.takenAt().isBefore(before) && !excluded.contains(c.sequence()))
                .max(Comparator.comparingLong(Checkpoint::sequence));
    }

    /**
     * Hands a checkpoint to the component's restore: the pinned one while it is still kept and
     * intact, otherwise the newest intact one, if any.
     *
     * @return the restored checkpoint's sequence, or 0 when none was restored
     */
    long restore(String name, Checkpointable component, long pinned) throws Exception {
        Optional<Checkpoint> chosen = Optional.empty();
        if (pinned > 0) {
            chosen = intact(name, false).stream()
                    .filter(c -> c.sequence() == pinned)
                    .findFirst();
        }
        if (chosen.isEmpty()) {
            chosen = newest(name);
        }
        if (chosen.isEmpty()) {
            return 0;
        }
        Checkpoint c = chosen.get();
        component.restore(c);
        lastSequence.merge(name, c.sequence(), Math::max);
        bus.publish(ComponentTable.SOURCE, new ComponentEvent.CheckpointRestored(name, c.sequence(), c.version()));
        return c.sequence();
    }
}

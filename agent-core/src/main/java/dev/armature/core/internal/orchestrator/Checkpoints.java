package dev.armature.core.internal.orchestrator;

import dev.armature.api.Checkpoint;
import dev.armature.api.Checkpointable;
import dev.armature.api.ComponentEvent;
import dev.armature.api.LogFields;
import dev.armature.api.event.EventBus;
import dev.armature.api.state.StateStore;
import dev.armature.api.state.Versioned;
import dev.armature.api.time.TimeSource;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
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

    /** Takes and stores a checkpoint of a running component; a failure is logged and the previous ones stay. */
    void take(String name, Checkpointable component) {
        try {
            byte[] state = component.checkpoint();
            save(name, component.checkpointVersion(), state);
        } catch (Exception e) {
            log.atWarn()
                    .addKeyValue(LogFields.COMPONENT, name)
                    .setCause(e)
                    .log("checkpoint failed; the previous checkpoints are kept");
        }
    }

    synchronized void save(String component, String version, byte[] state) {
        long sequence = lastSequence.computeIfAbsent(component, this::newestStoredSequence) + 1;
        Checkpoint c = new Checkpoint(component, sequence, version, time.now(), state);
        store.get().put(NAMESPACE, key(component, (int) (sequence % KEPT)), CheckpointCodec.encode(c));
        lastSequence.put(component, sequence);
        bus.publish(ComponentTable.SOURCE, new ComponentEvent.CheckpointSaved(component, sequence, state.length));
    }

    private long newestStoredSequence(String component) {
        return read(component, false).map(Checkpoint::sequence).orElse(0L);
    }

    /** Returns the newest intact checkpoint, publishing an event for each damaged one passed over. */
    Optional<Checkpoint> newest(String component) {
        return read(component, true);
    }

    private Optional<Checkpoint> read(String component, boolean report) {
        @Nullable Checkpoint newest = null;
        StateStore s = store.get();
        for (int slot = 0; slot < KEPT; slot++) {
            Optional<Versioned> stored = s.get(NAMESPACE, key(component, slot));
            if (stored.isEmpty()) {
                continue;
            }
            try {
                Checkpoint c = CheckpointCodec.decode(component, stored.get().value());
                if (newest == null || c.sequence() > newest.sequence()) {
                    newest = c;
                }
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
        return Optional.ofNullable(newest);
    }

    /** Hands the newest intact checkpoint, if any, to the component's restore. */
    void restore(String name, Checkpointable component) throws Exception {
        Optional<Checkpoint> newest = newest(name);
        if (newest.isPresent()) {
            component.restore(newest.get());
            lastSequence.merge(name, newest.get().sequence(), Math::max);
            bus.publish(
                    ComponentTable.SOURCE,
                    new ComponentEvent.CheckpointRestored(
                            name, newest.get().sequence(), newest.get().version()));
        }
    }
}

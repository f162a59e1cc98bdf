package dev.armature.core.internal.config;

import static java.util.Objects.requireNonNull;

import dev.armature.api.config.Config;
import dev.armature.api.config.ConfigCandidate;
import dev.armature.api.config.ConfigChange;
import dev.armature.api.config.ConfigChangeListener;
import dev.armature.api.config.ConfigDiff;
import dev.armature.api.config.ConfigEvent;
import dev.armature.api.config.ConfigException;
import dev.armature.api.config.ConfigSchema;
import dev.armature.api.config.ConfigSnapshot;
import dev.armature.api.config.ConfigUpdate;
import dev.armature.api.config.ConfigValidationException;
import dev.armature.api.config.ConfigValidator;
import dev.armature.api.config.ConfigVersion;
import dev.armature.api.config.ConfigViolation;
import dev.armature.api.config.Secret;
import dev.armature.api.event.EventBus;
import dev.armature.api.event.Subscription;
import dev.armature.api.state.StateStore;
import dev.armature.api.state.Versioned;
import dev.armature.api.time.Cancellable;
import dev.armature.api.time.Scheduler;
import dev.armature.api.time.TimeSource;
import dev.armature.core.internal.config.crypto.EncryptedValues;
import dev.armature.core.internal.recovery.SafeModeSwitch;
import dev.armature.spi.config.ConfigSource;
import dev.armature.spi.config.SourceValue;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Internal: the configuration manager. Each change — a source's new content, overrides, a rollback —
 * is one transaction: build a snapshot, validate it (schema, then validators, which may veto), hold
 * back keys that need a restart, commit by swapping one volatile reference, record the version,
 * then tell listeners. Changes are serialised by one lock; reads take none.
 */
public final class DefaultConfig implements Config, SafeModeSwitch.Reloads {
    private static final Logger LOG = LoggerFactory.getLogger(DefaultConfig.class);
    /** The state store namespace of the history. */
    public static final String NAMESPACE = "config";

    private static final String HISTORY_KEY = "history";
    static final String OVERRIDES = "overrides";

    private final SchemaIndex schema;
    private final Resolver resolver;
    private final List<Slot> slots;
    private final List<ConfigValidator> validators = new CopyOnWriteArrayList<>();
    private final List<Listener> listeners = new CopyOnWriteArrayList<>();
    private final EventBus bus;
    private final TimeSource time;
    private final MeterRegistry registry;
    private final ReentrantLock lock = new ReentrantLock();
    private final List<Cancellable> watches = new ArrayList<>();

    private volatile DefaultSnapshot current;
    private Map<String, String> overrides = Map.of();
    private Resolver.@Nullable Rollback rollback;
    private final ConfigHistory history;
    private @Nullable Supplier<StateStore> storeSupplier;
    private @Nullable StateStore store;
    private Set<String> heldBack = Set.of();
    private @Nullable Object lastPollFailure;
    /** Why reloads from sources are frozen (safe mode); null when they are not. Guarded by lock. */
    private @Nullable String frozenBy;

    private boolean historyDirty;
    private volatile @Nullable Scheduler historyWriter;
    /** Serialises history writes, which happen outside {@link #lock} so that fsyncs do not delay changes. */
    private final Object historyWrites = new Object();

    /** A source and what it held when last read. */
    private static final class Slot {
        final ConfigSource source;
        final int rank;
        volatile Layer layer;

        Slot(ConfigSource source, int rank, Layer layer) {
            this.source = source;
            this.rank = rank;
            this.layer = layer;
        }

        Layer read() {
            return new Layer(source.name(), source.ordinal(), rank, source.read());
        }
    }

    private record Listener(String prefix, ConfigChangeListener listener, AtomicLong failures) {}

    private DefaultConfig(
            SchemaIndex schema,
            Resolver resolver,
            List<Slot> slots,
            List<ConfigValidator> validators,
            EventBus bus,
            TimeSource time,
            MeterRegistry registry,
            DefaultSnapshot first) {
        this.schema = schema;
        this.resolver = resolver;
        this.slots = List.copyOf(slots);
        this.validators.addAll(validators);
        this.bus = bus;
        this.time = time;
        this.registry = registry;
        this.current = first;
        this.history =
                new ConfigHistory(first.get("armature.config.history.size", Integer.class, ConfigHistory.DEFAULT_SIZE));
    }

    /**
     * Reads every source and builds the first snapshot, which must pass the schema and validators.
     *
     * @param sources the sources, in the order added (a later source outranks an earlier one of the
     *     same ordinal)
     * @throws ConfigValidationException listing every violation of the first snapshot
     * @throws ConfigException if a source cannot be read
     */
    public static DefaultConfig create(
            List<ConfigSource> sources,
            List<ConfigSchema> schemas,
            List<ConfigValidator> validators,
            Resolver.Decryptor decryptor,
            EventBus bus,
            TimeSource time,
            MeterRegistry registry) {
        return create(sources, schemas, validators, decryptor, bus, time, registry, ConfigSource::read);
    }

    /** As above, taking each source's first content from {@code firstRead} (what bootstrap already read). */
    public static DefaultConfig create(
            List<ConfigSource> sources,
            List<ConfigSchema> schemas,
            List<ConfigValidator> validators,
            Resolver.Decryptor decryptor,
            EventBus bus,
            TimeSource time,
            MeterRegistry registry,
            Function<ConfigSource, Map<String, SourceValue>> firstRead) {
        SchemaIndex index = new SchemaIndex(schemas);
        Resolver resolver = new Resolver(index, decryptor);
        List<Slot> slots = new ArrayList<>();
        for (int i = 0; i < sources.size(); i++) {
            ConfigSource source = sources.get(i);
            slots.add(new Slot(source, i, new Layer(source.name(), source.ordinal(), i, firstRead.apply(source))));
        }
        List<Layer> layers = slots.stream().map(s -> s.layer).toList();
        Resolver.Resolution first = resolver.resolve(layers, null);
        List<ConfigViolation> violations = new ArrayList<>(first.violations());
        if (violations.isEmpty()) {
            for (ConfigValidator v : validators) {
                violations.addAll(v.validate(first.snapshot().withVersion(1)));
            }
        }
        if (!violations.isEmpty()) {
            throw new ConfigValidationException("the first configuration snapshot", violations);
        }
        first.deprecations().forEach(DefaultConfig::logDeprecation);
        DefaultConfig config = new DefaultConfig(
                index,
                resolver,
                slots,
                validators,
                bus,
                time,
                registry,
                first.snapshot().withVersion(1));
        config.history.add(config.record(config.current, "startup", ConfigHistory.diff(null, config.current)));
        return config;
    }

    @Override
    public ConfigSnapshot snapshot() {
        return current;
    }

    @Override
    public <T> T get(String key, Class<T> type) {
        return current.get(key, type);
    }

    @Override
    public <T> Optional<T> getOptional(String key, Class<T> type) {
        return current.getOptional(key, type);
    }

    @Override
    public List<ConfigCandidate> explain(String key) {
        DefaultSnapshot s = current;
        Entry effective = s.entry(key);
        List<ConfigCandidate> out = new ArrayList<>();
        boolean secret = (effective != null && effective.secret())
                || schema.find(key).map(p -> p.secret()).orElse(false);
        List<Candidate> candidates = s.candidates(key);
        for (int i = 0; i < candidates.size(); i++) {
            Candidate c = candidates.get(i);
            String shown = secret || EncryptedValues.isEncrypted(c.value().text())
                    ? Secret.MASK
                    : c.value().text();
            out.add(new ConfigCandidate(c.sourceKey(), shown, c.origin(), i == 0 && effective != null));
        }
        return List.copyOf(out);
    }

    @Override
    public String dump() {
        DefaultSnapshot s = current;
        StringBuilder out = new StringBuilder("# configuration version ")
                .append(s.version())
                .append('\n');
        for (String key : s.keys()) {
            Entry e = s.entry(key);
            if (e != null) {
                out.append(key)
                        .append(" = ")
                        .append(e.display())
                        .append("    # ")
                        .append(e.origin)
                        .append('\n');
            }
        }
        return out.toString();
    }

    @Override
    public List<ConfigSchema> schemas() {
        return schema.schemas();
    }

    /**
     * Freezes reloads from sources: watched changes and polls are held back until {@link
     * #thawReloads}, and {@link #reload()} is refused. Overrides and rollbacks still apply: they are
     * deliberate.
     */
    @Override
    public void freezeReloads(String reason) {
        lock.lock();
        try {
            frozenBy = reason;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Ends a freeze and reads every source again at once: a change made while frozen is applied now,
     * whether or not its watch had fired yet.
     */
    @Override
    public void thawReloads() {
        lock.lock();
        try {
            frozenBy = null;
        } finally {
            lock.unlock();
        }
        poll();
    }

    /** Whether reloads from sources are frozen; the caller holds the lock. */
    private boolean holdBack() {
        return frozenBy != null;
    }

    @Override
    public ConfigUpdate reload() {
        return applied(() -> {
            String frozen = frozenBy;
            if (frozen != null) {
                throw new ConfigException(
                        "armature.config.frozen",
                        "configuration reloads are frozen by safe mode (" + frozen + "); leave it with"
                                + " system.emergency().exitSafeMode(), which applies the sources' changes, or"
                                + " change values now with config().override(...)",
                        null,
                        null);
            }
            List<Layer> fresh = new ArrayList<>();
            for (Slot slot : slots) {
                try {
                    fresh.add(slot.read());
                } catch (ConfigException e) {
                    return reject(slot.source.name(), List.of(sourceViolation(slot, e)), false);
                }
            }
            return transact("reload", fresh, overrides, rollback, false);
        });
    }

    /** Runs one change under the lock, then writes the history it left to write. */
    private ConfigUpdate applied(Supplier<ConfigUpdate> change) {
        try {
            return locked(change);
        } finally {
            flushHistory();
        }
    }

    private ConfigUpdate locked(Supplier<ConfigUpdate> change) {
        lock.lock();
        try {
            return change.get();
        } finally {
            lock.unlock();
        }
    }

    /** Reads one source again, after it said it changed or a poll found it different. */
    ConfigUpdate reloadSource(ConfigSource source) {
        return applied(() -> readSource(source));
    }

    /** Reads one source again and applies the result; the caller holds the lock. */
    private ConfigUpdate readSource(ConfigSource source) {
        if (holdBack()) {
            return new ConfigUpdate(ConfigUpdate.Outcome.UNCHANGED, current.version(), List.of(), List.of(), List.of());
        }
        List<Layer> fresh = new ArrayList<>();
        for (Slot slot : slots) {
            if (slot.source != source) {
                fresh.add(slot.layer);
                continue;
            }
            try {
                fresh.add(slot.read());
            } catch (ConfigException e) {
                return reject(source.name(), List.of(sourceViolation(slot, e)), false);
            }
        }
        return transact(source.name(), fresh, overrides, rollback, false);
    }

    /** Reads every source and applies the result if any changed; polling's entry point. */
    void poll() {
        try {
            pollLocked();
        } finally {
            flushHistory();
        }
    }

    private void pollLocked() {
        lock.lock();
        try {
            if (holdBack()) {
                return;
            }
            List<Layer> fresh = new ArrayList<>();
            List<String> changed = new ArrayList<>();
            for (Slot slot : slots) {
                Layer now;
                try {
                    now = slot.read();
                } catch (ConfigException e) {
                    String failure = slot.source.name() + ": " + e.getMessage();
                    if (!failure.equals(lastPollFailure)) {
                        lastPollFailure = failure;
                        var unused = reject(slot.source.name(), List.of(sourceViolation(slot, e)), false);
                    }
                    return;
                }
                if (!now.values().equals(slot.layer.values())) {
                    changed.add(slot.source.name());
                }
                fresh.add(now);
            }
            List<Map<String, SourceValue>> contents =
                    fresh.stream().map(Layer::values).toList();
            if (!changed.isEmpty() && !contents.equals(lastPollFailure)) {
                ConfigUpdate update = transact(String.join(", ", changed), fresh, overrides, rollback, false);
                lastPollFailure = update.outcome() == ConfigUpdate.Outcome.REJECTED ? contents : null;
            } else if (changed.isEmpty()) {
                lastPollFailure = null;
            }
        } finally {
            lock.unlock();
        }
    }

    private static ConfigViolation sourceViolation(Slot slot, ConfigException e) {
        return ConfigViolation.missing(
                e.key().orElse(slot.source.name()),
                "source " + slot.source.name() + " could not be read: " + e.getMessage());
    }

    @Override
    public ConfigUpdate override(Map<String, String> values) {
        return applied(() -> transact(OVERRIDES, currentLayers(), withOverride(values), rollback, false));
    }

    @Override
    public ConfigUpdate clearOverrides() {
        return applied(() -> transact(OVERRIDES, currentLayers(), Map.of(), rollback, false));
    }

    @Override
    public ConfigUpdate preview(Map<String, String> values) {
        return locked(() -> transact(OVERRIDES, currentLayers(), withOverride(values), rollback, true));
    }

    /** The overrides in force with {@code values} added; the caller holds the lock. */
    private Map<String, String> withOverride(Map<String, String> values) {
        Map<String, String> next = new LinkedHashMap<>(overrides);
        next.putAll(values);
        return next;
    }

    @Override
    public List<ConfigVersion> history() {
        lock.lock();
        try {
            return history.versions();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public ConfigUpdate rollback(long version) {
        return applied(() -> {
            ConfigHistory.Applied record = history.find(version)
                    .orElseThrow(() -> new ConfigException(
                            "armature.config.no-such-version",
                            "the configuration history holds no version " + version + "; it holds "
                                    + history.versions().stream()
                                            .map(v -> String.valueOf(v.version()))
                                            .toList()
                                    + " (see history())",
                            null,
                            null));
            Map<String, SourceValue> values = new LinkedHashMap<>();
            record.values().forEach((k, v) -> values.put(k, SourceValue.of(v)));
            Layer layer = new Layer("rollback to " + version, ConfigSource.OVERRIDE_ORDINAL, Integer.MAX_VALUE, values);
            return transact(
                    "rollback to " + version,
                    currentLayers(),
                    overrides,
                    new Resolver.Rollback(version, layer, record.keys()),
                    false);
        });
    }

    @Override
    public ConfigUpdate clearRollback() {
        return applied(() -> transact("clear rollback", currentLayers(), overrides, null, false));
    }

    @Override
    public Subscription onChange(String prefix, ConfigChangeListener listener) {
        Listener l =
                new Listener(requireNonNull(prefix, "prefix"), requireNonNull(listener, "listener"), new AtomicLong());
        listeners.add(l);
        return new Registration(() -> listeners.remove(l), l.failures()::get);
    }

    @Override
    public Subscription addValidator(ConfigValidator validator) {
        requireNonNull(validator, "validator");
        validators.add(validator);
        return new Registration(() -> validators.remove(validator), () -> 0);
    }

    /** A listener's or validator's registration; nothing is queued, so nothing is dropped. */
    private record Registration(Runnable remove, LongSupplier failureCount) implements Subscription {
        @Override
        public long dropped() {
            return 0;
        }

        @Override
        public long failures() {
            return failureCount.getAsLong();
        }

        @Override
        public void close() {
            remove.run();
        }
    }

    private List<Layer> currentLayers() {
        return slots.stream().map(s -> s.layer).toList();
    }

    private List<Layer> withOverrides(List<Layer> layers, Map<String, String> overrideValues) {
        if (overrideValues.isEmpty()) {
            return layers;
        }
        Map<String, SourceValue> values = new LinkedHashMap<>();
        overrideValues.forEach((k, v) -> values.put(k, SourceValue.of(v)));
        List<Layer> out = new ArrayList<>(layers);
        out.add(new Layer(OVERRIDES, ConfigSource.OVERRIDE_ORDINAL, Integer.MAX_VALUE - 1, values));
        return out;
    }

    /** One change; the caller holds the lock. */
    private ConfigUpdate transact(
            String cause,
            List<Layer> layers,
            Map<String, String> nextOverrides,
            Resolver.@Nullable Rollback nextRollback,
            boolean preview) {
        DefaultSnapshot before = current;
        long nextVersion = Math.max(before.version(), history.lastVersion()) + 1;
        Resolver.Resolution resolution = resolver.resolve(withOverrides(layers, nextOverrides), nextRollback);
        List<ConfigViolation> violations = new ArrayList<>(resolution.violations());
        DefaultSnapshot proposed = resolution.snapshot().withVersion(nextVersion);
        if (violations.isEmpty()) {
            for (ConfigValidator v : validators) {
                violations.addAll(validate(v, proposed));
            }
        }
        if (!violations.isEmpty()) {
            return preview
                    ? new ConfigUpdate(ConfigUpdate.Outcome.PREVIEW, nextVersion, List.of(), violations, List.of())
                    : reject(cause, violations, false);
        }
        // keys that need a restart keep their running values; the diff is computed once per change
        List<ConfigDiff> diff = new ArrayList<>();
        Set<String> restart = new TreeSet<>();
        for (ConfigDiff d : ConfigHistory.diff(before, proposed)) {
            if (reloadable(d.key())) {
                diff.add(d);
            } else {
                restart.add(d.key());
            }
        }
        DefaultSnapshot next = restart.isEmpty() ? proposed : holdBack(proposed, before, restart);
        List<ConfigChange> changes = changes(before, next, diff, cause, nextVersion);
        if (preview) {
            return new ConfigUpdate(
                    ConfigUpdate.Outcome.PREVIEW, nextVersion, changes, List.of(), List.copyOf(restart));
        }
        for (int i = 0; i < slots.size(); i++) {
            slots.get(i).layer = layers.get(i);
        }
        overrides = Map.copyOf(nextOverrides);
        rollback = nextRollback;
        if (!restart.isEmpty() && !restart.equals(heldBack)) {
            LOG.atWarn()
                    .addKeyValue("keys", restart)
                    .addKeyValue("source", cause)
                    .log("configuration keys changed that take effect only after a restart");
            bus.publish("config", new ConfigEvent.RestartRequired(cause, List.copyOf(restart)));
        }
        heldBack = Set.copyOf(restart);
        if (changes.isEmpty()) {
            count("unchanged");
            return new ConfigUpdate(
                    ConfigUpdate.Outcome.UNCHANGED, before.version(), List.of(), List.of(), List.copyOf(restart));
        }
        current = next;
        history.capacity(next.get("armature.config.history.size", Integer.class, ConfigHistory.DEFAULT_SIZE));
        history.add(record(next, cause, diff));
        historyDirty = true;
        resolution.deprecations().forEach(DefaultConfig::logDeprecation);
        count("applied");
        LOG.atInfo()
                .addKeyValue("version", nextVersion)
                .addKeyValue("source", cause)
                .addKeyValue("changed", changes.size())
                .log("configuration applied");
        bus.publish(
                "config",
                new ConfigEvent.Applied(
                        nextVersion,
                        cause,
                        changes.stream().map(ConfigChange::key).toList()));
        notifyListeners(changes);
        return new ConfigUpdate(ConfigUpdate.Outcome.APPLIED, nextVersion, changes, List.of(), List.copyOf(restart));
    }

    private static List<ConfigViolation> validate(ConfigValidator validator, ConfigSnapshot proposed) {
        try {
            return requireNonNull(validator.validate(proposed), "a validator returned null");
        } catch (RuntimeException e) {
            LOG.atWarn()
                    .addKeyValue("validator", validator.getClass().getName())
                    .setCause(e)
                    .log("a configuration validator failed; the change is rejected");
            return List.of(ConfigViolation.missing(
                    "(validator)",
                    "validator " + validator.getClass().getName() + " failed: "
                            + e.getClass().getSimpleName()));
        }
    }

    private static Map<String, List<Candidate>> candidatesOf(DefaultSnapshot proposed, Map<String, Entry> merged) {
        Map<String, List<Candidate>> out = new LinkedHashMap<>();
        for (String key : merged.keySet()) {
            out.put(key, proposed.candidates(key));
        }
        return out;
    }

    private boolean reloadable(String key) {
        return schema.find(key)
                .or(() -> schema.container(key))
                .map(p -> p.reloadable())
                .orElse(true);
    }

    private ConfigUpdate reject(String cause, List<ConfigViolation> violations, boolean preview) {
        count("rejected");
        LOG.atWarn()
                .addKeyValue("source", cause)
                .addKeyValue("version", current.version())
                .addKeyValue("violations", violations)
                .log("configuration change rejected; the running version stays in force");
        bus.publish("config", new ConfigEvent.Rejected(cause, violations));
        return new ConfigUpdate(
                preview ? ConfigUpdate.Outcome.PREVIEW : ConfigUpdate.Outcome.REJECTED,
                current.version(),
                List.of(),
                violations,
                List.of());
    }

    private void count(String outcome) {
        registry.counter("armature.config.updates", "outcome", outcome).increment();
    }

    /** The proposed snapshot with the running values of keys that need a restart. */
    private static DefaultSnapshot holdBack(DefaultSnapshot proposed, DefaultSnapshot running, Set<String> keys) {
        Map<String, Entry> merged = new LinkedHashMap<>(proposed.entries());
        for (String key : keys) {
            Entry old = running.entry(key);
            if (old == null) {
                merged.remove(key);
            } else {
                merged.put(key, old);
            }
        }
        return new DefaultSnapshot(proposed.version(), merged, candidatesOf(proposed, merged));
    }

    private static List<ConfigChange> changes(
            DefaultSnapshot before, DefaultSnapshot after, List<ConfigDiff> diff, String cause, long version) {
        List<ConfigChange> out = new ArrayList<>();
        for (ConfigDiff d : diff) {
            Entry a = before.entry(d.key());
            Entry b = after.entry(d.key());
            out.add(new ConfigChange(
                    d.key(),
                    Optional.ofNullable(a).map(e -> e.value),
                    Optional.ofNullable(b).map(e -> e.value),
                    cause,
                    version));
        }
        return List.copyOf(out);
    }

    private void notifyListeners(List<ConfigChange> changes) {
        for (Listener l : listeners) {
            List<ConfigChange> mine =
                    changes.stream().filter(c -> under(c.key(), l.prefix())).toList();
            if (mine.isEmpty()) {
                continue;
            }
            try {
                l.listener().onChange(mine);
            } catch (RuntimeException e) {
                l.failures().incrementAndGet();
                registry.counter("armature.config.listener.failures").increment();
                LOG.atWarn()
                        .addKeyValue("prefix", l.prefix())
                        .setCause(e)
                        .log("a configuration listener failed; other listeners are unaffected");
            }
        }
    }

    static boolean under(String key, String prefix) {
        return prefix.isEmpty()
                || key.equals(prefix)
                || (key.startsWith(prefix)
                        && (key.charAt(prefix.length()) == '.' || key.charAt(prefix.length()) == '['));
    }

    private ConfigHistory.Applied record(DefaultSnapshot applied, String cause, List<ConfigDiff> diff) {
        return new ConfigHistory.Applied(
                applied.version(), time.now(), cause, diff, ConfigHistory.storedValues(applied), applied.keys());
    }

    // ---- history persistence and watching, tied to the system's lifecycle ----

    /**
     * Connects the history to the state store: loads an earlier history (continuing its numbering and
     * re-applying a rollback that was in force) when {@code openNow}, else opens the store at the
     * first change.
     */
    public void attachHistory(Supplier<StateStore> stores, boolean openNow) {
        lock.lock();
        try {
            storeSupplier = stores;
            if (openNow) {
                loadHistory(stores.get());
            }
        } finally {
            lock.unlock();
        }
        flushHistory();
    }

    private void loadHistory(StateStore s) {
        store = s;
        Optional<Versioned> stored = s.get(NAMESPACE, HISTORY_KEY);
        if (stored.isEmpty()) {
            historyDirty = true;
            return;
        }
        ConfigHistory.Persisted persisted = ConfigHistory.decode(stored.get().value());
        ConfigHistory.Applied now = history.last().orElseThrow();
        history.clear();
        persisted.records().forEach(r -> history.add(r.toApplied()));
        Optional<ConfigHistory.Applied> previous = history.last();
        if (previous.isPresent() && previous.get().values().equals(now.values())) {
            current = current.withVersion(previous.get().version());
        } else {
            current = current.withVersion(history.lastVersion() + 1);
            history.add(record(current, "startup", ConfigHistory.diff(null, current)));
        }
        historyDirty = true;
        Long rollbackTo = persisted.rollbackTo();
        if (rollbackTo != null && history.find(rollbackTo).isPresent()) {
            LOG.atInfo()
                    .addKeyValue("version", rollbackTo)
                    .log("re-applying the configuration rollback that was in force");
            var unused = rollback(rollbackTo);
        }
    }

    /**
     * Writes the history if a change made it dirty. Called after the change lock is released; a
     * caller that still holds it (a change made inside another) leaves the write to the outermost.
     */
    private void flushHistory() {
        if (lock.isHeldByCurrentThread()) {
            return;
        }
        synchronized (historyWrites) {
            StateStore target;
            byte[] bytes;
            lock.lock();
            try {
                if (!historyDirty) {
                    return;
                }
                target = historyStore();
                if (target == null) {
                    return;
                }
                historyDirty = false;
                bytes = history.encode(rollback == null ? null : rollback.version());
            } finally {
                lock.unlock();
            }
            target.put(NAMESPACE, HISTORY_KEY, bytes);
        }
    }

    /** The store to write to, opening it on the first change after start; null before that. */
    private @Nullable StateStore historyStore() {
        if (store == null && storeSupplier != null && history.lastVersion() >= 2) {
            store = storeSupplier.get();
        }
        return store;
    }

    /**
     * Writes the history on the scheduler rather than on the watch thread, so that the next file
     * event is not held up behind the state store's fsyncs.
     */
    private void deferHistoryWrite() {
        Scheduler s = historyWriter;
        if (s == null) {
            flushHistory();
            return;
        }
        var unused = s.schedule(Duration.ZERO, () -> {
            try {
                flushHistory();
            } catch (RuntimeException e) {
                LOG.atWarn().setCause(e).log("writing the configuration history failed; the next change tries again");
                lock.lock();
                try {
                    historyDirty = true;
                } finally {
                    lock.unlock();
                }
            }
        });
    }

    private static void logDeprecation(String deprecation) {
        LOG.atWarn().addKeyValue("deprecation", deprecation).log("deprecated configuration key");
    }

    /** Starts watching pushing sources and polling all of them. */
    public void startWatching(Scheduler scheduler) {
        historyWriter = scheduler;
        Duration interval = current.get("armature.config.poll-interval", Duration.class, Duration.ofSeconds(10));
        lock.lock();
        try {
            for (Slot slot : slots) {
                slot.source.watch(() -> onSourceChanged(slot.source)).ifPresent(watches::add);
            }
            watches.add(scheduler.scheduleAtFixedRate(interval, interval, this::pollQuietly));
        } finally {
            lock.unlock();
        }
    }

    private void onSourceChanged(ConfigSource source) {
        try {
            var unused = locked(() -> readSource(source));
            deferHistoryWrite();
        } catch (RuntimeException e) {
            LOG.atWarn()
                    .addKeyValue("source", source.name())
                    .setCause(e)
                    .log("reloading a configuration source failed");
        }
    }

    private void pollQuietly() {
        try {
            pollLocked();
            deferHistoryWrite();
        } catch (RuntimeException e) {
            LOG.atWarn().setCause(e).log("polling the configuration sources failed");
        }
    }

    /** Stops watching and polling, and writes a history change still waiting to be written. */
    public void stopWatching() {
        lock.lock();
        try {
            watches.forEach(Cancellable::cancel);
            watches.clear();
            historyWriter = null;
        } finally {
            lock.unlock();
        }
        flushHistory();
    }
}

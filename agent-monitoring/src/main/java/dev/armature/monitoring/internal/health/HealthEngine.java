package dev.armature.monitoring.internal.health;

import static java.util.Objects.requireNonNull;

import dev.armature.api.health.CheckHistory;
import dev.armature.api.health.CheckOutcome;
import dev.armature.api.health.CheckReport;
import dev.armature.api.health.CheckResult;
import dev.armature.api.health.CheckSpec;
import dev.armature.api.health.Health;
import dev.armature.api.health.HealthCheckException;
import dev.armature.api.health.HealthEvent;
import dev.armature.api.health.HealthReport;
import dev.armature.api.health.HealthStatus;
import dev.armature.api.health.Prediction;
import dev.armature.api.health.Recommendation;
import dev.armature.api.time.Cancellable;
import dev.armature.api.time.Scheduler;
import dev.armature.api.time.TimeSource;
import dev.armature.spi.health.HealthProbe;
import dev.armature.spi.health.RecommendationRule;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.FutureTask;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Internal: runs probes in the background and keeps the snapshot that {@link #report()} returns.
 *
 * <p>Each check's run falls due on the scheduler, runs on the executor, and is given up after its
 * timeout (its thread is interrupted and the run counts as a timed-out DOWN); the next run falls
 * due one interval (healthy or unhealthy, by the status after the result) after the result. A
 * check never has more than one run in flight: while a given-up run has not returned its thread,
 * each due run counts as another timed-out DOWN without taking a thread, so a hanging check holds
 * at most one of the pool's threads. {@link #report()} reads a volatile snapshot and never waits.
 * Thread-safe.
 */
public final class HealthEngine implements Health, AutoCloseable {
    private static final int MAX_ERROR_LENGTH = 500;
    private static final Logger log = LoggerFactory.getLogger(HealthEngine.class);

    /** Where checks' states persist across restarts, one entry per check name. */
    public interface Store {
        /** The bytes last saved for a check, if any. */
        Optional<byte[]> load(String check);

        /** Saves a check's bytes durably. */
        void save(String check, byte[] state);

        /** A store that keeps nothing. */
        static Store none() {
            return new Store() {
                @Override
                public Optional<byte[]> load(String check) {
                    return Optional.empty();
                }

                @Override
                public void save(String check, byte[] state) {}
            };
        }
    }

    /**
     * What the engine does beyond hysteresis: predictions from indicators and the recommendation
     * rules run on each check's report.
     *
     * @param predictor how breaches are predicted
     * @param rules the recommendation rules, built-in ones first
     */
    public record Options(Predictor.Settings predictor, List<RecommendationRule> rules) {
        /** Neither predictions nor recommendations. */
        static final Options NONE = new Options(Predictor.Settings.OFF, List.of());

        /** Checks and copies. */
        public Options {
            requireNonNull(predictor, "predictor");
            rules = List.copyOf(rules);
        }
    }

    private static final Comparator<Recommendation> MOST_SEVERE_FIRST = Comparator.comparing(
                    Recommendation::severity, Comparator.reverseOrder())
            .thenComparing(Recommendation::id);

    private final TimeSource time;
    private final Scheduler scheduler;
    private final Predictor predictor;
    private final List<RecommendationRule> rules;
    private final Set<String> failedRules = ConcurrentHashMap.newKeySet();
    private final Executor executor;
    private final StatusAggregator aggregator;
    private final Consumer<HealthEvent> events;
    private final BiConsumer<String, CheckResult> onResult;
    private final Map<String, Slot> slots = new LinkedHashMap<>();
    private final Object lock = new Object();
    private final AtomicReference<Snapshot> snapshot;
    private boolean started;
    private boolean closed;
    private HealthStatus overall = HealthStatus.UNKNOWN;
    private Store store = Store.none();
    private @Nullable Cancellable flushing;

    /**
     * The report with the instant from which it may hold a stale flag that is not yet set.
     *
     * @param startedAt when the engine started: the age of a check that has never run
     */
    private record Snapshot(
            HealthReport report,
            Instant startedAt,
            Instant nextStaleAt,
            ConcurrentHashMap<String, Optional<HealthReport>> groups) {
        Snapshot(HealthReport report, Instant startedAt, Instant nextStaleAt) {
            this(report, startedAt, nextStaleAt, new ConcurrentHashMap<>());
        }
    }

    /** The checks of each group, by group name; fixed with the probes. */
    private final Map<String, List<String>> groupMembers = new HashMap<>();

    /** One check's probe, tracker and scheduling. Guarded by {@code lock}. */
    private static final class Slot {
        final HealthProbe probe;
        final CheckTracker tracker;

        @Nullable
        Run inFlight;

        @Nullable
        Cancellable next;

        boolean dirty;

        List<Recommendation> recommendations = List.of();

        Slot(HealthProbe probe, CheckTracker tracker) {
            this.probe = probe;
            this.tracker = tracker;
        }
    }

    /** One run of a probe; settled once, by its result or by its timeout. */
    private static final class Run {
        final AtomicBoolean settled = new AtomicBoolean();
        final long startNanos;
        volatile @Nullable FutureTask<?> task;
        volatile @Nullable Cancellable timeout;

        Run(long startNanos) {
            this.startNanos = startNanos;
        }
    }

    /**
     * Creates an engine; nothing runs before {@link #start()}.
     *
     * @param probes the probes; names must be unique
     * @param settings history and flapping
     * @param aggregator the status order
     * @param time the system's time
     * @param scheduler the system's scheduler, on which runs fall due and time out
     * @param executor where probes run; bounded, its own
     * @param events where transitions go
     * @param onResult told of each recorded result, after it is in the snapshot (for tests)
     * @throws HealthCheckException if two probes share a name
     */
    public HealthEngine(
            List<HealthProbe> probes,
            CheckTracker.Settings settings,
            StatusAggregator aggregator,
            TimeSource time,
            Scheduler scheduler,
            Executor executor,
            Consumer<HealthEvent> events,
            BiConsumer<String, CheckResult> onResult) {
        this(probes, settings, aggregator, time, scheduler, executor, events, onResult, Options.NONE);
    }

    /**
     * Creates an engine with predictions and recommendations; nothing runs before {@link #start()}.
     *
     * @param probes the probes; names must be unique
     * @param settings history and flapping
     * @param aggregator the status order
     * @param time the system's time
     * @param scheduler the system's scheduler, on which runs fall due and time out
     * @param executor where probes run; bounded, its own
     * @param events where transitions go
     * @param onResult told of each recorded result, after it is in the snapshot
     * @param options predictions and recommendation rules
     * @throws HealthCheckException if two probes share a name
     */
    public HealthEngine(
            List<HealthProbe> probes,
            CheckTracker.Settings settings,
            StatusAggregator aggregator,
            TimeSource time,
            Scheduler scheduler,
            Executor executor,
            Consumer<HealthEvent> events,
            BiConsumer<String, CheckResult> onResult,
            Options options) {
        this.predictor = new Predictor(requireNonNull(options, "options").predictor());
        this.rules = options.rules();
        this.time = requireNonNull(time, "time");
        this.scheduler = requireNonNull(scheduler, "scheduler");
        this.executor = requireNonNull(executor, "executor");
        this.aggregator = requireNonNull(aggregator, "aggregator");
        this.events = requireNonNull(events, "events");
        this.onResult = requireNonNull(onResult, "onResult");
        for (HealthProbe probe : probes) {
            CheckSpec spec = requireNonNull(probe.spec(), "the spec of " + probe);
            if (slots.containsKey(spec.name())) {
                throw new HealthCheckException(
                        spec.name(),
                        "Two health probes are named '" + spec.name() + "' (" + slots.get(spec.name()).probe + " and "
                                + probe + "): give each check a name of its own.");
            }
            slots.put(spec.name(), new Slot(probe, new CheckTracker(spec, settings)));
            for (String group : spec.groups()) {
                groupMembers.computeIfAbsent(group, g -> new ArrayList<>()).add(spec.name());
            }
        }
        Instant now = time.now();
        this.snapshot = new AtomicReference<>(build(now, now));
    }

    /** Schedules every check's first run at once, without persistence. */
    public void start() {
        start(Store.none(), Duration.ofMinutes(1));
    }

    /**
     * Takes up each check's persisted state, schedules every check's first run at once, and saves
     * the states that changed every {@code flushInterval} and at {@link #close()}.
     *
     * @param persisted where states persist
     * @param flushInterval how often changed states are saved; positive
     */
    public void start(Store persisted, Duration flushInterval) {
        requireNonNull(persisted, "persisted");
        synchronized (lock) {
            if (started || closed) {
                return;
            }
            started = true;
            store = persisted;
            for (Slot slot : slots.values()) {
                restore(slot);
                slot.recommendations = recommend(slot.tracker.report());
            }
            Instant now = time.now();
            snapshot.set(build(now, now));
            overall = current().report().status();
            flushing = scheduler.scheduleAtFixedRate(flushInterval, flushInterval, this::flushInBackground);
            for (Slot slot : slots.values()) {
                slot.next = scheduler.schedule(Duration.ZERO, () -> due(slot));
            }
        }
    }

    private void restore(Slot slot) {
        String name = slot.tracker.spec().name();
        try {
            Optional<byte[]> saved = store.load(name);
            if (saved.isPresent()) {
                Optional<TrackerCodec.State> state = TrackerCodec.read(saved.get());
                state.ifPresent(slot.tracker::restore);
                if (state.isEmpty()) {
                    log.atWarn().addKeyValue("check", name).log("health check history of another format ignored");
                }
            }
        } catch (java.io.IOException | RuntimeException e) {
            // History is worth having, not worth refusing to check health for.
            log.atWarn()
                    .addKeyValue("check", name)
                    .setCause(e)
                    .log("health check history could not be restored; starting empty");
        }
    }

    private void flushInBackground() {
        try {
            executor.execute(this::flush);
        } catch (RejectedExecutionException e) {
            log.debug("health check history not saved this time: the pool is full");
        }
    }

    /** Saves the states that changed since the last save; I/O happens outside the lock. */
    void flush() {
        Map<String, byte[]> changed = new LinkedHashMap<>();
        synchronized (lock) {
            for (Slot slot : slots.values()) {
                if (slot.dirty) {
                    slot.dirty = false;
                    changed.put(slot.tracker.spec().name(), TrackerCodec.write(slot.tracker.state()));
                }
            }
        }
        changed.forEach((name, bytes) -> {
            try {
                store.save(name, bytes);
            } catch (RuntimeException e) {
                synchronized (lock) {
                    Slot slot = slots.get(name);
                    if (slot != null) {
                        slot.dirty = true; // tried again at the next flush
                    }
                }
                log.atWarn()
                        .addKeyValue("check", name)
                        .setCause(e)
                        .log("health check history could not be saved; trying again at the next save");
            }
        });
    }

    /**
     * Cancels every scheduled run, gives up the runs in flight (results after this are dropped) and
     * saves the states that changed.
     */
    @Override
    public void close() {
        List<Run> inFlight = new ArrayList<>();
        boolean flush;
        synchronized (lock) {
            flush = started && !closed;
            closed = true;
            Cancellable f = flushing;
            if (f != null) {
                f.cancel();
            }
            for (Slot slot : slots.values()) {
                Cancellable next = slot.next;
                if (next != null) {
                    next.cancel();
                }
                Run run = slot.inFlight;
                if (run != null) {
                    inFlight.add(run);
                }
            }
        }
        for (Run run : inFlight) {
            run.settled.set(true);
            cancel(run);
        }
        if (flush) {
            flush();
        }
    }

    private void due(Slot slot) {
        CheckSpec spec = slot.tracker.spec();
        Run run;
        synchronized (lock) {
            if (closed) {
                return;
            }
            if (slot.inFlight != null) {
                // A given-up run still holds its thread: do not take another one.
                apply(slot, timedOut(spec, "the run given up before has not returned yet"));
                return;
            }
            run = new Run(time.nanoTime());
            slot.inFlight = run;
        }
        run.timeout = scheduler.schedule(spec.timeout(), () -> timeOut(slot, run));
        FutureTask<Void> task = new FutureTask<>(() -> execute(slot, run), null);
        run.task = task;
        try {
            executor.execute(task);
        } catch (RejectedExecutionException e) {
            if (run.settled.compareAndSet(false, true)) {
                cancel(run);
                synchronized (lock) {
                    slot.inFlight = null;
                    if (!closed) {
                        apply(slot, down(spec, run, "the health checker's pool is full; the run was skipped"));
                    }
                }
            }
        }
    }

    private void execute(Slot slot, Run run) {
        CheckSpec spec = slot.tracker.spec();
        boolean returned = false;
        try {
            CheckResult result;
            try {
                result = fromOutcome(spec, run, slot.probe.probe());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                result = down(spec, run, "interrupted");
            } catch (Exception e) {
                result = down(spec, run, describe(e));
            }
            returned = true;
            boolean mine = run.settled.compareAndSet(false, true);
            if (mine) {
                cancel(run);
            }
            synchronized (lock) {
                if (slot.inFlight == run) {
                    slot.inFlight = null;
                }
                if (mine && !closed) {
                    apply(slot, result);
                }
            }
        } finally {
            if (!returned) {
                // The probe threw an Error: free the check for its next run; the timeout records it.
                synchronized (lock) {
                    if (slot.inFlight == run) {
                        slot.inFlight = null;
                    }
                }
            }
        }
    }

    private void timeOut(Slot slot, Run run) {
        if (!run.settled.compareAndSet(false, true)) {
            return;
        }
        FutureTask<?> task = run.task;
        if (task != null) {
            task.cancel(true);
        }
        CheckSpec spec = slot.tracker.spec();
        synchronized (lock) {
            if (!closed) {
                apply(slot, timedOut(spec, "did not finish within " + spec.timeout()));
            }
        }
    }

    private static void cancel(Run run) {
        Cancellable timeout = run.timeout;
        if (timeout != null) {
            timeout.cancel();
        }
    }

    /**
     * Records a result, schedules the next run, and publishes what changed. Under {@code lock}. The
     * snapshot is replaced and the next run scheduled before the events go out, so a listener that
     * reads the report sees the change it is told of, and one that moves time on finds the next run.
     */
    private void apply(Slot slot, CheckResult measured) {
        CheckSpec spec = slot.tracker.spec();
        CheckResult result = withPrediction(slot, measured);
        Optional<CheckHistory.Transition> transition = slot.tracker.record(result);
        slot.recommendations = recommend(slot.tracker.report());
        slot.dirty = true;
        HealthStatus before = overall;
        Snapshot s = build(time.now(), current().startedAt());
        overall = s.report().status();
        snapshot.set(s);
        // The next run is due from now before anyone hears of this one: a listener that moves
        // virtual time on at once must find it already waiting.
        slot.next = scheduler.schedule(slot.tracker.currentInterval(), () -> due(slot));
        transition.ifPresent(t -> events.accept(new HealthEvent.CheckStatusChanged(
                spec.name(),
                spec.component(),
                spec.kind(),
                spec.criticality(),
                t.from(),
                t.to(),
                slot.tracker.flapping(),
                result.error(),
                t.at())));
        if (overall != before) {
            events.accept(new HealthEvent.SystemStatusChanged(before, overall, result.at()));
        }
        onResult.accept(spec.name(), result);
    }

    /**
     * Adds the earliest breach the check's indicators predict within the horizon; a run that found
     * UP is then DEGRADED, with the prediction as its error. Under {@code lock}.
     */
    private CheckResult withPrediction(Slot slot, CheckResult result) {
        if (result.indicators().isEmpty() || !predictor.settings().enabled()) {
            return result;
        }
        Optional<Prediction> found;
        try {
            found = predictor.predict(slot.tracker.results(), result.at(), result.indicators());
        } catch (IllegalArgumentException e) {
            // Values too large for a fit: no prediction this time, the result itself stands.
            log.atDebug()
                    .addKeyValue("check", slot.tracker.spec().name())
                    .setCause(e)
                    .log("no prediction");
            return result;
        }
        if (found.isEmpty()) {
            return result;
        }
        Prediction p = found.get();
        boolean wasUp = result.status() == HealthStatus.UP;
        return new CheckResult(
                wasUp ? HealthStatus.DEGRADED : result.status(),
                result.duration(),
                wasUp
                        ? Optional.of("predicted: " + p.indicator() + " reaches " + BuiltInRules.number(p.critical())
                                + " at " + p.predictedBreachAt() + " (confidence "
                                + BuiltInRules.number(p.confidence()) + ")")
                        : result.error(),
                result.details(),
                result.timedOut(),
                result.at(),
                result.indicators(),
                found);
    }

    /** Runs every rule on a check's report; a rule that throws is skipped (and logged once). */
    private List<Recommendation> recommend(CheckReport report) {
        if (rules.isEmpty()) {
            return List.of();
        }
        List<Recommendation> out = new ArrayList<>();
        for (RecommendationRule rule : rules) {
            try {
                out.addAll(rule.recommend(report));
            } catch (RuntimeException e) {
                if (failedRules.add(rule.id())) {
                    log.atWarn()
                            .addKeyValue("rule", rule.id())
                            .addKeyValue("check", report.name())
                            .setCause(e)
                            .log("recommendation rule failed; skipped (logged once per rule)");
                }
            }
        }
        return out;
    }

    private Snapshot build(Instant now, Instant startedAt) {
        Map<String, CheckReport> checks = new TreeMap<>();
        List<Recommendation> recommendations = new ArrayList<>();
        for (Slot slot : slots.values()) {
            CheckReport r = slot.tracker.report();
            checks.put(r.name(), r);
            recommendations.addAll(slot.recommendations);
        }
        recommendations.sort(MOST_SEVERE_FIRST);
        return withStaleness(checks, List.copyOf(recommendations), now, startedAt);
    }

    private Snapshot withStaleness(
            Map<String, CheckReport> checks, List<Recommendation> recommendations, Instant now, Instant startedAt) {
        Map<String, CheckReport> marked = new TreeMap<>();
        Instant nextStaleAt = Instant.MAX;
        for (CheckReport r : checks.values()) {
            Instant staleAt = staleAt(r, startedAt);
            boolean stale = now.isAfter(staleAt);
            marked.put(r.name(), r.withStale(stale));
            if (!stale && staleAt.isBefore(nextStaleAt)) {
                nextStaleAt = staleAt;
            }
        }
        return new Snapshot(aggregate(marked, recommendations, now), startedAt, nextStaleAt);
    }

    private static Instant staleAt(CheckReport r, Instant startedAt) {
        Instant last = r.lastResult().map(CheckResult::at).orElse(startedAt);
        return last.plus(CheckTracker.intervalFor(r.spec(), r.status()).multipliedBy(2));
    }

    private HealthReport aggregate(Map<String, CheckReport> checks, List<Recommendation> recommendations, Instant now) {
        List<HealthStatus> all = new ArrayList<>();
        Map<String, List<HealthStatus>> byGroup = new HashMap<>();
        for (CheckReport r : checks.values()) {
            HealthStatus weighed = aggregator.weigh(r.status(), r.spec().criticality());
            all.add(weighed);
            for (String group : r.spec().groups()) {
                byGroup.computeIfAbsent(group, g -> new ArrayList<>()).add(weighed);
            }
        }
        Map<String, HealthStatus> groups = new TreeMap<>();
        byGroup.forEach((g, statuses) -> groups.put(g, aggregator.aggregate(statuses)));
        return new HealthReport(aggregator.aggregate(all), now, checks, groups, recommendations);
    }

    private Snapshot current() {
        return requireNonNull(snapshot.get(), "snapshot");
    }

    @Override
    public HealthReport report() {
        Snapshot s = current();
        Instant now = time.now();
        if (now.isAfter(s.nextStaleAt())) {
            Snapshot fresh = withStaleness(s.report().checks(), s.report().recommendations(), now, s.startedAt());
            // Lock-free: if a result landed meanwhile, its snapshot wins and is as fresh.
            snapshot.compareAndSet(s, fresh);
            return fresh.report();
        }
        return s.report();
    }

    /**
     * Returns a group's snapshot, worked out once per snapshot: an endpoint that reads a group
     * again and again pays for it only after a result or a change of staleness.
     */
    @Override
    public Optional<HealthReport> report(String group) {
        requireNonNull(group, "group");
        if (!groupMembers.containsKey(group)) {
            return Optional.empty(); // not cached: the names asked for are not ours to keep
        }
        report(); // brings staleness up to date first
        Snapshot s = current();
        return s.groups().computeIfAbsent(group, g -> groupReport(s.report(), g));
    }

    private Optional<HealthReport> groupReport(HealthReport all, String group) {
        List<String> names = groupMembers.getOrDefault(group, List.of());
        Map<String, CheckReport> members = new TreeMap<>();
        for (String name : names) {
            CheckReport r = all.checks().get(name);
            if (r != null) {
                members.put(name, r);
            }
        }
        List<Recommendation> recommendations = all.recommendations().stream()
                .filter(r -> members.containsKey(r.check()))
                .toList();
        return Optional.of(aggregate(members, recommendations, all.at()));
    }

    @Override
    public Optional<CheckHistory> history(String check) {
        requireNonNull(check, "check");
        synchronized (lock) {
            Slot slot = slots.get(check);
            return slot == null ? Optional.empty() : Optional.of(slot.tracker.history(time.now()));
        }
    }

    private CheckResult fromOutcome(CheckSpec spec, Run run, @Nullable CheckOutcome outcome) {
        if (outcome == null) {
            return down(spec, run, "the probe returned no outcome; it must return one or throw");
        }
        Optional<String> error = outcome.status() == HealthStatus.UP
                ? Optional.empty()
                : Optional.of(outcome.message().orElse("reported " + outcome.status()));
        return new CheckResult(
                outcome.status(),
                elapsed(run),
                error.map(HealthEngine::cut),
                DetailMasker.mask(outcome.details()),
                false,
                time.now(),
                outcome.indicators(),
                Optional.empty());
    }

    private CheckResult down(CheckSpec spec, Run run, String error) {
        requireNonNull(spec, "spec");
        return new CheckResult(HealthStatus.DOWN, elapsed(run), Optional.of(cut(error)), Map.of(), false, time.now());
    }

    private CheckResult timedOut(CheckSpec spec, String error) {
        return new CheckResult(HealthStatus.DOWN, spec.timeout(), Optional.of(error), Map.of(), true, time.now());
    }

    private Duration elapsed(Run run) {
        return Duration.ofNanos(Math.max(0, time.nanoTime() - run.startNanos));
    }

    private static String describe(Exception e) {
        String message = e.getMessage();
        return e.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }

    private static String cut(String text) {
        return text.length() <= MAX_ERROR_LENGTH ? text : text.substring(0, MAX_ERROR_LENGTH) + "…";
    }
}

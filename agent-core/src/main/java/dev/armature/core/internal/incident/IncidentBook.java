package dev.armature.core.internal.incident;

import static java.util.Objects.requireNonNull;

import dev.armature.api.event.Event;
import dev.armature.api.event.EventBus;
import dev.armature.api.event.EventEnvelope;
import dev.armature.api.event.SubscribeOptions;
import dev.armature.api.event.Subscription;
import dev.armature.api.incident.ActionItem;
import dev.armature.api.incident.Communication;
import dev.armature.api.incident.CommunicationTemplate;
import dev.armature.api.incident.EscalationPolicy;
import dev.armature.api.incident.Incident;
import dev.armature.api.incident.IncidentEvent;
import dev.armature.api.incident.IncidentException;
import dev.armature.api.incident.IncidentKey;
import dev.armature.api.incident.IncidentReport;
import dev.armature.api.incident.IncidentState;
import dev.armature.api.incident.Incidents;
import dev.armature.api.incident.Priority;
import dev.armature.api.incident.RunbookException;
import dev.armature.api.incident.RunbookRun;
import dev.armature.api.incident.RunbookStepOutcome;
import dev.armature.api.incident.Severity;
import dev.armature.api.incident.SloBinding;
import dev.armature.api.incident.TimelineEntry;
import dev.armature.api.monitoring.Notification;
import dev.armature.api.resilience.CircuitState;
import dev.armature.api.resilience.ErrorEvent;
import dev.armature.api.resilience.GuardEvent;
import dev.armature.api.state.StateStore;
import dev.armature.api.state.Versioned;
import dev.armature.api.time.Cancellable;
import dev.armature.api.time.Scheduler;
import dev.armature.api.time.TimeSource;
import dev.armature.core.internal.incident.comms.CommunicationSettings;
import dev.armature.core.internal.incident.comms.TemplateRenderer;
import dev.armature.core.internal.incident.escalation.EscalationEngine;
import dev.armature.core.internal.incident.escalation.EscalationPosition;
import dev.armature.core.internal.incident.escalation.EscalationRun;
import dev.armature.core.internal.incident.runbook.RunbookJournal;
import dev.armature.core.internal.incident.runbook.RunbookRegistry;
import dev.armature.core.internal.incident.runbook.RunbookRunner;
import dev.armature.core.notification.AtLeastOnceDelivery;
import dev.armature.spi.incident.Runbook;
import dev.armature.spi.monitoring.NotificationChannel;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Internal: the incidents of one run of the manager, and what changes them: signals read from the
 * bus, timers (stuck circuits, quiet periods) and the {@link Incidents} calls. Every change is saved
 * in the state store before it is published or returned. Thread-safe: its own lock orders every
 * change, and the events of a change are published as the change releases the lock, once it is
 * whole: a listener that acts on one (or moves {@code ManualTime}) finds the change's timers armed
 * and its escalation and runbooks started.
 */
final class IncidentBook implements Signals.Sink, Incidents {
    /** The source of the events it publishes. */
    static final String SOURCE = "incidents";

    /** The kind of the notifications it sends. */
    static final String KIND = "incident";

    /** The template name of the reminders that an update is due. */
    static final String REMINDER = "reminder";

    private static final Logger log = LoggerFactory.getLogger(IncidentBook.class);

    /** Opened at the first use, so that a system with no incidents creates no data directory. */
    final Supplier<StateStore> store;

    final TimeSource time;
    final Scheduler scheduler;
    final EventBus bus;
    final IncidentSettings settings;
    final Map<String, NotificationChannel> channels;
    final ExecutorService executor;
    final AtLeastOnceDelivery delivery;
    final Map<String, Incident> byId = new LinkedHashMap<>();
    final Map<IncidentKey, String> openByKey = new HashMap<>();
    final Map<String, Cancellable> quietTimers = new HashMap<>();
    final Map<IncidentKey, Cancellable> stuckCircuits = new HashMap<>();
    final List<Subscription> subscriptions = new ArrayList<>();
    final Optional<EscalationPolicy> escalationPolicy;
    final EscalationEngine escalation;
    final Map<String, EscalationRun> escalations = new HashMap<>();
    final Map<String, IncidentCodec.SavedEscalation> positions = new HashMap<>();
    private RunbookRegistry runbooks = RunbookRegistry.of(List.of(), List.of());
    private @Nullable RunbookRunner runner;
    private CommunicationSettings communication = CommunicationSettings.defaults();
    private IncidentReporting reporting = new IncidentReporting(Map.of(), Optional.empty(), Optional.empty());
    private final Map<String, Cancellable> reminders = new HashMap<>();

    boolean closed;

    /** Orders every change; reentrant, because a change may start another (a timer run inline, say). */
    private final ReentrantLock lock = new ReentrantLock();

    /** The events of the change in progress, published as the outermost hold of the lock ends. */
    private final ArrayDeque<Event> outbox = new ArrayDeque<>();

    IncidentBook(
            Supplier<StateStore> store,
            TimeSource time,
            Scheduler scheduler,
            EventBus bus,
            IncidentSettings settings,
            Map<String, NotificationChannel> channels,
            ExecutorService executor,
            Optional<EscalationPolicy> escalationPolicy) {
        this.store = store;
        this.time = time;
        this.scheduler = scheduler;
        this.bus = bus;
        this.settings = settings;
        this.channels = channels;
        this.executor = executor;
        this.escalationPolicy = escalationPolicy;
        this.escalation = new EscalationEngine(new EscalationBridge(this), scheduler, time);
        this.delivery = new AtLeastOnceDelivery(
                executor, scheduler, AtLeastOnceDelivery.Retry.DEFAULT, new AtLeastOnceDelivery.Outcome() {
                    @Override
                    public void delivered(NotificationChannel channel, Notification n) {
                        notified(n, channel.name(), "delivered to " + channel.name());
                    }

                    @Override
                    public void failed(
                            NotificationChannel channel, Notification n, int attempt, boolean gaveUp, Exception e) {
                        if (gaveUp) {
                            notified(
                                    n,
                                    channel.name(),
                                    "given up for " + channel.name() + " after " + attempt + " attempts");
                        }
                    }
                });
    }

    /**
     * Gives the book its templates and cadence, the objectives incidents are measured against, and
     * the directory where the report of each resolved incident is written.
     */
    void communication(
            CommunicationSettings settings, Map<String, SloBinding> objectives, Optional<Path> reportDirectory) {
        lock();
        try {
            this.communication = settings;
            this.reporting = new IncidentReporting(objectives, reportDirectory, escalationPolicy);
        } finally {
            unlock();
        }
    }

    /** Gives the book its runbooks and the runner that runs them; a book without them refuses runs. */
    void runbooks(RunbookRegistry registry, RunbookRunner runner) {
        lock();
        try {
            this.runbooks = registry;
            this.runner = runner;
        } finally {
            unlock();
        }
    }

    /** Records the outcomes of runbook steps; a dry run's plan is not recorded (it touches nothing). */
    RunbookJournal journal() {
        return new RunbookJournal() {
            @Override
            public void stepFinished(
                    String incidentId,
                    String runbook,
                    String step,
                    RunbookStepOutcome outcome,
                    String detail,
                    boolean dryRun) {
                recordRunbook(incidentId, runbook, step, outcome.name(), detail, dryRun);
            }

            @Override
            public void runFinished(RunbookRun run) {
                recordRunbook(run.incidentId(), run.runbook(), "", run.state().name(), "", run.dryRun());
            }
        };
    }

    private void recordRunbook(
            String incidentId, String runbook, String step, String outcome, String detail, boolean dryRun) {
        lock();
        try {
            Incident i = byId.get(incidentId);
            if (dryRun || i == null || closed) {
                return;
            }
            String what = step.isEmpty() ? "ended" : "step " + step;
            append(
                    i,
                    TimelineEntry.Kind.RUNBOOK,
                    TimelineEntry.SYSTEM,
                    "runbook " + runbook + ", " + what + ": " + outcome.toLowerCase(Locale.ROOT)
                            + (detail.isEmpty() ? "" : ": " + detail),
                    step.isEmpty()
                            ? Map.of("runbook", runbook, "outcome", outcome)
                            : Map.of("runbook", runbook, "step", step, "outcome", outcome),
                    time.now(),
                    Optional.empty(),
                    i);
        } finally {
            unlock();
        }
    }

    /** Takes back the saved incidents. */
    void load() {
        for (String key : store.get().keys(IncidentCodec.NAMESPACE)) {
            if (key.startsWith("~")) { // the id counter and the rotations
                continue;
            }
            Optional<Versioned> v = store.get().get(IncidentCodec.NAMESPACE, key);
            if (v.isEmpty()) {
                continue;
            }
            try {
                IncidentCodec.Stored stored = IncidentCodec.decode(key, v.get().value());
                Incident i = stored.incident();
                byId.put(i.id(), i);
                reporting.restore(i.id(), stored.errors());
                if (stored.escalation() != null && i.state().isOpen()) {
                    positions.put(i.id(), stored.escalation());
                }
                if (i.state().isOpen()) {
                    openByKey.put(i.key(), i.id());
                }
            } catch (IOException | RuntimeException e) {
                // Kept in the store for a person to look at; one bad record must not stop the others.
                log.atWarn()
                        .addKeyValue("key", key)
                        .addKeyValue("error", e.getMessage())
                        .log("unreadable incident skipped");
            }
        }
        for (String id : openByKey.values()) {
            Incident i = requireNonNull(byId.get(id));
            armQuiet(i);
            armReminder(i, lastCommunication(i));
            IncidentCodec.SavedEscalation saved = positions.get(id);
            if (saved != null) {
                EscalationPolicy policy = EscalationPolicy.parse(saved.policy(), saved.lines());
                escalations.put(
                        id,
                        escalation.resume(
                                id,
                                policy,
                                saved.position(),
                                i.state() != IncidentState.TRIGGERED,
                                p -> position(id, policy, p)));
            }
        }
    }

    void lock() {
        lock.lock();
    }

    /**
     * Releases the lock; the outermost release first publishes the events of the change, in order,
     * including those of changes that a listener of them made meanwhile.
     */
    void unlock() {
        try {
            if (lock.getHoldCount() == 1) {
                for (Event e = outbox.poll(); e != null; e = outbox.poll()) {
                    bus.publish(SOURCE, e);
                }
            }
        } finally {
            lock.unlock();
        }
    }

    /** Queues an event of the change in progress; called with the lock held. */
    private void publish(Event e) {
        outbox.add(e);
    }

    void subscribe() {
        subscriptions.add(bus.subscribe(Event.class, SubscribeOptions.defaults(), this::onEvent));
    }

    void close() {
        subscriptions.forEach(Subscription::close);
        RunbookRunner r;
        lock();
        try {
            closed = true;
            r = runner;
            // Stopped, not resolved: the saved positions let the next run resume them.
            escalations.values().forEach(EscalationRun::close);
            quietTimers.values().forEach(Cancellable::cancel);
            reminders.values().forEach(Cancellable::cancel);
            stuckCircuits.values().forEach(Cancellable::cancel);
        } finally {
            unlock();
        }
        if (r != null) {
            // Outside the book's lock: a run reports to the book while it holds its own lock.
            r.abortAll("the system is stopping");
        }
        delivery.stop();
        executor.shutdownNow();
    }

    private void onEvent(EventEnvelope<Event> e) {
        Event p = e.payload();
        if (!(p instanceof ErrorEvent || p instanceof GuardEvent.CircuitStateChanged || Signals.reads(p))) {
            return; // most events (calls, meters, the book's own) concern no incident: no lock for them
        }
        lock();
        try {
            if (closed) {
                return;
            }
            if (e.payload() instanceof ErrorEvent error) {
                reporting.seen(error, openByKey.values());
            }
            if (e.payload() instanceof GuardEvent.CircuitStateChanged c) {
                circuit(c, Signals.Cause.of(e));
            }
            Signals.read(e, this);
        } finally {
            unlock();
        }
    }

    /** Times an open circuit; one still open after the threshold is stuck, and opens an incident. */
    private void circuit(GuardEvent.CircuitStateChanged c, Signals.Cause cause) {
        Map<String, String> labels = c.key().map(k -> Map.of("key", k)).orElse(Map.of());
        IncidentKey key = new IncidentKey(IncidentKey.Kind.GUARD, c.guard(), labels);
        if (c.to() == CircuitState.OPEN) {
            if (stuckCircuits.containsKey(key)) {
                return; // half-open then open again: still the same outage
            }
            Duration after = settings.circuitStuckAfter();
            Instant openedAt = cause.at();
            stuckCircuits.put(key, scheduler.schedule(after, () -> {
                lock();
                try {
                    if (closed || stuckCircuits.remove(key) == null) {
                        return;
                    }
                    signal(
                            new Signals.Signal(
                                    SignalSource.CIRCUIT_STUCK,
                                    key,
                                    "Circuit of " + c.guard() + " open for more than " + after,
                                    true,
                                    "the circuit of " + c.guard() + " has been open since " + openedAt + ": "
                                            + c.reason(),
                                    Map.of("guard", c.guard()),
                                    new Signals.Cause(time.now(), cause.eventType())),
                            TimelineEntry.SYSTEM,
                            null,
                            null);
                } finally {
                    unlock();
                }
            }));
        } else if (c.to() == CircuitState.CLOSED) {
            Cancellable timer = stuckCircuits.remove(key);
            if (timer != null) {
                timer.cancel();
            }
            source(key, false, "the circuit of " + c.guard() + " closed", cause);
        }
    }

    @Override
    public void signal(Signals.Signal s) {
        signal(s, TimelineEntry.SYSTEM, null, null);
    }

    /** Opens an incident or appends the signal to the open one; empty when the signal is not followed. */
    Optional<Incident> signal(
            Signals.Signal s, String actor, @Nullable Severity severity, @Nullable Priority priority) {
        String openId = openByKey.get(s.key());
        if (openId != null) {
            Incident i = requireNonNull(byId.get(openId));
            Incident next = copy(i, i.state(), i.sourceFailing() || s.failing(), i.resolvedAt(), i.actionItems());
            Incident out = append(
                    i,
                    TimelineEntry.Kind.SIGNAL,
                    actor,
                    s.text(),
                    s.details(),
                    s.cause().at(),
                    eventType(s.cause()),
                    next);
            armQuiet(out);
            return Optional.of(out);
        }
        if (!settings.openOn().contains(s.source())) {
            return Optional.empty();
        }
        String id = "INC-" + nextNumber();
        Instant at = s.cause().at();
        Map<String, String> openedDetails = new LinkedHashMap<>(s.details());
        openedDetails.put("failing", Boolean.toString(s.failing()));
        TimelineEntry opened = new TimelineEntry(
                1, at, TimelineEntry.Kind.OPENED, actor, s.text(), openedDetails, eventType(s.cause()));
        Incident i = new Incident(
                id,
                s.key(),
                s.title(),
                severity != null ? severity : settings.severity(s.source()),
                priority != null ? priority : settings.priority(s.source()),
                IncidentState.TRIGGERED,
                s.failing(),
                at,
                at,
                Optional.empty(),
                escalationPolicy.map(EscalationPolicy::name),
                List.of(),
                List.of(opened));
        escalationPolicy.ifPresent(p ->
                positions.put(id, new IncidentCodec.SavedEscalation(p.name(), p.lines(), EscalationPosition.START)));
        save(i);
        byId.put(id, i);
        openByKey.put(i.key(), id);
        publish(new IncidentEvent.Opened(id, i.key(), i.title(), i.severity(), i.priority()));
        publish(new IncidentEvent.Recorded(id, opened));
        log.atWarn()
                .addKeyValue("incident", id)
                .addKeyValue("key", i.key().toString())
                .addKeyValue("severity", i.severity())
                .addKeyValue("priority", i.priority())
                .log("incident opened: " + i.title());
        notifyChannels(i, opened);
        armQuiet(i);
        armReminder(i, at);
        escalationPolicy.ifPresent(p -> escalations.put(id, escalation.start(id, p, at, pos -> position(id, p, pos))));
        RunbookRunner r = runner;
        if (r != null && settings.autoRunRunbooks()) {
            for (Runbook runbook : runbooks.boundTo(i.key())) {
                Incident now = requireNonNull(byId.get(id));
                append(
                        now,
                        TimelineEntry.Kind.RUNBOOK,
                        TimelineEntry.SYSTEM,
                        "runbook " + runbook.name() + " started: it is bound to " + i.key(),
                        Map.of("runbook", runbook.name()),
                        at,
                        Optional.empty(),
                        now);
                r.start(runbook, requireNonNull(byId.get(id)));
            }
        }
        return Optional.of(requireNonNull(byId.get(id)));
    }

    @Override
    public void source(IncidentKey key, boolean failing, String text, Signals.Cause cause) {
        String id = openByKey.get(key);
        if (id == null) {
            return;
        }
        Incident i = requireNonNull(byId.get(id));
        if (i.sourceFailing() == failing) {
            return;
        }
        Incident next = copy(i, i.state(), failing, i.resolvedAt(), i.actionItems());
        Incident out = append(
                i,
                TimelineEntry.Kind.SOURCE,
                TimelineEntry.SYSTEM,
                text,
                Map.of("failing", Boolean.toString(failing)),
                cause.at(),
                eventType(cause),
                next);
        armQuiet(out);
        EscalationRun run = escalations.get(id);
        if (run != null) {
            run.sourceChanged();
        }
    }

    @Override
    public void related(
            @Nullable IncidentKey key,
            TimelineEntry.Kind kind,
            String text,
            Map<String, String> details,
            Signals.Cause cause) {
        List<String> ids = key == null
                ? List.copyOf(openByKey.values())
                : Optional.ofNullable(openByKey.get(key)).stream().toList();
        for (String id : ids) {
            Incident i = requireNonNull(byId.get(id));
            append(i, kind, TimelineEntry.SYSTEM, text, details, cause.at(), eventType(cause), i);
        }
    }

    /** Saves where an incident's escalation is, before the step it is about to take. */
    private void position(String id, EscalationPolicy policy, EscalationPosition p) {
        lock();
        try {
            Incident i = byId.get(id);
            if (i == null || !i.state().isOpen()) {
                return;
            }
            positions.put(id, new IncidentCodec.SavedEscalation(policy.name(), policy.lines(), p));
            save(i);
        } finally {
            unlock();
        }
    }

    Incident get(String id) {
        Incident i = byId.get(requireNonNull(id, "id"));
        if (i == null) {
            throw new IncidentException(
                    IncidentException.Kind.NOT_FOUND,
                    id,
                    "no incident has the id '" + id + "'; list them with incidents().list() or"
                            + " 'armature incidents list'");
        }
        return i;
    }

    Incident move(Incident i, String actor, IncidentState to, String text, boolean force, Instant at) {
        if (!i.state().canMoveTo(to)) {
            throw new IncidentException(
                    IncidentException.Kind.ILLEGAL_TRANSITION,
                    i.id(),
                    "incident " + i.id() + " is " + i.state() + " and cannot become " + to
                            + "; an incident moves forward only, TRIGGERED, ACKNOWLEDGED, MITIGATED, RESOLVED,"
                            + " REVIEWED, and only a RESOLVED one is reviewed");
        }
        if (to == IncidentState.RESOLVED && i.sourceFailing() && !force) {
            throw new IncidentException(
                    IncidentException.Kind.SOURCE_STILL_FAILING,
                    i.id(),
                    "incident " + i.id() + " cannot be resolved: its source (" + i.key()
                            + ") still fails; wait for it to recover, or force the resolve with a reason");
        }
        Optional<Instant> resolvedAt = to == IncidentState.RESOLVED ? Optional.of(at) : i.resolvedAt();
        Incident moved = copy(i, to, i.sourceFailing(), resolvedAt, i.actionItems());
        Map<String, String> details = new LinkedHashMap<>();
        details.put("from", i.state().name());
        details.put("to", to.name());
        if (force) {
            details.put("forced", "true");
        }
        Incident out = append(i, TimelineEntry.Kind.STATE_CHANGED, actor, text, details, at, Optional.empty(), moved);
        EscalationRun run = escalations.get(i.id());
        if (run != null && to != IncidentState.TRIGGERED) {
            run.cancel(); // somebody has it: no more steps; the quiet rule goes on
        }
        if (!to.isOpen()) {
            if (run != null) {
                run.close();
                escalations.remove(i.id());
                positions.remove(i.id());
            }
            openByKey.remove(i.key(), i.id());
            Cancellable reminder = reminders.remove(i.id());
            if (reminder != null) {
                reminder.cancel();
            }
            Cancellable quiet = quietTimers.remove(i.id());
            if (quiet != null) {
                quiet.cancel();
            }
        }
        publish(new IncidentEvent.StateChanged(i.id(), i.state(), to, actor, force));
        log.atInfo()
                .addKeyValue("incident", i.id())
                .addKeyValue("from", i.state())
                .addKeyValue("to", to)
                .addKeyValue("actor", actor)
                .addKeyValue("forced", force)
                .log("incident state changed");
        notifyChannels(out, out.timeline().get(out.timeline().size() - 1));
        if (to == IncidentState.RESOLVED) {
            reporting.write(out, time.now());
        }
        return out;
    }

    /**
     * Appends an entry to {@code base}'s timeline, with the other fields of {@code changed}, saves
     * the result, and publishes the entry.
     */
    Incident append(
            Incident base,
            TimelineEntry.Kind kind,
            String actor,
            String text,
            Map<String, String> details,
            Instant at,
            Optional<String> eventType,
            Incident changed) {
        TimelineEntry entry = new TimelineEntry(base.timeline().size() + 1L, at, kind, actor, text, details, eventType);
        List<TimelineEntry> timeline = new ArrayList<>(base.timeline());
        timeline.add(entry);
        Incident out = new Incident(
                changed.id(),
                changed.key(),
                changed.title(),
                changed.severity(),
                changed.priority(),
                changed.state(),
                changed.sourceFailing(),
                changed.openedAt(),
                at.isAfter(base.updatedAt()) ? at : base.updatedAt(),
                changed.resolvedAt(),
                changed.escalationPolicy(),
                changed.actionItems(),
                timeline);
        save(out);
        byId.put(out.id(), out);
        publish(new IncidentEvent.Recorded(out.id(), entry));
        return out;
    }

    private void save(Incident i) {
        store.get()
                .put(
                        IncidentCodec.NAMESPACE,
                        i.id(),
                        IncidentCodec.encode(i, positions.get(i.id()), reporting.errorsOf(i.id())));
    }

    /** Draws the next id number from the store's counter, so two runs never hand out one id twice. */
    private long nextNumber() {
        return count(IncidentCodec.SEQUENCE) + 1;
    }

    /**
     * Returns a counter of the store and advances it by one, with compare-and-set, so that two
     * systems on one store never read the same value.
     */
    long count(String key) {
        while (true) {
            Optional<Versioned> v = store.get().get(IncidentCodec.NAMESPACE, key);
            long now = v.map(x -> Long.parseLong(new String(x.value(), StandardCharsets.UTF_8)))
                    .orElse(0L);
            if (store.get()
                    .compareAndSet(
                            IncidentCodec.NAMESPACE,
                            key,
                            v.map(Versioned::version).orElse(0L),
                            Long.toString(now + 1).getBytes(StandardCharsets.UTF_8))) {
                return now;
            }
        }
    }

    /** (Re)starts the quiet timer of an open incident: it resolves when nothing happens for the quiet period. */
    private void armQuiet(Incident i) {
        Cancellable before = quietTimers.remove(i.id());
        if (before != null) {
            before.cancel();
        }
        Duration quiet = settings.quiet();
        if (quiet.isZero() || !i.state().isOpen() || i.sourceFailing()) {
            return;
        }
        Instant due = lastActivity(i).plus(quiet);
        Duration delay = Duration.between(time.now(), due);
        quietTimers.put(i.id(), scheduler.schedule(delay.isNegative() ? Duration.ZERO : delay, () -> {
            lock();
            try {
                if (closed) {
                    return;
                }
                Incident now = byId.get(i.id());
                if (now == null || !now.state().isOpen() || now.sourceFailing()) {
                    return;
                }
                quietTimers.remove(i.id());
                move(
                        now,
                        TimelineEntry.SYSTEM,
                        IncidentState.RESOLVED,
                        "resolved by the system: no signal for " + quiet + " and its source no longer fails",
                        false,
                        time.now());
            } finally {
                unlock();
            }
        }));
    }

    /** When the incident last had a signal or its source changed. */
    private Instant lastActivity(Incident i) {
        Instant last = i.openedAt();
        for (TimelineEntry e : i.timeline()) {
            if (e.kind() == TimelineEntry.Kind.SIGNAL || e.kind() == TimelineEntry.Kind.SOURCE) {
                last = e.at();
            }
        }
        return last;
    }

    private void notifyChannels(Incident i, TimelineEntry cause) {
        if (settings.channels().isEmpty()) {
            return;
        }
        Notification n = notification(i, cause, cause.text());
        for (String name : settings.channels()) {
            delivery.send(requireNonNull(channels.get(name)), n);
        }
    }

    /** A notification of an incident; its idempotency key names the incident and the entry that caused it. */
    Notification notification(Incident i, TimelineEntry cause, String reason) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("incident", i.id());
        labels.put("title", i.title());
        labels.put("key", i.key().toString());
        labels.put("severity", i.severity().name());
        labels.put("priority", i.priority().name());
        labels.put("state", i.state().name());
        labels.put("reason", reason);
        return new Notification(
                KIND,
                i.id() + "/" + cause.sequence(),
                SOURCE,
                i.id(),
                labels,
                i.state().isOpen() ? Notification.Status.FIRING : Notification.Status.RESOLVED,
                List.of(),
                cause.at());
    }

    /** Records the outcome of a notification on its incident's timeline. */
    private void notified(Notification n, String channel, String text) {
        lock();
        try {
            if (closed) {
                return;
            }
            Incident i = byId.get(n.groupKey());
            if (i == null) {
                return;
            }
            append(
                    i,
                    TimelineEntry.Kind.NOTIFICATION,
                    TimelineEntry.SYSTEM,
                    "notification " + n.idempotencyKey() + " " + text,
                    Map.of("channel", channel, "idempotencyKey", n.idempotencyKey()),
                    time.now(),
                    Optional.empty(),
                    i);
        } finally {
            unlock();
        }
    }

    private Optional<String> eventType(Signals.Cause c) {
        return c.eventType().isEmpty() ? Optional.empty() : Optional.of(c.eventType());
    }

    @Override
    public List<Incident> list() {
        lock();
        try {
            List<Incident> all = new ArrayList<>(byId.values());
            all.sort(Comparator.comparing(Incident::openedAt)
                    .thenComparing(i -> number(i.id()))
                    .reversed());
            return List.copyOf(all);
        } finally {
            unlock();
        }
    }

    @Override
    public Optional<Incident> find(String id) {
        requireNonNull(id, "id");
        lock();
        try {
            return Optional.ofNullable(byId.get(id));
        } finally {
            unlock();
        }
    }

    @Override
    public Incident open(IncidentKey key, String title, Severity severity, Priority priority, String actor) {
        requireNonNull(key, "key");
        requireNonNull(title, "title");
        requireNonNull(severity, "severity");
        requireNonNull(priority, "priority");
        requireNonNull(actor, "actor");
        lock();
        try {
            Instant now = time.now();
            return signal(
                            new Signals.Signal(
                                    SignalSource.MANUAL,
                                    key,
                                    title,
                                    false,
                                    "opened by " + actor + ": " + title,
                                    Map.of(),
                                    new Signals.Cause(now, "")),
                            actor,
                            severity,
                            priority)
                    .orElseThrow();
        } finally {
            unlock();
        }
    }

    @Override
    public Incident acknowledge(String id, String actor) {
        return move(id, actor, IncidentState.ACKNOWLEDGED, "acknowledged by " + actor, false);
    }

    @Override
    public Incident mitigate(String id, String actor, String note) {
        requireNonNull(note, "note");
        return move(id, actor, IncidentState.MITIGATED, "mitigated by " + actor + ": " + note, false);
    }

    @Override
    public Incident resolve(String id, String actor) {
        return move(id, actor, IncidentState.RESOLVED, "resolved by " + actor, false);
    }

    @Override
    public Incident forceResolve(String id, String actor, String reason) {
        requireNonNull(reason, "reason");
        if (reason.isBlank()) {
            throw new IllegalArgumentException("a forced resolve needs a reason");
        }
        return move(
                id,
                actor,
                IncidentState.RESOLVED,
                "resolved by " + actor + " while its source still fails: " + reason,
                true);
    }

    @Override
    public Incident review(String id, String actor) {
        return move(id, actor, IncidentState.REVIEWED, "reviewed by " + actor, false);
    }

    private Incident move(String id, String actor, IncidentState to, String text, boolean force) {
        requireNonNull(id, "id");
        requireNonNull(actor, "actor");
        lock();
        try {
            return move(get(id), actor, to, text, force, time.now());
        } finally {
            unlock();
        }
    }

    @Override
    public Incident note(String id, String actor, String text) {
        requireNonNull(actor, "actor");
        requireNonNull(text, "text");
        lock();
        try {
            Incident i = get(id);
            return append(i, TimelineEntry.Kind.NOTE, actor, text, Map.of(), time.now(), Optional.empty(), i);
        } finally {
            unlock();
        }
    }

    @Override
    public Incident addActionItem(String id, String text, String owner, LocalDate due) {
        lock();
        try {
            Incident i = get(id);
            ActionItem item = new ActionItem("A" + (i.actionItems().size() + 1), text, owner, due, Optional.empty());
            List<ActionItem> items = new ArrayList<>(i.actionItems());
            items.add(item);
            Incident withItem = copy(i, i.state(), i.sourceFailing(), i.resolvedAt(), items);
            return append(
                    i,
                    TimelineEntry.Kind.ACTION_ITEM,
                    owner,
                    "action item " + item.id() + " for " + owner + " by " + due + ": " + text,
                    Map.of("item", item.id(), "owner", owner, "due", due.toString()),
                    time.now(),
                    Optional.empty(),
                    withItem);
        } finally {
            unlock();
        }
    }

    @Override
    public Incident closeActionItem(String id, String itemId, String actor) {
        requireNonNull(itemId, "itemId");
        requireNonNull(actor, "actor");
        lock();
        try {
            Incident i = get(id);
            Instant now = time.now();
            List<ActionItem> items = new ArrayList<>();
            boolean found = false;
            for (ActionItem a : i.actionItems()) {
                if (a.id().equals(itemId) && a.isOpen()) {
                    items.add(new ActionItem(a.id(), a.text(), a.owner(), a.due(), Optional.of(now)));
                    found = true;
                } else {
                    items.add(a);
                }
            }
            if (!found) {
                throw new IncidentException(
                        IncidentException.Kind.UNKNOWN_REFERENCE,
                        id,
                        "incident " + id + " has no open action item '" + itemId + "'; its open items are "
                                + i.actionItems().stream()
                                        .filter(ActionItem::isOpen)
                                        .map(ActionItem::id)
                                        .toList());
            }
            Incident closed = copy(i, i.state(), i.sourceFailing(), i.resolvedAt(), items);
            return append(
                    i,
                    TimelineEntry.Kind.ACTION_ITEM,
                    actor,
                    "action item " + itemId + " closed by " + actor,
                    Map.of("item", itemId),
                    now,
                    Optional.empty(),
                    closed);
        } finally {
            unlock();
        }
    }

    static Incident copy(
            Incident i,
            IncidentState state,
            boolean sourceFailing,
            Optional<Instant> resolvedAt,
            List<ActionItem> items) {
        return new Incident(
                i.id(),
                i.key(),
                i.title(),
                i.severity(),
                i.priority(),
                state,
                sourceFailing,
                i.openedAt(),
                i.updatedAt(),
                resolvedAt,
                i.escalationPolicy(),
                items,
                i.timeline());
    }

    private static long number(String id) {
        try {
            return Long.parseLong(id.substring(id.indexOf('-') + 1));
        } catch (NumberFormatException | IndexOutOfBoundsException e) {
            return 0; // not an id this manager made; sorts first among equals
        }
    }

    @Override
    public RunbookRun runRunbook(String id, String runbook, String actor) {
        requireNonNull(actor, "actor");
        lock();
        try {
            Incident i = get(id);
            Runbook r = runbooks.require(runbook);
            RunbookRunner run = requireRunner(runbook);
            Incident now = append(
                    i,
                    TimelineEntry.Kind.RUNBOOK,
                    actor,
                    "runbook " + r.name() + " started by " + actor,
                    Map.of("runbook", r.name()),
                    time.now(),
                    Optional.empty(),
                    i);
            return run.start(r, now).status();
        } finally {
            unlock();
        }
    }

    @Override
    public RunbookRun dryRunRunbook(String id, String runbook) {
        lock();
        try {
            return requireRunner(runbook).dryRun(runbooks.require(runbook), get(id));
        } finally {
            unlock();
        }
    }

    @Override
    public RunbookRun approveRunbookStep(String id, String runbook, String step, String approver) {
        RunbookRunner run;
        lock();
        try {
            get(id);
            run = requireRunner(runbook);
        } finally {
            unlock();
        }
        // Outside the lock: the approval lets the run go on, and its steps record on the timeline.
        return run.approve(id, runbook, step, approver);
    }

    private RunbookRunner requireRunner(String runbook) {
        RunbookRunner r = runner;
        if (r == null) {
            throw new RunbookException(
                    RunbookException.Kind.UNKNOWN,
                    runbook,
                    "runbooks run only in a running system; start the system to run " + runbook);
        }
        return r;
    }

    @Override
    public Communication communicate(String id, String template, Map<String, String> fields, String actor) {
        requireNonNull(template, "template");
        requireNonNull(fields, "fields");
        requireNonNull(actor, "actor");
        lock();
        try {
            Incident i = get(id);
            CommunicationTemplate t = communication
                    .template(template)
                    .orElseThrow(() -> new IncidentException(
                            IncidentException.Kind.UNKNOWN_REFERENCE,
                            id,
                            "no communication template is named '" + template + "'; the templates are "
                                    + communication.templates().keySet()));
            Instant now = time.now();
            Communication c = TemplateRenderer.render(t, i, fields, now);
            Incident out = append(
                    i,
                    TimelineEntry.Kind.COMMUNICATION,
                    actor,
                    "communication " + t.name() + " (" + c.audience().name().toLowerCase(Locale.ROOT) + "): "
                            + c.subject(),
                    Map.of("template", t.name(), "audience", c.audience().name(), "subject", c.subject()),
                    now,
                    Optional.empty(),
                    i);
            TimelineEntry entry = out.timeline().get(out.timeline().size() - 1);
            if (!settings.channels().isEmpty()) {
                Notification base = notification(out, entry, c.subject());
                Map<String, String> labels = new LinkedHashMap<>(base.groupLabels());
                labels.put("subject", c.subject());
                labels.put("body", c.body());
                labels.put("audience", c.audience().name());
                Notification n = new Notification(
                        KIND,
                        base.idempotencyKey(),
                        base.route(),
                        base.groupKey(),
                        labels,
                        base.status(),
                        base.alerts(),
                        base.createdAt());
                for (String name : settings.channels()) {
                    delivery.send(requireNonNull(channels.get(name)), n);
                }
            }
            armReminder(out, now);
            return c;
        } finally {
            unlock();
        }
    }

    @Override
    public IncidentReport report(String id) {
        lock();
        try {
            Incident i = get(id);
            return reporting.build(i, time.now());
        } finally {
            unlock();
        }
    }

    /** When the incident's last communication went out, or its opening. */
    private static Instant lastCommunication(Incident i) {
        Instant last = i.openedAt();
        for (TimelineEntry e : i.timeline()) {
            if (e.kind() == TimelineEntry.Kind.COMMUNICATION
                    && !REMINDER.equals(e.details().get("template"))) {
                last = e.at();
            }
        }
        return last;
    }

    /** Schedules the reminder that an update is due, by the cadence of the incident's severity. */
    private void armReminder(Incident i, Instant since) {
        Cancellable before = reminders.remove(i.id());
        if (before != null) {
            before.cancel();
        }
        Optional<Instant> due = communication.cadence().nextDue(i.severity(), since);
        if (due.isEmpty() || !i.state().isOpen()) {
            return;
        }
        Duration delay = Duration.between(time.now(), due.get());
        reminders.put(
                i.id(), scheduler.schedule(delay.isNegative() ? Duration.ZERO : delay, () -> remind(i.id(), since)));
    }

    private void remind(String id, Instant since) {
        lock();
        try {
            Incident now = byId.get(id);
            if (closed || now == null || !now.state().isOpen()) {
                return;
            }
            Incident out = append(
                    now,
                    TimelineEntry.Kind.COMMUNICATION,
                    TimelineEntry.SYSTEM,
                    "a status update is due: none sent since " + since,
                    Map.of("template", REMINDER),
                    time.now(),
                    Optional.empty(),
                    now);
            notifyChannels(out, out.timeline().get(out.timeline().size() - 1));
            armReminder(out, time.now());
        } finally {
            unlock();
        }
    }
}

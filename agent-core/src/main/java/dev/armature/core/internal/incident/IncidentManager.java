package dev.armature.core.internal.incident;

import com.google.common.base.Suppliers;
import dev.armature.api.AgentSystem;
import dev.armature.api.Component;
import dev.armature.api.ComponentContext;
import dev.armature.api.ComponentDescriptor;
import dev.armature.api.IllegalLifecycleException;
import dev.armature.api.config.ConfigException;
import dev.armature.api.event.Subscription;
import dev.armature.api.incident.Communication;
import dev.armature.api.incident.EscalationPolicy;
import dev.armature.api.incident.EscalationStep;
import dev.armature.api.incident.Incident;
import dev.armature.api.incident.IncidentKey;
import dev.armature.api.incident.IncidentReport;
import dev.armature.api.incident.Incidents;
import dev.armature.api.incident.Priority;
import dev.armature.api.incident.RunbookRun;
import dev.armature.api.incident.Severity;
import dev.armature.api.state.StateStore;
import dev.armature.core.internal.incident.comms.CommunicationSettings;
import dev.armature.core.internal.incident.escalation.EscalationConfig;
import dev.armature.core.internal.incident.runbook.RunbookRegistry;
import dev.armature.core.internal.incident.runbook.RunbookRunner;
import dev.armature.spi.incident.Runbook;
import dev.armature.spi.monitoring.NotificationChannel;
import java.nio.file.Files;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Internal: incident management as the component {@value #NAME} and as the {@link Incidents}
 * service. On start it reads {@code armature.incidents.*}, gathers the notification channels plugins
 * contribute, and opens the {@link IncidentBook} of the state store, which follows the bus until the
 * component stops. Notifications are delivered on one daemon thread of its own, {@code
 * armature-incidents}. While it is not running, every call throws {@link IllegalLifecycleException}.
 * Thread-safe.
 */
public final class IncidentManager implements Component, Incidents {
    /** The component's name. */
    public static final String NAME = "armature.incidents";

    private static final Logger log = LoggerFactory.getLogger(IncidentManager.class);
    private static final int QUEUE = 1024;
    private static final int RUNBOOK_THREADS = 2;

    /** Where, under the data directory, the reports of resolved incidents are written. */
    static final String REPORTS = "incident-reports";

    private final List<Runbook> hostRunbooks;
    private volatile @Nullable IncidentBook book;
    private volatile @Nullable ExecutorService runbookWorkers;
    private volatile @Nullable Subscription validator;

    /**
     * Creates the manager; it does nothing until started.
     *
     * @param hostRunbooks the runbooks the host gave with {@code RunbooksExtension}
     */
    public IncidentManager(List<Runbook> hostRunbooks) {
        this.hostRunbooks = List.copyOf(hostRunbooks);
    }

    @Override
    public ComponentDescriptor descriptor() {
        // After the alert engine and the router when they are there, so that both run while incidents
        // are opened and notified.
        return ComponentDescriptor.builder(NAME)
                .after("armature.alerts")
                .after("armature.notifications")
                .build();
    }

    @Override
    public void start(ComponentContext context) {
        IncidentSettings settings = IncidentSettings.read(context.config().snapshot());
        Map<String, NotificationChannel> channels = new LinkedHashMap<>();
        for (NotificationChannel c : context.contributions(NotificationChannel.class)) {
            channels.putIfAbsent(c.name(), c);
        }
        for (String name : settings.channels()) {
            if (!channels.containsKey(name)) {
                String key = IncidentSettings.PREFIX + ".channels";
                throw new ConfigException(
                        IncidentSettings.INVALID,
                        key + " names the channel '" + name + "', which no plugin contributes; the channels are "
                                + channels.keySet(),
                        key,
                        null);
            }
        }
        EscalationConfig escalation = EscalationConfig.read(context.config().snapshot());
        for (EscalationPolicy policy : escalation.policies().values()) {
            checkChannels(policy, channels);
        }
        ThreadPoolExecutor executor =
                new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(QUEUE), r -> {
                    Thread t = new Thread(r, "armature-incidents");
                    t.setDaemon(true);
                    return t;
                });
        IncidentBook b = new IncidentBook(
                Suppliers.memoize(() -> context.service(StateStore.class)),
                context.timeSource(),
                context.scheduler(),
                context.events(),
                settings,
                channels,
                executor,
                escalation.defaultPolicy());
        RunbookRegistry registry = RunbookRegistry.of(hostRunbooks, context.contributions(Runbook.class));
        ExecutorService workers = Executors.newFixedThreadPool(RUNBOOK_THREADS, r -> {
            Thread t = new Thread(r, "armature-runbooks");
            t.setDaemon(true);
            return t;
        });
        b.runbooks(
                registry,
                new RunbookRunner(
                        context.service(AgentSystem.class),
                        workers,
                        context.scheduler(),
                        context.timeSource(),
                        b.journal()));
        runbookWorkers = workers;
        b.communication(
                CommunicationSettings.read(context.config().snapshot()),
                settings.slos(),
                Optional.of(context.dataDirectory().resolve(REPORTS)));
        try {
            if (Files.isDirectory(context.dataDirectory())) {
                b.load(); // else nothing was ever saved, and the store is opened when something is
            }
            b.subscribe();
        } catch (RuntimeException e) {
            b.close();
            workers.shutdownNow();
            throw e;
        }
        book = b;
        // A reload that would break a policy is refused, not discovered at the next start.
        validator = context.config().addValidator(EscalationConfig.validator());
        log.atInfo()
                .addKeyValue("incidents", b.list().size())
                .addKeyValue("open", b.open().size())
                .addKeyValue("channels", channels.keySet().toString())
                .log("incident manager started");
    }

    private static void checkChannels(EscalationPolicy policy, Map<String, NotificationChannel> channels) {
        for (EscalationStep step : policy.steps()) {
            for (String t : step.targets()) {
                if (!channels.containsKey(t)) {
                    String key = "armature.incidents.escalation.policies." + policy.name() + ".steps";
                    throw new ConfigException(
                            IncidentSettings.INVALID,
                            key + ": the step '" + step + "' names the channel '" + t
                                    + "', which no plugin contributes; the channels are " + channels.keySet(),
                            key,
                            null);
                }
            }
        }
    }

    @Override
    public void stop() {
        IncidentBook b = book;
        book = null;
        Subscription v = validator;
        validator = null;
        if (v != null) {
            v.close();
        }
        if (b != null) {
            b.close();
        }
        ExecutorService w = runbookWorkers;
        runbookWorkers = null;
        if (w != null) {
            w.shutdownNow(); // the runs were aborted by the book; their steps are interrupted
        }
    }

    private IncidentBook running(String operation) {
        IncidentBook b = book;
        if (b == null) {
            throw new IllegalLifecycleException(
                    "incidents()." + operation,
                    "not running",
                    "incidents are managed while the system runs; start it first");
        }
        return b;
    }

    @Override
    public List<Incident> list() {
        return running("list()").list();
    }

    @Override
    public Optional<Incident> find(String id) {
        return running("find()").find(id);
    }

    @Override
    public Incident open(IncidentKey key, String title, Severity severity, Priority priority, String actor) {
        return running("open()").open(key, title, severity, priority, actor);
    }

    @Override
    public Incident acknowledge(String id, String actor) {
        return running("acknowledge()").acknowledge(id, actor);
    }

    @Override
    public Incident mitigate(String id, String actor, String note) {
        return running("mitigate()").mitigate(id, actor, note);
    }

    @Override
    public Incident resolve(String id, String actor) {
        return running("resolve()").resolve(id, actor);
    }

    @Override
    public Incident forceResolve(String id, String actor, String reason) {
        return running("forceResolve()").forceResolve(id, actor, reason);
    }

    @Override
    public Incident review(String id, String actor) {
        return running("review()").review(id, actor);
    }

    @Override
    public Incident note(String id, String actor, String text) {
        return running("note()").note(id, actor, text);
    }

    @Override
    public Incident addActionItem(String id, String text, String owner, LocalDate due) {
        return running("addActionItem()").addActionItem(id, text, owner, due);
    }

    @Override
    public Incident closeActionItem(String id, String itemId, String actor) {
        return running("closeActionItem()").closeActionItem(id, itemId, actor);
    }

    @Override
    public RunbookRun runRunbook(String id, String runbook, String actor) {
        return running("runRunbook()").runRunbook(id, runbook, actor);
    }

    @Override
    public RunbookRun dryRunRunbook(String id, String runbook) {
        return running("dryRunRunbook()").dryRunRunbook(id, runbook);
    }

    @Override
    public RunbookRun approveRunbookStep(String id, String runbook, String step, String approver) {
        return running("approveRunbookStep()").approveRunbookStep(id, runbook, step, approver);
    }

    @Override
    public Communication communicate(String id, String template, Map<String, String> fields, String actor) {
        return running("communicate()").communicate(id, template, fields, actor);
    }

    @Override
    public IncidentReport report(String id) {
        return running("report()").report(id);
    }
}

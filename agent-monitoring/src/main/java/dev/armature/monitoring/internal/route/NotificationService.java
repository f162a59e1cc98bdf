package dev.armature.monitoring.internal.route;

import dev.armature.api.ArmatureException;
import dev.armature.api.Component;
import dev.armature.api.ComponentContext;
import dev.armature.api.ComponentDescriptor;
import dev.armature.api.config.ConfigException;
import dev.armature.api.event.EventEnvelope;
import dev.armature.api.event.SubscribeOptions;
import dev.armature.api.event.Subscription;
import dev.armature.api.monitoring.Alert;
import dev.armature.api.monitoring.AlertEvent;
import dev.armature.api.monitoring.AlertState;
import dev.armature.api.monitoring.Alerts;
import dev.armature.api.monitoring.LabelMatcher;
import dev.armature.api.monitoring.Silence;
import dev.armature.api.monitoring.Silences;
import dev.armature.api.state.StateStore;
import dev.armature.monitoring.NotificationRoute;
import dev.armature.monitoring.NotificationsExtension;
import dev.armature.spi.monitoring.NotificationChannel;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.random.RandomGenerator;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Internal: the notification router as a component ({@value #NAME}, started after the alert
 * engine) and as the {@link Silences} service. On start it reads {@code armature.notifications.*}
 * and the host's {@link NotificationsExtension}, gathers the channels (the built-in {@code log}, the
 * host's and those plugins contribute), takes back the groups and silences of the state store,
 * follows the bus's {@link AlertEvent}s, and reconciles with the alert engine's active alerts: a
 * firing alert the router missed is routed, and one it holds as firing that the engine no longer
 * has (its rule is gone) resolves. Deliveries run on one daemon thread of its own, {@code
 * armature-notifications}. Thread-safe.
 */
public final class NotificationService implements Component, Silences {
    /** The component's name. */
    public static final String NAME = "armature.notifications";

    private static final Logger log = LoggerFactory.getLogger(NotificationService.class);
    private static final int QUEUE = 1024;

    private final NotificationsExtension host;
    private final Object lock = new Object();
    private volatile @Nullable Run run;

    private record Run(Router router, SilenceBook silences, Subscription subscription, ThreadPoolExecutor executor) {}

    /**
     * Creates the service.
     *
     * @param host the host's channels, routes and inhibition rules
     */
    public NotificationService(NotificationsExtension host) {
        this.host = host;
    }

    @Override
    public ComponentDescriptor descriptor() {
        return ComponentDescriptor.builder(NAME).after("armature.alerts").build();
    }

    @Override
    public void start(ComponentContext context) {
        RouterSettings settings =
                NotificationConfig.read(context.config().snapshot()).withRoutes(host.routes(), host.inhibitRules());
        // The log channel and the host's come as contributions of the plugin, so incidents see them too.
        List<NotificationChannel> all = new ArrayList<>(context.contributions(NotificationChannel.class));
        Map<String, NotificationChannel> channels = channels(all);
        check(settings, channels);
        StateStore store = context.service(StateStore.class);
        RandomGenerator ids = context.randomSource().stream("armature.notifications");
        SilenceBook silences = new SilenceBook(store, context.timeSource(), ids);
        ThreadPoolExecutor executor = newExecutor();
        Router router = new Router(
                settings,
                channels,
                context.timeSource(),
                context.scheduler(),
                executor,
                store,
                silences,
                new RouterMeters(context.service(MeterRegistry.class)),
                HexFormat.of().toHexDigits(ids.nextLong()));
        router.restore();
        Subscription subscription =
                context.events().subscribe(AlertEvent.class, SubscribeOptions.defaults(), e -> onEvent(router, e));
        synchronized (lock) {
            run = new Run(router, silences, subscription, executor);
        }
        reconcile(context, router);
        log.atInfo()
                .addKeyValue("routes", settings.routes().size())
                .addKeyValue("channels", channels.keySet().toString())
                .addKeyValue("inhibitRules", settings.inhibitRules().size())
                .addKeyValue("silences", silences.list().size())
                .log("notification router started");
    }

    private static void onEvent(Router router, EventEnvelope<AlertEvent> e) {
        AlertEvent event = e.payload();
        if (event instanceof AlertEvent.AlertFired f) {
            router.fired(f.rule(), f.severity(), f.labels(), f.annotations(), f.firedAt(), e.timestamp());
        } else if (event instanceof AlertEvent.AlertResolved r) {
            router.resolved(r.rule(), r.labels(), r.resolvedAt(), e.timestamp());
        }
        // Pending alerts are not notified, as in Alertmanager.
    }

    private static Map<String, NotificationChannel> channels(List<NotificationChannel> all) {
        Map<String, NotificationChannel> out = new LinkedHashMap<>();
        for (NotificationChannel c : all) {
            NotificationChannel before = out.putIfAbsent(c.name(), c);
            if (before != null) {
                throw new ConfigException(
                        NotificationConfig.INVALID,
                        "two notification channels are named '" + c.name() + "': "
                                + before.getClass().getName() + " and "
                                + c.getClass().getName() + "; rename one",
                        null,
                        null);
            }
        }
        return out;
    }

    private static void check(RouterSettings settings, Map<String, NotificationChannel> channels) {
        Set<String> names = new HashSet<>();
        for (NotificationRoute r : settings.routes()) {
            if (!names.add(r.name()) || r.name().equals(RouterSettings.DEFAULT_ROUTE)) {
                throw new ConfigException(
                        NotificationConfig.INVALID,
                        "two notification routes are named '" + r.name() + "' (or one is named '"
                                + RouterSettings.DEFAULT_ROUTE + "', which is reserved): rename one",
                        NotificationConfig.PREFIX + ".routes." + r.name(),
                        null);
            }
            missing(
                    r.channels(),
                    channels,
                    "route '" + r.name() + "'",
                    NotificationConfig.PREFIX + ".routes." + r.name() + ".channels");
        }
        missing(settings.defaultChannels(), channels, "the default route", NotificationConfig.PREFIX + ".channels");
    }

    private static void missing(
            List<String> wanted, Map<String, NotificationChannel> channels, String who, String key) {
        for (String c : wanted) {
            if (!channels.containsKey(c)) {
                throw new ConfigException(
                        NotificationConfig.INVALID,
                        who + " names the channel '" + c + "', which no one provides (there are " + channels.keySet()
                                + "): fix " + key + ", or add the channel with NotificationsExtension or a plugin",
                        key,
                        null);
            }
        }
    }

    /** Routes the firing alerts the router missed and resolves those the alert engine no longer has. */
    private static void reconcile(ComponentContext context, Router router) {
        List<Alert> active;
        try {
            active = context.service(Alerts.class).active();
        } catch (ArmatureException e) {
            // The alert engine is disabled: the router serves other kinds only, and has nothing to compare.
            log.atDebug().addKeyValue("reason", e.getMessage()).log("no alert engine to reconcile with");
            return;
        }
        Instant now = context.timeSource().now();
        Set<String> firing = new HashSet<>();
        for (Alert a : active) {
            if (a.state() == AlertState.FIRING && a.firedAt().isPresent()) {
                firing.add(AlertRecord.fingerprint(a.rule(), a.labels()));
                router.fired(
                        a.rule(),
                        a.severity(),
                        a.labels(),
                        a.annotations(),
                        a.firedAt().get(),
                        now);
            }
        }
        router.firing().forEach((fp, a) -> {
            if (!firing.contains(fp)) {
                router.resolved(a.rule(), a.labels(), now, now);
            }
        });
    }

    private static ThreadPoolExecutor newExecutor() {
        return new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(QUEUE), r -> {
            Thread t = new Thread(r, "armature-notifications");
            t.setDaemon(true);
            return t;
        });
    }

    @Override
    public void stop() {
        Run r;
        synchronized (lock) {
            r = run;
            run = null;
        }
        if (r != null) {
            r.subscription().close();
            r.router().stop();
            // Interrupts a delivery in flight; what it owed stays saved and is sent after the next start.
            r.executor().shutdownNow();
        }
    }

    private Run running() {
        Run r = run;
        if (r == null) {
            throw new IllegalStateException("the notification router is not running: start the system first");
        }
        return r;
    }

    @Override
    public Silence add(
            List<LabelMatcher> matchers, Instant startsAt, Instant endsAt, String createdBy, String comment) {
        return running().silences().add(matchers, startsAt, endsAt, createdBy, comment);
    }

    @Override
    public boolean expire(String id) {
        return running().silences().expire(id);
    }

    @Override
    public Optional<Silence> get(String id) {
        Run r = run;
        return r == null ? Optional.empty() : r.silences().get(id);
    }

    @Override
    public List<Silence> list() {
        Run r = run;
        return r == null ? List.of() : r.silences().list();
    }

    /** The router of the current run, for tests. */
    Optional<Router> router() {
        Run r = run;
        return r == null ? Optional.empty() : Optional.of(r.router());
    }
}

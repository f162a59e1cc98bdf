package dev.armature.monitoring.internal.route;

import dev.armature.api.monitoring.AlertSeverity;
import dev.armature.api.monitoring.Notification;
import dev.armature.api.monitoring.NotifiedAlert;
import dev.armature.api.state.StateStore;
import dev.armature.api.time.Scheduler;
import dev.armature.api.time.TimeSource;
import dev.armature.core.notification.AtLeastOnceDelivery;
import dev.armature.monitoring.InhibitRule;
import dev.armature.monitoring.NotificationRoute;
import dev.armature.spi.monitoring.NotificationChannel;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Internal: the router's state machine, after Alertmanager's dispatcher. Alerts enter by {@link
 * #fired} and {@link #resolved}; each goes to the groups of the routes that match it; a new group
 * is flushed after its group wait, then every group interval. A flush sends each channel of the
 * route a notification of the group's whole state when it differs from what the channel was last
 * told, or when the repeat interval has passed: the firing alerts that are neither silenced,
 * inhibited nor cooling down, and the resolved alerts the channel was told of firing — muted or
 * not, which is the contract: a firing notification sent is followed by a resolved one.
 *
 * <p>Timing is by event time: an alert event that happened before a flush but reached the router
 * after it is flushed at once, not a group interval later, so the outcome does not hang on how fast
 * the bus delivers. Every change of a group is saved in the state store (see {@link GroupCodec}),
 * and {@link #restore} takes it back after a restart. Thread-safe: one lock guards the state;
 * channels are called outside it, by an {@link AtLeastOnceDelivery}.
 */
final class Router implements AtLeastOnceDelivery.Outcome {
    private static final Logger log = LoggerFactory.getLogger(Router.class);

    /** How far the clock may move while a flush is scheduled before it is scheduled again. */
    private static final Duration DRIFT = Duration.ofMillis(1);

    private final RouterSettings settings;
    private final Map<String, NotificationChannel> channels;
    private final TimeSource time;
    private final Scheduler scheduler;
    private final StateStore store;
    private final SilenceBook silences;
    private final RouterMeters meters;
    private final AtLeastOnceDelivery dispatcher;
    private final String nonce;

    private final Object lock = new Object();
    /** Every alert the router holds, by fingerprint: the sources inhibition looks at. */
    private final Map<String, AlertRecord> alerts = new HashMap<>();

    private final Map<String, Group> groups = new LinkedHashMap<>();
    /** When a rule's alert was last newly notified as firing, by rule and channel: for cooldowns. */
    private final Map<String, Instant> lastNewFiring = new HashMap<>();

    private long sequence;
    private boolean stopped;

    Router(
            RouterSettings settings,
            Map<String, NotificationChannel> channels,
            TimeSource time,
            Scheduler scheduler,
            Executor delivery,
            StateStore store,
            SilenceBook silences,
            RouterMeters meters,
            String nonce) {
        this.settings = settings;
        this.channels = Map.copyOf(channels);
        this.time = time;
        this.scheduler = scheduler;
        this.store = store;
        this.silences = silences;
        this.meters = meters;
        this.nonce = nonce;
        this.dispatcher = new AtLeastOnceDelivery(delivery, scheduler, settings.retry(), this);
    }

    /** Takes back the groups a previous run saved and schedules their flushes. */
    void restore() {
        synchronized (lock) {
            for (Group g : GroupCodec.load(store)) {
                groups.put(g.key, g);
                g.alerts.values().forEach(a -> alerts.put(a.fingerprint(), a));
            }
            for (Group g : List.copyOf(groups.values())) {
                schedule(g, g.nextFlushAt);
            }
        }
    }

    /** The fingerprints of the alerts the router holds as firing; for reconciling after a restart. */
    Map<String, AlertRecord> firing() {
        synchronized (lock) {
            Map<String, AlertRecord> out = new TreeMap<>();
            alerts.forEach((fp, a) -> {
                if (a.isFiring()) {
                    out.put(fp, a);
                }
            });
            return out;
        }
    }

    /** An alert fired at {@code eventTime}. */
    void fired(
            String rule,
            AlertSeverity severity,
            Map<String, String> labels,
            Map<String, String> annotations,
            Instant firedAt,
            Instant eventTime) {
        synchronized (lock) {
            if (stopped) {
                return;
            }
            AlertRecord alert = AlertRecord.firing(rule, labels, annotations, severity, firedAt);
            AlertRecord known = alerts.get(alert.fingerprint());
            if (known != null && known.isFiring() && known.firedAt().equals(firedAt)) {
                meters.deduplicated("duplicate-event");
                return;
            }
            alerts.put(alert.fingerprint(), alert);
            for (NotificationRoute route : routes(alert)) {
                Map<String, String> groupLabels = groupLabels(route, alert);
                String key = groupKey(route, groupLabels);
                Group g = groups.get(key);
                boolean created = g == null;
                if (g == null) {
                    g = new Group(
                            key,
                            route.name(),
                            groupLabels,
                            route.channels(),
                            eventTime.plus(settings.groupWait(route)));
                    groups.put(key, g);
                }
                g.alerts.put(alert.fingerprint(), alert);
                for (Group.ChannelState cs : g.channels.values()) {
                    // Fired again before its resolution was sent: to the channel it never stopped firing,
                    // so the resolution it is owed is this firing's. (One in flight is followed by news.)
                    if (cs.owed.containsKey(alert.fingerprint())
                            && !cs.resolvingInFlight.contains(alert.fingerprint())) {
                        cs.owed.put(alert.fingerprint(), firedAt);
                    }
                }
                touch(g, eventTime, created);
            }
        }
    }

    /** An alert resolved at {@code eventTime}. */
    void resolved(String rule, Map<String, String> labels, Instant resolvedAt, Instant eventTime) {
        synchronized (lock) {
            if (stopped) {
                return;
            }
            String fp = AlertRecord.fingerprint(rule, labels);
            AlertRecord known = alerts.get(fp);
            if (known == null) {
                return; // never seen firing (it fired before the router ran): nothing was told of it
            }
            if (!known.isFiring()) {
                meters.deduplicated("duplicate-event");
                return;
            }
            AlertRecord resolved = known.resolved(resolvedAt);
            alerts.put(fp, resolved);
            for (Group g : List.copyOf(groups.values())) {
                if (g.alerts.containsKey(fp)) {
                    g.alerts.put(fp, resolved);
                    touch(g, eventTime, false);
                }
            }
        }
    }

    /** After a change: schedules a new group's first flush, or flushes at once what a past flush missed. */
    private void touch(Group g, Instant eventTime, boolean created) {
        if (created) {
            schedule(g, g.nextFlushAt);
        } else if (g.lastFlushAt.isPresent() && eventTime.isBefore(g.lastFlushAt.get())) {
            flush(g, time.now());
        }
        save(g);
    }

    /**
     * Schedules a flush at an instant, or flushes now when it has passed. The scheduler takes a delay,
     * and the clock may move between reading it and scheduling (another thread advancing a manual
     * clock): then the task would fall due late, so the clock is read again after, and the flush
     * rescheduled from the new reading, or done now if {@code at} has passed. A task of an earlier
     * scheduling finds its generation stale and does nothing.
     */
    private void schedule(Group g, Instant at) {
        g.nextFlushAt = at;
        Instant now = time.now();
        while (true) {
            if (g.timer != null) {
                g.timer.cancel();
                g.timer = null;
            }
            long generation = ++g.generation;
            if (!at.isAfter(now)) {
                tick(g);
                return;
            }
            g.timer = scheduler.schedule(Duration.between(now, at), () -> {
                synchronized (lock) {
                    if (!stopped && groups.get(g.key) == g && g.generation == generation) {
                        tick(g);
                    }
                }
            });
            Instant after = time.now();
            if (Duration.between(now, after).compareTo(DRIFT) < 0) {
                return; // a real clock moves microseconds meanwhile, which do not matter
            }
            now = after;
        }
    }

    /** A scheduled flush: flushes, then schedules the next a group interval on, while the group lives. */
    private void tick(Group g) {
        Instant now = time.now();
        Duration interval = settings.groupInterval(route(g));
        Instant next = g.nextFlushAt.plus(interval);
        flush(g, now);
        if (groups.get(g.key) == g) {
            // After a long stop the missed ticks are not replayed: one flush now, the next an interval on.
            schedule(g, next.isAfter(now) ? next : now.plus(interval));
            save(g);
        }
    }

    private void flush(Group g, Instant now) {
        g.lastFlushAt = Optional.of(now);
        NotificationRoute route = route(g);
        for (Map.Entry<String, Group.ChannelState> e : List.copyOf(g.channels.entrySet())) {
            String channelName = e.getKey();
            Group.ChannelState cs = e.getValue();
            List<AlertRecord> firing = new ArrayList<>();
            List<AlertRecord> resolved = new ArrayList<>();
            for (AlertRecord a : g.alerts.values()) {
                if (a.isFiring()) {
                    if (!muted(a, now) && !coolingDown(a, channelName, cs, now)) {
                        firing.add(a);
                    }
                } else if (a.firedAt().equals(cs.owed.get(a.fingerprint()))
                        && !cs.resolvingInFlight.contains(a.fingerprint())) {
                    resolved.add(a);
                }
            }
            Set<String> firingSet = new HashSet<>();
            firing.forEach(a -> firingSet.add(a.fingerprint()));
            if (firing.isEmpty() && resolved.isEmpty()) {
                cs.firingSent = firingSet; // nothing to tell: all muted, or all told
                continue;
            }
            boolean changed = !firingSet.equals(cs.firingSent) || !resolved.isEmpty();
            boolean repeat = cs.lastSentAt.isPresent()
                    && !now.isBefore(cs.lastSentAt.get().plus(settings.repeatInterval(route)));
            if (!changed && !repeat) {
                meters.deduplicated("unchanged");
                continue;
            }
            for (AlertRecord a : firing) {
                if (!cs.owed.containsKey(a.fingerprint())) {
                    lastNewFiring.put(a.rule() + '\u0000' + channelName, now);
                }
                cs.owed.put(a.fingerprint(), a.firedAt());
            }
            resolved.forEach(a -> cs.resolvingInFlight.add(a.fingerprint()));
            cs.firingSent = firingSet;
            cs.lastSentAt = Optional.of(now);
            Notification n = notification(g, channelName, firing, resolved, now);
            NotificationChannel channel = channels.get(channelName);
            if (channel == null) {
                // A channel that a saved group names but that is gone since the restart: said, not hidden.
                log.atWarn()
                        .addKeyValue("channel", channelName)
                        .addKeyValue("group", g.key)
                        .log("notification dropped: no channel of that name any more");
                continue;
            }
            dispatcher.send(channel, n);
        }
        forgetResolved(g);
    }

    private Notification notification(
            Group g, String channel, List<AlertRecord> firing, List<AlertRecord> resolved, Instant now) {
        List<NotifiedAlert> items = new ArrayList<>();
        Comparator<AlertRecord> order = Comparator.comparing(AlertRecord::rule).thenComparing(a -> a.fingerprint());
        firing.stream().sorted(order).forEach(a -> items.add(a.notified()));
        resolved.stream().sorted(order).forEach(a -> items.add(a.notified()));
        long seq = ++sequence;
        String key = AlertRecord.sha256(nonce + '\u0000' + g.key + '\u0000' + channel + '\u0000' + now + '\u0000' + seq)
                .substring(0, 32);
        return new Notification(
                Notification.ALERTS,
                key,
                g.route,
                g.key,
                g.groupLabels,
                firing.isEmpty() ? Notification.Status.RESOLVED : Notification.Status.FIRING,
                items,
                now);
    }

    /** Drops resolved alerts that no channel is owed, and the group when it is empty. */
    private void forgetResolved(Group g) {
        g.alerts.values().removeIf(a -> !a.isFiring() && !g.owed(a.fingerprint()));
        if (g.alerts.isEmpty()) {
            if (g.timer != null) {
                g.timer.cancel();
                g.timer = null;
            }
            groups.remove(g.key);
            GroupCodec.delete(store, g);
        } else {
            save(g);
        }
        alerts.values()
                .removeIf(a -> !a.isFiring()
                        && groups.values().stream().noneMatch(x -> x.alerts.containsKey(a.fingerprint())));
    }

    @Override
    public void delivered(NotificationChannel channel, Notification n) {
        meters.sent(channel.name(), n.status());
        delivered(n.groupKey(), channel.name(), n);
    }

    @Override
    public void failed(NotificationChannel channel, Notification n, int attempt, boolean gaveUp, Exception error) {
        meters.failed(channel.name(), gaveUp);
        if (gaveUp) {
            gaveUp(n.groupKey(), channel.name(), n);
        }
    }

    /** Records what a channel now knows of the group. */
    private void delivered(String groupKey, String channel, Notification n) {
        synchronized (lock) {
            Group g = groups.get(groupKey);
            if (g == null) {
                return;
            }
            Group.ChannelState cs = g.channels.get(channel);
            if (cs == null) {
                return;
            }
            for (NotifiedAlert a : n.alerts()) {
                if (a.status() == Notification.Status.FIRING) {
                    if (a.firedAt().equals(cs.owed.get(a.fingerprint()))) {
                        cs.delivered.add(a.fingerprint());
                    }
                } else {
                    cs.resolvingInFlight.remove(a.fingerprint());
                    if (a.firedAt().equals(cs.owed.get(a.fingerprint()))) {
                        cs.owed.remove(a.fingerprint());
                        cs.delivered.remove(a.fingerprint());
                    }
                }
            }
            forgetResolved(g);
        }
    }

    /** Forgets what a channel was sent but never accepted, so the next flush tells it again. */
    private void gaveUp(String groupKey, String channel, Notification n) {
        synchronized (lock) {
            Group g = groups.get(groupKey);
            Group.ChannelState cs = g == null ? null : g.channels.get(channel);
            if (cs == null) {
                return;
            }
            // Resolved alerts stay owed: the next flush tells of them again. Firing ones are news again.
            n.resolved().forEach(a -> cs.resolvingInFlight.remove(a.fingerprint()));
            cs.firingSent = new HashSet<>(cs.delivered);
        }
    }

    private boolean muted(AlertRecord a, Instant now) {
        Map<String, String> labels = a.matchLabels();
        if (silences.muting(labels, now).isPresent()) {
            return true;
        }
        for (InhibitRule rule : settings.inhibitRules()) {
            if (!rule.target().stream().allMatch(m -> m.matches(labels))) {
                continue;
            }
            for (AlertRecord source : alerts.values()) {
                if (!source.isFiring() || source.fingerprint().equals(a.fingerprint())) {
                    continue;
                }
                Map<String, String> sl = source.matchLabels();
                if (rule.source().stream().allMatch(m -> m.matches(sl))
                        && rule.equal().stream()
                                .allMatch(l -> sl.getOrDefault(l, "").equals(labels.getOrDefault(l, "")))) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Whether an alert not yet told of on this channel must wait for its rule's cooldown. */
    private boolean coolingDown(AlertRecord a, String channel, Group.ChannelState cs, Instant now) {
        if (cs.owed.containsKey(a.fingerprint())) {
            return false;
        }
        Duration cooldown = settings.cooldown(a.rule());
        Instant last = lastNewFiring.get(a.rule() + '\u0000' + channel);
        return !cooldown.isZero() && last != null && now.isBefore(last.plus(cooldown));
    }

    private List<NotificationRoute> routes(AlertRecord a) {
        Map<String, String> labels = a.matchLabels();
        List<NotificationRoute> out = new ArrayList<>();
        for (NotificationRoute r : settings.routes()) {
            if (r.matchers().stream().allMatch(m -> m.matches(labels))) {
                out.add(r);
                if (!r.continueMatching()) {
                    return out;
                }
            }
        }
        if (out.isEmpty()) {
            out.add(settings.defaultRoute());
        }
        return out;
    }

    private NotificationRoute route(Group g) {
        if (g.route.equals(RouterSettings.DEFAULT_ROUTE)) {
            return settings.defaultRoute();
        }
        for (NotificationRoute r : settings.routes()) {
            if (r.name().equals(g.route)) {
                return r;
            }
        }
        // The route is gone since the group was saved: its channels still get what they are owed.
        return new NotificationRoute(
                g.route,
                List.of(),
                List.copyOf(g.channels.keySet()),
                List.of(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                false);
    }

    private Map<String, String> groupLabels(NotificationRoute route, AlertRecord a) {
        List<String> by = settings.groupBy(route);
        Map<String, String> labels = a.matchLabels();
        if (by.equals(List.of("..."))) {
            return new TreeMap<>(labels);
        }
        Map<String, String> out = new TreeMap<>();
        for (String l : by) {
            out.put(l, labels.getOrDefault(l, ""));
        }
        return out;
    }

    private static String groupKey(NotificationRoute route, Map<String, String> groupLabels) {
        StringBuilder b = new StringBuilder(route.name()).append('{');
        String sep = "";
        for (Map.Entry<String, String> e : groupLabels.entrySet()) {
            b.append(sep).append(e.getKey()).append("=\"").append(e.getValue()).append('"');
            sep = ",";
        }
        return b.append('}').toString();
    }

    private void save(Group g) {
        if (groups.get(g.key) != g) {
            return;
        }
        try {
            GroupCodec.save(store, g);
        } catch (RuntimeException e) {
            // The store failing must not stop notifications; the next change saves again.
            log.atWarn().addKeyValue("group", g.key).setCause(e).log("notification group not saved");
        }
    }

    /** Cancels timers and waiting retries; what was owed stays saved for the next start. */
    void stop() {
        synchronized (lock) {
            stopped = true;
            for (Group g : groups.values()) {
                if (g.timer != null) {
                    g.timer.cancel();
                    g.timer = null;
                }
            }
        }
        dispatcher.stop();
    }

    /** The groups' keys, for tests and diagnostics. */
    List<String> groupKeys() {
        synchronized (lock) {
            return List.copyOf(groups.keySet());
        }
    }
}

package dev.armature.monitoring.internal.route;

import dev.armature.api.config.ConfigException;
import dev.armature.api.config.ConfigProperty;
import dev.armature.api.config.ConfigSchema;
import dev.armature.api.config.ConfigSnapshot;
import dev.armature.api.config.ConfigType;
import dev.armature.api.monitoring.LabelMatcher;
import dev.armature.core.notification.AtLeastOnceDelivery;
import dev.armature.monitoring.InhibitRule;
import dev.armature.monitoring.NotificationRoute;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;

/**
 * Internal: the keys under {@code armature.notifications}: the default channels, grouping and
 * timings, cooldowns, retries, {@code routes.<name>.*} and {@code inhibit.<name>.*}. A key that is
 * wrong is a {@link ConfigException} naming it.
 */
public final class NotificationConfig {
    /** The prefix of every key. */
    public static final String PREFIX = "armature.notifications";

    /** The code of every error about these keys. */
    public static final String INVALID = "armature.notifications.invalid";

    private static final String ROUTES = PREFIX + ".routes.";
    private static final String INHIBIT = PREFIX + ".inhibit.";

    private NotificationConfig() {}

    /** Returns the schema, owned by the plugin of the given id. */
    public static ConfigSchema schema(String owner) {
        ConfigSchema.Builder b = ConfigSchema.builder(owner).addPrefix(PREFIX);
        add(
                b,
                PREFIX + ".channels",
                ConfigType.listOf(ConfigType.STRING),
                "log",
                "The channels of alerts that no route matches.");
        add(
                b,
                PREFIX + ".group-by",
                ConfigType.listOf(ConfigType.STRING),
                "alertname",
                "The labels that group alerts into one notification, for routes that set none; ... for all labels.");
        add(
                b,
                PREFIX + ".group-wait",
                ConfigType.DURATION,
                "30s",
                "How long a new group waits for more alerts before its first notification.");
        add(
                b,
                PREFIX + ".group-interval",
                ConfigType.DURATION,
                "5m",
                "How long a group waits between notifications of changes.");
        add(
                b,
                PREFIX + ".repeat-interval",
                ConfigType.DURATION,
                "4h",
                "How long a group waits before it repeats an unchanged firing notification.");
        add(
                b,
                PREFIX + ".cooldown",
                ConfigType.DURATION,
                "0s",
                "The least time between two notifications that newly tell of one rule's alert firing; 0s for none.");
        add(
                b,
                PREFIX + ".cooldowns",
                ConfigType.mapOf(ConfigType.DURATION),
                null,
                "Cooldowns by rule name, overriding armature.notifications.cooldown.");
        add(
                b,
                PREFIX + ".retry.initial-backoff",
                ConfigType.DURATION,
                "5s",
                "The wait before the first retry of a failed delivery; it doubles with each retry.");
        add(b, PREFIX + ".retry.max-backoff", ConfigType.DURATION, "5m", "The longest wait between retries.");
        add(
                b,
                PREFIX + ".retry.max-attempts",
                ConfigType.INT,
                "10",
                "Delivery attempts of one notification in all, before it is given up.");
        String r = ROUTES + "*.";
        add(
                b,
                r + "matchers",
                ConfigType.listOf(ConfigType.STRING),
                null,
                "Conditions on the alert's labels, such as severity=critical or team=~db|infra; none matches all.");
        add(b, r + "channels", ConfigType.listOf(ConfigType.STRING), null, "The channels of the route's alerts.");
        add(b, r + "group-by", ConfigType.listOf(ConfigType.STRING), null, "The route's grouping labels.");
        add(b, r + "group-wait", ConfigType.DURATION, null, "The route's group wait.");
        add(b, r + "group-interval", ConfigType.DURATION, null, "The route's group interval.");
        add(b, r + "repeat-interval", ConfigType.DURATION, null, "The route's repeat interval.");
        add(b, r + "continue", ConfigType.BOOLEAN, null, "Whether the routes after this one are tried too.");
        add(b, r + "order", ConfigType.INT, null, "Where the route is tried: lower first, then by name; 0.");
        String i = INHIBIT + "*.";
        add(b, i + "source", ConfigType.listOf(ConfigType.STRING), null, "Matchers of the muting alert.");
        add(b, i + "target", ConfigType.listOf(ConfigType.STRING), null, "Matchers of the muted alerts.");
        add(b, i + "equal", ConfigType.listOf(ConfigType.STRING), null, "Labels that must be equal in both.");
        return b.build();
    }

    private static void add(
            ConfigSchema.Builder b,
            String key,
            ConfigType type,
            @org.jspecify.annotations.Nullable String def,
            String d) {
        ConfigProperty.Builder p = ConfigProperty.builder(key, type).description(d);
        if (def != null) {
            p.defaultValue(def);
        }
        b.add(p.build());
    }

    /**
     * Reads the settings.
     *
     * @throws ConfigException naming the first key that is wrong
     */
    static RouterSettings read(ConfigSnapshot c) {
        RouterSettings d = RouterSettings.defaults();
        List<String> channels = c.getList(PREFIX + ".channels", String.class);
        List<String> groupBy = c.getList(PREFIX + ".group-by", String.class);
        AtLeastOnceDelivery.Retry retry;
        try {
            retry = new AtLeastOnceDelivery.Retry(
                    duration(c, PREFIX + ".retry.initial-backoff", d.retry().initialBackoff()),
                    duration(c, PREFIX + ".retry.max-backoff", d.retry().maxBackoff()),
                    c.getOptional(PREFIX + ".retry.max-attempts", Integer.class)
                            .orElse(d.retry().maxAttempts()));
        } catch (IllegalArgumentException e) {
            throw new ConfigException(INVALID, PREFIX + ".retry is invalid: " + e.getMessage(), PREFIX + ".retry", e);
        }
        return new RouterSettings(
                routes(c),
                inhibitRules(c),
                channels.isEmpty() ? d.defaultChannels() : channels,
                groupBy.isEmpty() ? d.groupBy() : groupBy,
                duration(c, PREFIX + ".group-wait", d.groupWait()),
                positive(c, PREFIX + ".group-interval", d.groupInterval()),
                positive(c, PREFIX + ".repeat-interval", d.repeatInterval()),
                duration(c, PREFIX + ".cooldown", d.cooldown()),
                c.getMap(PREFIX + ".cooldowns", Duration.class),
                retry);
    }

    private static Duration duration(ConfigSnapshot c, String key, Duration def) {
        Duration v = c.getOptional(key, Duration.class).orElse(def);
        if (v.isNegative()) {
            throw new ConfigException(INVALID, key + " must not be negative, was " + v, key, null);
        }
        return v;
    }

    private static Duration positive(ConfigSnapshot c, String key, Duration def) {
        Duration v = duration(c, key, def);
        if (v.isZero()) {
            throw new ConfigException(INVALID, key + " must be positive, such as 5m", key, null);
        }
        return v;
    }

    private static java.util.SortedSet<String> names(ConfigSnapshot c, String prefix) {
        TreeSet<String> names = new TreeSet<>();
        for (String key : c.keys()) {
            if (key.startsWith(prefix)) {
                String rest = key.substring(prefix.length());
                int end = rest.indexOf('.');
                names.add(end < 0 ? rest : rest.substring(0, end));
            }
        }
        return names;
    }

    private static List<LabelMatcher> matchers(ConfigSnapshot c, String key) {
        List<LabelMatcher> out = new ArrayList<>();
        for (String text : c.getList(key, String.class)) {
            try {
                out.add(LabelMatcher.parse(text));
            } catch (IllegalArgumentException e) {
                throw new ConfigException(INVALID, key + ": " + e.getMessage(), key, e);
            }
        }
        return out;
    }

    private record Ordered(int order, NotificationRoute route) {}

    private static List<NotificationRoute> routes(ConfigSnapshot c) {
        List<Ordered> routes = new ArrayList<>();
        for (String name : names(c, ROUTES)) {
            String k = ROUTES + name + ".";
            try {
                NotificationRoute.Builder b = NotificationRoute.builder(name);
                matchers(c, k + "matchers").forEach(b::addMatcher);
                c.getList(k + "channels", String.class).forEach(b::addChannel);
                b.groupBy(c.getList(k + "group-by", String.class).toArray(String[]::new));
                c.getOptional(k + "group-wait", Duration.class).ifPresent(b::groupWait);
                c.getOptional(k + "group-interval", Duration.class).ifPresent(b::groupInterval);
                c.getOptional(k + "repeat-interval", Duration.class).ifPresent(b::repeatInterval);
                c.getOptional(k + "continue", Boolean.class).ifPresent(b::continueMatching);
                int order = c.getOptional(k + "order", Integer.class).orElse(0);
                routes.add(new Ordered(order, b.build()));
            } catch (IllegalArgumentException e) {
                throw new ConfigException(
                        INVALID, "route under " + ROUTES + name + " is invalid: " + e.getMessage(), ROUTES + name, e);
            }
        }
        routes.sort(Comparator.comparingInt(Ordered::order)); // stable: equal orders stay by name
        return routes.stream().map(Ordered::route).toList();
    }

    private static List<InhibitRule> inhibitRules(ConfigSnapshot c) {
        List<InhibitRule> rules = new ArrayList<>();
        for (String name : names(c, INHIBIT)) {
            String k = INHIBIT + name + ".";
            try {
                rules.add(new InhibitRule(
                        name,
                        matchers(c, k + "source"),
                        matchers(c, k + "target"),
                        c.getList(k + "equal", String.class)));
            } catch (IllegalArgumentException e) {
                throw new ConfigException(
                        INVALID,
                        "inhibition rule under " + INHIBIT + name + " is invalid: " + e.getMessage(),
                        INHIBIT + name,
                        e);
            }
        }
        return rules;
    }
}

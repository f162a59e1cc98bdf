package dev.armature.monitoring.internal.route;

import static java.util.Objects.requireNonNull;

import dev.armature.core.notification.AtLeastOnceDelivery;
import dev.armature.monitoring.InhibitRule;
import dev.armature.monitoring.NotificationRoute;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Internal: everything the router is told, merged from the host's extension and {@code
 * armature.notifications.*}: routes in the order they are tried, inhibition rules, the defaults of
 * routes, cooldowns and the retry of failed deliveries.
 *
 * @param routes the routes, tried in order
 * @param inhibitRules the inhibition rules
 * @param defaultChannels the channels of alerts that no route matches
 * @param groupBy the grouping labels of routes that set none
 * @param groupWait the default group wait
 * @param groupInterval the default group interval
 * @param repeatInterval the default repeat interval
 * @param cooldown the least time between two notifications that newly tell of a rule's alert firing,
 *     for rules without their own; zero for none
 * @param cooldowns cooldowns by rule name
 * @param retry how failed deliveries are retried
 */
record RouterSettings(
        List<NotificationRoute> routes,
        List<InhibitRule> inhibitRules,
        List<String> defaultChannels,
        List<String> groupBy,
        Duration groupWait,
        Duration groupInterval,
        Duration repeatInterval,
        Duration cooldown,
        Map<String, Duration> cooldowns,
        AtLeastOnceDelivery.Retry retry) {
    /** The name of the route of alerts that no configured route matches. */
    static final String DEFAULT_ROUTE = "default";

    /** Alertmanager's defaults. */
    static final Duration DEFAULT_GROUP_WAIT = Duration.ofSeconds(30);

    static final Duration DEFAULT_GROUP_INTERVAL = Duration.ofMinutes(5);
    static final Duration DEFAULT_REPEAT_INTERVAL = Duration.ofHours(4);

    RouterSettings {
        routes = List.copyOf(routes);
        inhibitRules = List.copyOf(inhibitRules);
        defaultChannels = List.copyOf(defaultChannels);
        groupBy = List.copyOf(groupBy);
        requireNonNull(groupWait, "groupWait");
        requireNonNull(groupInterval, "groupInterval");
        requireNonNull(repeatInterval, "repeatInterval");
        requireNonNull(cooldown, "cooldown");
        cooldowns = Map.copyOf(cooldowns);
        requireNonNull(retry, "retry");
    }

    /** Settings with Alertmanager's timings, no route, and the log channel as default. */
    static RouterSettings defaults() {
        return new RouterSettings(
                List.of(),
                List.of(),
                List.of(LogChannel.NAME),
                List.of("alertname"),
                DEFAULT_GROUP_WAIT,
                DEFAULT_GROUP_INTERVAL,
                DEFAULT_REPEAT_INTERVAL,
                Duration.ZERO,
                Map.of(),
                AtLeastOnceDelivery.Retry.DEFAULT);
    }

    /** The route of alerts that no other route takes. */
    NotificationRoute defaultRoute() {
        return new NotificationRoute(
                DEFAULT_ROUTE,
                List.of(),
                defaultChannels,
                groupBy,
                java.util.Optional.empty(),
                java.util.Optional.empty(),
                java.util.Optional.empty(),
                false);
    }

    Duration groupWait(NotificationRoute r) {
        return r.groupWait().orElse(groupWait);
    }

    Duration groupInterval(NotificationRoute r) {
        return r.groupInterval().orElse(groupInterval);
    }

    Duration repeatInterval(NotificationRoute r) {
        return r.repeatInterval().orElse(repeatInterval);
    }

    List<String> groupBy(NotificationRoute r) {
        return r.groupBy().isEmpty() ? groupBy : r.groupBy();
    }

    Duration cooldown(String rule) {
        return cooldowns.getOrDefault(rule, cooldown);
    }

    RouterSettings withRoutes(List<NotificationRoute> more, List<InhibitRule> moreRules) {
        List<NotificationRoute> r = new java.util.ArrayList<>(more);
        r.addAll(routes);
        List<InhibitRule> i = new java.util.ArrayList<>(moreRules);
        i.addAll(inhibitRules);
        return new RouterSettings(
                r, i, defaultChannels, groupBy, groupWait, groupInterval, repeatInterval, cooldown, cooldowns, retry);
    }
}

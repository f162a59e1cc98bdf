package dev.armature.monitoring;

import static java.util.Objects.requireNonNull;

import dev.armature.api.monitoring.LabelMatcher;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A route of the notification router, after Alertmanager's: the alerts its matchers select go, in
 * groups by the {@code groupBy} labels, to its channels. The router tries routes in order and stops
 * at the first that matches, unless that route says {@code continueMatching}; an alert no route
 * matches goes to the default channels ({@code armature.notifications.channels}, the {@code log}
 * channel unless set). Timings a route leaves empty come from {@code armature.notifications.*}.
 *
 * <pre>{@code
 * NotificationRoute pages = NotificationRoute.builder("pages")
 *         .addMatcher(LabelMatcher.parse("severity=critical"))
 *         .addChannel("pager")
 *         .groupBy("alertname", "component")
 *         .repeatInterval(Duration.ofHours(1))
 *         .build();
 * }</pre>
 *
 * @param name the route's name: lower case letters, digits and {@code -}
 * @param matchers the conditions on an alert's labels, all of which must hold; none matches every
 *     alert. The labels include {@code alertname} and {@code severity} (lower case) unless the alert's
 *     own labels set them
 * @param channels the names of the channels, at least one
 * @param groupBy the labels that group alerts into one notification; {@code ...} alone groups by all
 *     labels; empty takes the default ({@code alertname})
 * @param groupWait how long a new group waits for more alerts before its first notification
 * @param groupInterval how long a group waits between notifications of changes
 * @param repeatInterval how long a group waits before it repeats an unchanged firing notification
 * @param continueMatching whether the routes after this one are tried as well
 * @since 0.1
 */
public record NotificationRoute(
        String name,
        List<LabelMatcher> matchers,
        List<String> channels,
        List<String> groupBy,
        Optional<Duration> groupWait,
        Optional<Duration> groupInterval,
        Optional<Duration> repeatInterval,
        boolean continueMatching) {
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]*");

    /**
     * Checks every part and copies the lists.
     *
     * @param name the name
     * @param matchers the matchers
     * @param channels the channels
     * @param groupBy the grouping labels
     * @param groupWait the group wait
     * @param groupInterval the group interval
     * @param repeatInterval the repeat interval
     * @param continueMatching whether later routes are tried too
     * @throws IllegalArgumentException if the name is not lower case and dashed, there is no channel, or a
     *     timing is not positive (a group wait may be zero)
     */
    public NotificationRoute {
        requireNonNull(name, "name");
        matchers = List.copyOf(matchers);
        channels = List.copyOf(channels);
        groupBy = List.copyOf(groupBy);
        requireNonNull(groupWait, "groupWait");
        requireNonNull(groupInterval, "groupInterval");
        requireNonNull(repeatInterval, "repeatInterval");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException(
                    "route name '" + name + "' must be lower-case letters, digits and '-', such as db-pages");
        }
        if (channels.isEmpty()) {
            throw new IllegalArgumentException("route '" + name + "' names no channel: add one, such as log");
        }
        groupWait.ifPresent(d -> check(name, "groupWait", d, true));
        groupInterval.ifPresent(d -> check(name, "groupInterval", d, false));
        repeatInterval.ifPresent(d -> check(name, "repeatInterval", d, false));
    }

    private static void check(String route, String what, Duration d, boolean zeroAllowed) {
        if (d.isNegative() || (!zeroAllowed && d.isZero())) {
            throw new IllegalArgumentException("route '" + route + "': " + what + " must be "
                    + (zeroAllowed ? "zero or more" : "positive") + ", was " + d);
        }
    }

    /**
     * Starts a route.
     *
     * @param name the route's name
     * @return a builder
     */
    public static Builder builder(String name) {
        return new Builder(name);
    }

    /**
     * Builds a {@link NotificationRoute}. Not thread-safe.
     *
     * @since 0.1
     */
    public static final class Builder {
        private final String name;
        private final List<LabelMatcher> matchers = new ArrayList<>();
        private final List<String> channels = new ArrayList<>();
        private List<String> groupBy = List.of();
        private Optional<Duration> groupWait = Optional.empty();
        private Optional<Duration> groupInterval = Optional.empty();
        private Optional<Duration> repeatInterval = Optional.empty();
        private boolean continueMatching;

        Builder(String name) {
            this.name = requireNonNull(name, "name");
        }

        /**
         * Adds a condition on an alert's labels.
         *
         * @param matcher the matcher
         * @return this builder
         */
        public Builder addMatcher(LabelMatcher matcher) {
            matchers.add(requireNonNull(matcher, "matcher"));
            return this;
        }

        /**
         * Adds a channel by name.
         *
         * @param channel the channel's name
         * @return this builder
         */
        public Builder addChannel(String channel) {
            channels.add(requireNonNull(channel, "channel"));
            return this;
        }

        /**
         * Sets the grouping labels; by default {@code alertname}.
         *
         * @param labels the labels, or {@code ...} for all
         * @return this builder
         */
        public Builder groupBy(String... labels) {
            groupBy = List.of(labels);
            return this;
        }

        /**
         * Sets the group wait; by default {@code armature.notifications.group-wait} (30 s).
         *
         * @param d the wait, zero or more
         * @return this builder
         */
        public Builder groupWait(Duration d) {
            groupWait = Optional.of(requireNonNull(d, "groupWait"));
            return this;
        }

        /**
         * Sets the group interval; by default {@code armature.notifications.group-interval} (5 min).
         *
         * @param d the interval, positive
         * @return this builder
         */
        public Builder groupInterval(Duration d) {
            groupInterval = Optional.of(requireNonNull(d, "groupInterval"));
            return this;
        }

        /**
         * Sets the repeat interval; by default {@code armature.notifications.repeat-interval} (4 h).
         *
         * @param d the interval, positive
         * @return this builder
         */
        public Builder repeatInterval(Duration d) {
            repeatInterval = Optional.of(requireNonNull(d, "repeatInterval"));
            return this;
        }

        /**
         * Sets whether later routes are tried too; {@code false} by default.
         *
         * @param value whether to continue
         * @return this builder
         */
        public Builder continueMatching(boolean value) {
            continueMatching = value;
            return this;
        }

        /**
         * Builds the route.
         *
         * @return the route
         * @throws IllegalArgumentException as the record's constructor does
         */
        public NotificationRoute build() {
            return new NotificationRoute(
                    name, matchers, channels, groupBy, groupWait, groupInterval, repeatInterval, continueMatching);
        }
    }
}

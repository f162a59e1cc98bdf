package dev.armature.monitoring;

import static java.util.Objects.requireNonNull;

import dev.armature.spi.SystemExtension;
import dev.armature.spi.monitoring.NotificationChannel;
import java.util.ArrayList;
import java.util.List;

/**
 * The host's notification channels, routes and inhibition rules, passed on the builder; the router
 * adds them to those of {@code armature.notifications.*} and to the channels plugins contribute. The
 * host's routes are tried before those of configuration.
 *
 * <pre>{@code
 * AgentSystem system = AgentSystem.builder()
 *         .extension(NotificationsExtension.builder()
 *                 .addChannel(new ChatChannel(chat))
 *                 .addRoute(NotificationRoute.builder("pages")
 *                         .addMatcher(LabelMatcher.parse("severity=critical"))
 *                         .addChannel("chat")
 *                         .build())
 *                 .build())
 *         .build();
 * }</pre>
 *
 * @param channels the channels
 * @param routes the routes, tried in this order
 * @param inhibitRules the inhibition rules
 * @since 0.1
 */
public record NotificationsExtension(
        List<NotificationChannel> channels, List<NotificationRoute> routes, List<InhibitRule> inhibitRules)
        implements SystemExtension {
    /**
     * Copies the lists.
     *
     * @param channels the channels
     * @param routes the routes
     * @param inhibitRules the inhibition rules
     */
    public NotificationsExtension {
        channels = List.copyOf(channels);
        routes = List.copyOf(routes);
        inhibitRules = List.copyOf(inhibitRules);
    }

    /**
     * Starts an extension.
     *
     * @return a builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Builds a {@link NotificationsExtension}. Not thread-safe.
     *
     * @since 0.1
     */
    public static final class Builder {
        private final List<NotificationChannel> channels = new ArrayList<>();
        private final List<NotificationRoute> routes = new ArrayList<>();
        private final List<InhibitRule> inhibitRules = new ArrayList<>();

        Builder() {}

        /**
         * Adds a channel.
         *
         * @param channel the channel
         * @return this builder
         */
        public Builder addChannel(NotificationChannel channel) {
            channels.add(requireNonNull(channel, "channel"));
            return this;
        }

        /**
         * Adds a route after those added before.
         *
         * @param route the route
         * @return this builder
         */
        public Builder addRoute(NotificationRoute route) {
            routes.add(requireNonNull(route, "route"));
            return this;
        }

        /**
         * Adds an inhibition rule.
         *
         * @param rule the rule
         * @return this builder
         */
        public Builder addInhibitRule(InhibitRule rule) {
            inhibitRules.add(requireNonNull(rule, "rule"));
            return this;
        }

        /**
         * Builds the extension.
         *
         * @return the extension
         */
        public NotificationsExtension build() {
            return new NotificationsExtension(channels, routes, inhibitRules);
        }
    }
}

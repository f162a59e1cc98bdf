package dev.armature.monitoring;

import dev.armature.api.monitoring.Silences;
import dev.armature.monitoring.internal.route.LogChannel;
import dev.armature.monitoring.internal.route.NotificationConfig;
import dev.armature.monitoring.internal.route.NotificationService;
import dev.armature.spi.Plugin;
import dev.armature.spi.PluginContext;
import dev.armature.spi.monitoring.NotificationChannel;

/**
 * The plugin of the notification router, found by ServiceLoader when agent-monitoring is on the
 * class path: it declares the keys of {@code armature.notifications.*}, adds the router as the
 * component {@code armature.notifications} (started after the alert engine) and provides it as the
 * {@link Silences} service. Channels come from the built-in {@code log} channel, the host's {@link
 * NotificationsExtension} and the {@link dev.armature.spi.monitoring.NotificationChannel}s plugins
 * contribute. Disable it with the plugin id {@value #ID}.
 *
 * @since 0.1
 */
public final class NotificationsPlugin implements Plugin {
    /** The plugin's id. */
    public static final String ID = "armature-notifications";

    /** Creates the plugin; ServiceLoader calls this. */
    public NotificationsPlugin() {}

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String supportedApiVersions() {
        return MonitoringPlugins.SUPPORTED_API_VERSIONS;
    }

    @Override
    public void contribute(PluginContext context) {
        NotificationsExtension host = context.extension(NotificationsExtension.class)
                .orElseGet(() -> NotificationsExtension.builder().build());
        NotificationService service = new NotificationService(host);
        // Contributed rather than kept inside the router, so that every notifier (incidents too) finds
        // the built-in log channel and the host's channels.
        context.contribute(NotificationChannel.class, new LogChannel());
        host.channels().forEach(c -> context.contribute(NotificationChannel.class, c));
        context.addConfigSchema(NotificationConfig.schema(ID));
        context.addComponent(service);
        context.addService(Silences.class, service);
    }
}

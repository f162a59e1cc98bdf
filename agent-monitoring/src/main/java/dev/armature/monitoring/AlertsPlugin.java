package dev.armature.monitoring;

import dev.armature.api.monitoring.Alerts;
import dev.armature.monitoring.internal.alert.AlertConfig;
import dev.armature.monitoring.internal.alert.AlertEngine;
import dev.armature.spi.Plugin;
import dev.armature.spi.PluginContext;
import java.util.List;

/**
 * The plugin of the alert engine, found by ServiceLoader when agent-monitoring is on the class
 * path: it declares the keys of {@code armature.alerts.*}, adds the engine as the component {@code
 * alerts} and provides it as the {@link Alerts} service. Rules come from {@code
 * armature.alerts.rules.*}, from the host's {@link AlertRulesExtension} and from {@link
 * dev.armature.spi.monitoring.AlertRuleSource}s that plugins contribute. Disable it with the plugin id {@value #ID}.
 *
 * @since 0.1
 */
public final class AlertsPlugin implements Plugin {
    /** The plugin's id. */
    public static final String ID = "armature-alerts";

    /** Creates the plugin; ServiceLoader calls this. */
    public AlertsPlugin() {}

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
        AlertEngine engine = new AlertEngine(context.extension(AlertRulesExtension.class)
                .map(AlertRulesExtension::rules)
                .orElse(List.of()));
        context.addConfigSchema(AlertConfig.schema(ID));
        context.addComponent(engine);
        context.addService(Alerts.class, engine);
    }
}

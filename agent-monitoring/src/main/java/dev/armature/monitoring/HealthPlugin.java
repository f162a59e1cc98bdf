package dev.armature.monitoring;

import dev.armature.api.health.Health;
import dev.armature.monitoring.internal.health.HealthChecker;
import dev.armature.monitoring.internal.health.HealthSchema;
import dev.armature.spi.Plugin;
import dev.armature.spi.PluginContext;

/**
 * The health checker's plugin, found by {@link java.util.ServiceLoader}: it adds the checker as a
 * component named {@code armature.health}, provides {@link Health} ({@code
 * system.service(Health.class)}) and declares the {@code armature.health.*} keys. The checker runs
 * every {@link dev.armature.spi.health.HealthProbe} plugins contribute, and the built-in resource
 * checks unless {@code armature.health.resources.enabled} is false.
 *
 * @since 0.1
 */
public final class HealthPlugin implements Plugin {
    /** The plugin's id. */
    public static final String ID = "armature-health";

    /** Creates the plugin; ServiceLoader calls this. */
    public HealthPlugin() {}

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
        HealthChecker checker = new HealthChecker();
        context.addConfigSchema(HealthSchema.schema("agent-monitoring"));
        context.addComponent(checker);
        context.addService(Health.class, checker);
    }
}

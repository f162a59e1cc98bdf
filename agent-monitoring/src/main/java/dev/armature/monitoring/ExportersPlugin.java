package dev.armature.monitoring;

import dev.armature.monitoring.internal.export.ExporterRunner;
import dev.armature.monitoring.internal.export.ExportersSchema;
import dev.armature.monitoring.internal.export.MeterTtl;
import dev.armature.spi.Plugin;
import dev.armature.spi.PluginContext;

/**
 * The plugin of the metrics exporters, found by ServiceLoader when agent-monitoring is on the class
 * path. It declares the keys of {@code armature.exporters.*} and {@code armature.metrics.ttl*}, and
 * adds two components: {@code armature.exporters}, which every {@code armature.exporters.interval}
 * hands a snapshot of the system's meters to the built-in console and file exporters that config
 * enables and to every {@link dev.armature.spi.monitoring.MetricsExporter} plugins contribute, each
 * behind a bounded queue of its own; and {@code armature.metrics.ttl}, which removes dynamic meters
 * unchanged for {@code armature.metrics.ttl}. Disable it with the plugin id {@value #ID}.
 *
 * @since 0.1
 */
public final class ExportersPlugin implements Plugin {
    /** The plugin's id. */
    public static final String ID = "armature-exporters";

    /** Creates the plugin; ServiceLoader calls this. */
    public ExportersPlugin() {}

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
        context.addConfigSchema(ExportersSchema.schema(ID));
        context.addComponent(new ExporterRunner(context.extension(ExportersExtension.class)
                .map(ExportersExtension::consoleStream)
                .orElse(null)));
        context.addComponent(new MeterTtl());
    }
}

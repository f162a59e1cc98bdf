package dev.armature.monitoring;

import dev.armature.api.monitoring.MetricsExposition;
import dev.armature.monitoring.internal.prometheus.PrometheusExposition;
import dev.armature.monitoring.internal.prometheus.PrometheusSchema;
import dev.armature.spi.Plugin;
import dev.armature.spi.PluginContext;

/**
 * The Prometheus exposition's plugin, found by {@link java.util.ServiceLoader}: it adds the
 * component {@code armature.metrics.prometheus}, provides {@link MetricsExposition} ({@code
 * system.service(MetricsExposition.class).scrape()} returns the system's meters in the Prometheus
 * text format) and declares the {@code armature.metrics.prometheus.*} keys. A host that gave the
 * system a {@code PrometheusMeterRegistry} (alone or in a composite) gets that registry's scrape;
 * otherwise every meter of the system's registry is shown as it stands. Disable it with the plugin
 * id {@value #ID} or {@code armature.metrics.prometheus.enabled=false}.
 *
 * <pre>{@code
 * try (AgentSystem system = AgentSystem.builder().build()) {
 *     system.start();
 *     String body = system.service(MetricsExposition.class).scrape(); // serve with CONTENT_TYPE
 * }
 * }</pre>
 *
 * @since 0.1
 */
public final class PrometheusPlugin implements Plugin {
    /** The plugin's id. */
    public static final String ID = "armature-prometheus";

    /** Creates the plugin; ServiceLoader calls this. */
    public PrometheusPlugin() {}

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
        PrometheusExposition exposition = new PrometheusExposition();
        context.addConfigSchema(PrometheusSchema.schema(ID));
        context.addComponent(exposition);
        context.addService(MetricsExposition.class, exposition);
    }
}

package dev.armature.monitoring;

import dev.armature.api.monitoring.Endpoints;
import dev.armature.monitoring.internal.endpoint.EndpointsComponent;
import dev.armature.monitoring.internal.endpoint.EndpointsSchema;
import dev.armature.spi.Plugin;
import dev.armature.spi.PluginContext;

/**
 * The plugin of the monitoring endpoints, found by ServiceLoader when agent-monitoring is on the
 * class path: it declares the keys of {@code armature.endpoints.*}, adds the component {@code
 * armature.endpoints} and provides the framework-neutral handler as the {@link Endpoints} service
 * ({@code system.service(Endpoints.class)}), which a host mounts in its own HTTP framework. With
 * {@code armature.endpoints.server.enabled=true} the component also serves it on a built-in JDK
 * HTTP server, on 127.0.0.1:8470 unless configured otherwise. Plugins may contribute a {@link
 * dev.armature.spi.monitoring.EndpointAuthorizer}. Disable it with the plugin id {@value #ID}.
 *
 * @since 0.1
 */
public final class EndpointsPlugin implements Plugin {
    /** The plugin's id. */
    public static final String ID = "armature-endpoints";

    /** Creates the plugin; ServiceLoader calls this. */
    public EndpointsPlugin() {}

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
        EndpointsComponent endpoints = new EndpointsComponent();
        context.addConfigSchema(EndpointsSchema.schema("agent-monitoring"));
        context.addComponent(endpoints);
        context.addService(Endpoints.class, endpoints);
    }
}

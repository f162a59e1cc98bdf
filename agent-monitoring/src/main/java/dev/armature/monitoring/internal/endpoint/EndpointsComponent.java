package dev.armature.monitoring.internal.endpoint;

import dev.armature.api.AgentSystem;
import dev.armature.api.Component;
import dev.armature.api.ComponentContext;
import dev.armature.api.ComponentDescriptor;
import dev.armature.api.ModuleMissingException;
import dev.armature.api.config.Config;
import dev.armature.api.config.Secret;
import dev.armature.api.health.Health;
import dev.armature.api.health.HealthStatus;
import dev.armature.api.monitoring.Alerts;
import dev.armature.api.monitoring.EndpointRequest;
import dev.armature.api.monitoring.EndpointResponse;
import dev.armature.api.monitoring.Endpoints;
import dev.armature.api.monitoring.MetricsExposition;
import dev.armature.monitoring.internal.health.HealthSchema;
import dev.armature.monitoring.internal.health.StatusAggregator;
import dev.armature.spi.monitoring.EndpointAuthorizer;
import java.net.InetSocketAddress;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Internal: the endpoints as a component and the {@link Endpoints} service. Its start looks up what
 * the endpoints read and, when {@code armature.endpoints.server.enabled}, starts the built-in
 * server, which its stop (in the stop-components phase, after the drain phase) closes. Before the
 * first start every path answers 503. Thread-safe.
 */
public final class EndpointsComponent implements Component, Endpoints {
    /** The component's name. */
    public static final String NAME = "armature.endpoints";

    private static final Logger log = LoggerFactory.getLogger(EndpointsComponent.class);

    private volatile @Nullable EndpointRouter router;
    private volatile @Nullable EndpointServer server;

    /** Creates the component; nothing runs until it starts. */
    public EndpointsComponent() {}

    @Override
    public ComponentDescriptor descriptor() {
        return ComponentDescriptor.builder(NAME).build();
    }

    @Override
    public void start(ComponentContext context) {
        Config config = context.config();
        AgentSystem system = context.service(AgentSystem.class);
        EndpointRouter.Sources sources = new EndpointRouter.Sources(
                system::snapshot,
                optional(context, Health.class),
                optional(context, Alerts.class),
                optional(context, MetricsExposition.class),
                context.contributions(EndpointAuthorizer.class),
                config.getOptional(EndpointsSchema.SHAPE, HealthShape.class).orElse(HealthShape.SPRING),
                config.getOptional(HealthSchema.STATUS_ORDER, String.class)
                        .map(StatusAggregator::parse)
                        .orElseGet(StatusAggregator::defaults));
        router = new EndpointRouter(
                sources, new DefaultAuthorizer(config.getOptional(EndpointsSchema.TOKEN, Secret.class)));
        closeServer();
        if (config.getOptional(EndpointsSchema.SERVER_ENABLED, Boolean.class).orElse(false)) {
            InetSocketAddress address = new InetSocketAddress(
                    config.getOptional(EndpointsSchema.SERVER_ADDRESS, String.class)
                            .orElse(EndpointsSchema.DEFAULT_ADDRESS),
                    config.getOptional(EndpointsSchema.PORT, Integer.class).orElse(EndpointsSchema.DEFAULT_PORT));
            EndpointServer started = EndpointServer.start(
                    this,
                    address,
                    config.getOptional(EndpointsSchema.SERVER_THREADS, Integer.class)
                            .orElse(EndpointsSchema.DEFAULT_THREADS));
            server = started;
            log.atInfo().addKeyValue("address", started.address()).log("the monitoring endpoints are served");
        }
    }

    @Override
    public void stop() {
        closeServer();
    }

    @Override
    public EndpointResponse handle(EndpointRequest request) {
        EndpointRouter r = router;
        if (r == null) {
            return new EndpointResponse(
                    503,
                    EndpointRouter.headers(EndpointRouter.JSON),
                    "{\"status\":\"" + HealthStatus.OUT_OF_SERVICE + "\"}");
        }
        return r.handle(request);
    }

    @Override
    public Optional<InetSocketAddress> serverAddress() {
        EndpointServer s = server;
        return s == null ? Optional.empty() : Optional.of(s.address());
    }

    private void closeServer() {
        EndpointServer s = server;
        if (s != null) {
            server = null;
            s.close();
        }
    }

    /** A module's service, or empty when the module is not there or its plugin is disabled. */
    private static <T> Optional<T> optional(ComponentContext context, Class<T> type) {
        try {
            return Optional.of(context.service(type));
        } catch (ModuleMissingException e) {
            log.atDebug().addKeyValue("service", type.getName()).log("absent; its endpoint answers 404");
            return Optional.empty();
        }
    }
}

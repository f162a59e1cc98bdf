package dev.armature.api.monitoring;

import dev.armature.api.ProvidedBy;
import java.net.InetSocketAddress;
import java.util.Optional;

/**
 * The system's monitoring endpoints as one framework-neutral handler: a host maps its own HTTP
 * framework's request to an {@link EndpointRequest}, calls {@link #handle}, and writes the {@link
 * EndpointResponse} back. Provided by agent-monitoring: {@code system.service(Endpoints.class)}; the
 * optional built-in server ({@code armature.endpoints.server.enabled}) serves the same handler.
 *
 * <p>Paths, each answering {@code GET} and {@code HEAD} (any other method gets 405, an unknown path
 * 404):
 *
 * <ul>
 *   <li>{@value #HEALTH}: every check, Spring-shaped or MicroProfile-shaped
 *       ({@code armature.endpoints.health.shape});
 *   <li>{@value #LIVE}, {@value #READY}, {@value #STARTED}: the LIVENESS, READINESS and STARTUP
 *       checks, with the system's own state (readiness is OUT_OF_SERVICE from the drain phase of
 *       shutdown on);
 *   <li>{@value #METRICS}: the {@link MetricsExposition} text;
 *   <li>{@value #ALERTS}: the {@link Alerts#active() active alerts} as JSON.
 * </ul>
 *
 * <p>A health status of UP, DEGRADED or UNKNOWN answers 200, OUT_OF_SERVICE or DOWN 503. Only a
 * request that {@code dev.armature.spi.monitoring.EndpointAuthorizer} lets see details (by default:
 * from loopback, or with the bearer token {@code armature.endpoints.token}) gets check names,
 * errors, details, alerts and metrics; others get the status alone. Values under secret-looking
 * names are masked for everyone.
 *
 * <p>Thread-safe; {@link #handle} never waits for a health check: it reads the checker's cached
 * snapshot.
 *
 * <pre>{@code
 * Endpoints endpoints = system.service(Endpoints.class);
 * EndpointResponse ready = endpoints.handle(EndpointRequest.get(Endpoints.READY));
 * if (ready.status() == 503) {
 *     // take this instance out of the load balancer
 * }
 * }</pre>
 *
 * @since 0.1
 */
@ProvidedBy("dev.armature:agent-monitoring")
public interface Endpoints {
    /** The path of the overall health. */
    String HEALTH = "/health";

    /** The path of liveness. */
    String LIVE = "/health/live";

    /** The path of readiness. */
    String READY = "/health/ready";

    /** The path of startup. */
    String STARTED = "/health/started";

    /** The path of the Prometheus text. */
    String METRICS = "/metrics";

    /** The path of the active alerts. */
    String ALERTS = "/alerts";

    /**
     * Answers one request. Never blocks on a health check; safe to call from any thread, at any
     * time: before the system has started, the health paths answer 503.
     *
     * @param request the request
     * @return the response
     */
    EndpointResponse handle(EndpointRequest request);

    /**
     * Returns the address the built-in server listens on while it runs: with port {@code 0}
     * configured, the only way to learn the ephemeral port it was given.
     *
     * @return the bound address, or empty when the server is off or not running
     */
    Optional<InetSocketAddress> serverAddress();
}

package dev.armature.spi.monitoring;

import dev.armature.api.monitoring.EndpointRequest;

/**
 * Decides whether a request to the monitoring endpoints may see details: check names, errors,
 * check data, active alerts and metrics. A request that may not gets the status alone.
 *
 * <p>A plugin contributes one with {@code context.contribute(EndpointAuthorizer.class,
 * authorizer)}; contributed authorizers replace the default, and a request may see details when any
 * of them says so. The default lets through requests from the loopback interface and requests that
 * carry {@code Authorization: Bearer <armature.endpoints.token>}.
 *
 * <p>Called on the thread that handles the request, for every request: implementations must be
 * thread-safe, quick, and must never block; compare secrets in constant time
 * ({@link java.security.MessageDigest#isEqual}) and never log them.
 *
 * <pre>{@code
 * context.contribute(EndpointAuthorizer.class,
 *         request -> request.header("x-verified-client").filter(trusted::contains).isPresent());
 * }</pre>
 *
 * @since 0.1
 */
@FunctionalInterface
public interface EndpointAuthorizer {
    /**
     * Returns whether the request may see details.
     *
     * @param request the request
     * @return {@code true} to show details
     */
    boolean mayShowDetails(EndpointRequest request);
}

/**
 * Internal: the monitoring endpoints — routing and status codes ({@code EndpointRouter}), the JSON
 * bodies of both health shapes ({@code EndpointJson}), the default authorizer, the built-in JDK
 * server and the component that ties them to the system's lifecycle.
 */
@NullMarked
package dev.armature.monitoring.internal.endpoint;

import org.jspecify.annotations.NullMarked;

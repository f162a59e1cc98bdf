package dev.armature.api.monitoring;

import static java.util.Objects.requireNonNull;

import java.net.InetAddress;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One HTTP request to the monitoring {@link Endpoints}, as the host's framework (or the built-in
 * server) received it. Immutable and thread-safe.
 *
 * <pre>{@code
 * EndpointRequest request = new EndpointRequest(
 *         servletRequest.getMethod(),
 *         servletRequest.getRequestURI(),
 *         Map.of("authorization", List.of(servletRequest.getHeader("Authorization"))),
 *         Optional.of(InetAddress.getByName(servletRequest.getRemoteAddr())));
 * }</pre>
 *
 * @param method the HTTP method, such as {@code GET}; upper-cased
 * @param path the request's path, such as {@code /health/ready}, relative to where the host mounted
 *     the endpoints; a query string is ignored
 * @param headers the request's headers by name, names lower-cased; the values of one name in order
 * @param remoteAddress the address of the peer as the host trusts it (behind a proxy, the client's
 *     address the proxy vouches for), or empty when unknown, which never counts as loopback
 * @since 0.1
 */
public record EndpointRequest(
        String method, String path, Map<String, List<String>> headers, Optional<InetAddress> remoteAddress) {
    /**
     * Checks every part, upper-cases the method, lower-cases the header names and copies the map.
     *
     * @param method the method
     * @param path the path
     * @param headers the headers
     * @param remoteAddress the peer's address, if known
     * @throws IllegalArgumentException if the method is blank or the path does not start with {@code
     *     /}
     */
    public EndpointRequest {
        requireNonNull(method, "method");
        if (method.isBlank()) {
            throw new IllegalArgumentException("an endpoint request's method must not be blank");
        }
        method = method.strip().toUpperCase(Locale.ROOT);
        requireNonNull(path, "path");
        if (!path.startsWith("/")) {
            throw new IllegalArgumentException("an endpoint request's path must start with '/', was '" + path + "'");
        }
        Map<String, List<String>> lower = new TreeMap<>();
        headers.forEach((name, values) ->
                lower.merge(name.toLowerCase(Locale.ROOT), List.copyOf(values), EndpointRequest::concat));
        headers = Map.copyOf(lower);
        requireNonNull(remoteAddress, "remoteAddress");
    }

    /**
     * Returns a {@code GET} request from the loopback address without headers, as a local probe or
     * a test sends it.
     *
     * @param path the path
     * @return the request
     */
    public static EndpointRequest get(String path) {
        return new EndpointRequest("GET", path, Map.of(), Optional.of(InetAddress.getLoopbackAddress()));
    }

    /**
     * Returns the first value of a header.
     *
     * @param name the header's name, in any case
     * @return its first value, or empty when the request has none
     */
    public Optional<String> header(String name) {
        List<String> values = headers.get(requireNonNull(name, "name").toLowerCase(Locale.ROOT));
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    /**
     * Returns whether the request came from this machine's loopback interface.
     *
     * @return {@code true} when the remote address is known and a loopback address
     */
    public boolean loopback() {
        return remoteAddress.map(InetAddress::isLoopbackAddress).orElse(false);
    }

    private static List<String> concat(List<String> a, List<String> b) {
        return java.util.stream.Stream.concat(a.stream(), b.stream()).toList();
    }
}

package dev.armature.api.monitoring;

import static java.util.Objects.requireNonNull;

import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * The answer of the monitoring {@link Endpoints} to one request, for the host's framework (or the
 * built-in server) to send. Every body is UTF-8 text: JSON or the Prometheus text format. Immutable
 * and thread-safe.
 *
 * @param status the HTTP status code, such as 200 or 503
 * @param headers the headers to send, by name, such as {@code Content-Type}; sorted by name
 * @param body the body; empty for a {@code HEAD} request, whose headers still describe the body a
 *     {@code GET} would get
 * @since 0.1
 */
public record EndpointResponse(int status, Map<String, String> headers, String body) {
    /**
     * Checks every part and copies the headers.
     *
     * @param status the status code, from 100 to 599
     * @param headers the headers
     * @param body the body
     * @throws IllegalArgumentException if the status is out of range
     */
    public EndpointResponse {
        if (status < 100 || status > 599) {
            throw new IllegalArgumentException("an HTTP status code lies from 100 to 599, was " + status);
        }
        headers = Collections.unmodifiableMap(new TreeMap<>(headers));
        requireNonNull(body, "body");
    }

    /**
     * Returns the body as the bytes to send.
     *
     * @return the body in UTF-8
     */
    public byte[] bodyBytes() {
        return body.getBytes(StandardCharsets.UTF_8);
    }
}

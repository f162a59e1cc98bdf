package dev.armature.monitoring.internal.endpoint;

import dev.armature.api.config.Secret;
import dev.armature.api.monitoring.EndpointRequest;
import dev.armature.spi.monitoring.EndpointAuthorizer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Locale;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Internal: the default authorizer. Details for requests from loopback and for requests carrying
 * {@code Authorization: Bearer <token>} with the configured token. The token is compared by its
 * SHA-256 digest in constant time, so neither where it differs nor its length shows in the timing.
 */
final class DefaultAuthorizer implements EndpointAuthorizer {
    private static final String BEARER = "bearer ";

    private final byte @Nullable [] tokenDigest;

    DefaultAuthorizer(Optional<Secret> token) {
        this.tokenDigest = token.map(t -> sha256(t.reveal())).orElse(null);
    }

    @Override
    public boolean mayShowDetails(EndpointRequest request) {
        return request.loopback() || bearerMatches(request);
    }

    private boolean bearerMatches(EndpointRequest request) {
        byte[] expected = tokenDigest;
        if (expected == null) {
            return false;
        }
        Optional<String> header = request.header("authorization");
        if (header.isEmpty()) {
            return false;
        }
        String value = header.get().strip();
        if (!value.toLowerCase(Locale.ROOT).startsWith(BEARER)) {
            return false;
        }
        return MessageDigest.isEqual(
                expected, sha256(value.substring(BEARER.length()).strip()));
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            // Every Java platform must provide SHA-256 (MessageDigest's Javadoc).
            throw new IllegalStateException("SHA-256 is missing from this Java runtime", e);
        }
    }
}

package dev.armature.api.incident;

import static java.util.Objects.requireNonNull;

/**
 * An error fingerprint seen while an incident was open, as the post-incident report lists it among
 * the suspected causes.
 *
 * @param fingerprint the fingerprint as text ({@code v1:…})
 * @param errorType the type of the error, such as {@code java.net.SocketTimeoutException}
 * @param origin where it was thrown: the frame or component it names
 * @param count how many errors with it were recorded during the incident; at least 1
 * @since 0.1
 */
public record SeenFingerprint(String fingerprint, String errorType, String origin, long count) {
    /**
     * Checks every part.
     *
     * @param fingerprint the fingerprint
     * @param errorType the error's type
     * @param origin the origin
     * @param count the count
     * @throws IllegalArgumentException if the count is below 1
     */
    public SeenFingerprint {
        requireNonNull(fingerprint, "fingerprint");
        requireNonNull(errorType, "errorType");
        requireNonNull(origin, "origin");
        if (count < 1) {
            throw new IllegalArgumentException("fingerprint " + fingerprint + " was seen " + count
                    + " times; a seen fingerprint counts at least 1");
        }
    }
}

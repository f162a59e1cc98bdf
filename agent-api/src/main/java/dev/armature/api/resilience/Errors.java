package dev.armature.api.resilience;

import java.util.Map;
import java.util.Optional;

/**
 * The system's error intelligence: fingerprints errors, records them, and explains fingerprints.
 * Recorded errors are published as {@link ErrorEvent}s and counted per fingerprint; detection
 * publishes {@link ErrorFinding}s.
 *
 * <p>Thread-safe.
 *
 * @since 0.1
 */
public interface Errors {
    /**
     * Records an error the host met.
     *
     * @param error the error
     * @param context what to keep with it, for example {@code Map.of("tenant", "acme")}; keys and
     *     values must not be secrets
     * @return the event that was published
     */
    ErrorEvent record(Throwable error, Map<String, String> context);

    /**
     * Computes an error's fingerprint without recording it.
     *
     * @param error the error
     * @return its fingerprint
     */
    Fingerprint fingerprint(Throwable error);

    /**
     * Says what made an error's fingerprint.
     *
     * @param error the error
     * @return the explanation
     */
    FingerprintExplanation explain(Throwable error);

    /**
     * Says what made a fingerprint that this system has recorded.
     *
     * @param fingerprint the fingerprint
     * @return the explanation of its first recorded error, or empty if it was never recorded here
     */
    Optional<FingerprintExplanation> explain(Fingerprint fingerprint);
}

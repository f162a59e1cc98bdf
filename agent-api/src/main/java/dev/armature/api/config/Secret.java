package dev.armature.api.config;

import static java.util.Objects.requireNonNull;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * A secret configuration value, such as a decrypted {@code ENC(…)} value or any value of a key the
 * schema marks secret. Its {@link #toString()} is masked so that it cannot leak through a log line,
 * an exception message or a dump by accident; only {@link #reveal()} gives the value.
 *
 * <p>Immutable and thread-safe.
 *
 * @since 0.1
 */
public final class Secret {
    /** What every masked value shows. */
    public static final String MASK = "****";

    private final String value;

    private Secret(String value) {
        this.value = value;
    }

    /**
     * Wraps a value.
     *
     * @param value the plain value
     * @return the secret
     */
    public static Secret of(String value) {
        return new Secret(requireNonNull(value, "value"));
    }

    /**
     * Returns the plain value. Call it only where the value is used, never to log or display it.
     *
     * @return the plain value
     */
    public String reveal() {
        return value;
    }

    /**
     * Compares in time independent of where the values differ.
     *
     * @param other the object to compare with
     * @return whether {@code other} is a secret with the same value
     */
    @Override
    public boolean equals(Object other) {
        return other instanceof Secret s
                && MessageDigest.isEqual(
                        value.getBytes(StandardCharsets.UTF_8), s.value.getBytes(StandardCharsets.UTF_8));
    }

    /** Returns a constant, so that the hash reveals nothing of the value. */
    @Override
    public int hashCode() {
        return 0x5ec;
    }

    /** Returns {@value #MASK}. */
    @Override
    public String toString() {
        return MASK;
    }
}

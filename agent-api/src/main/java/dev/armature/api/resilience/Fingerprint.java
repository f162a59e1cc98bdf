package dev.armature.api.resilience;

import static java.util.Objects.requireNonNull;

import java.util.regex.Pattern;

/**
 * The identity of a kind of error: errors with the same fingerprint are the same problem. It is
 * versioned, because the algorithm may improve; fingerprints of different versions never compare
 * equal.
 *
 * @param version the algorithm's version, from 1
 * @param hash the digest, lower-case hexadecimal
 * @since 0.1
 */
public record Fingerprint(int version, String hash) {
    private static final Pattern HASH = Pattern.compile("[0-9a-f]{8,64}");

    /**
     * Checks the version and the digest's form.
     *
     * @param version the version
     * @param hash the digest
     */
    public Fingerprint {
        if (version < 1) {
            throw new IllegalArgumentException("fingerprint version must be at least 1, was " + version);
        }
        requireNonNull(hash, "hash");
        if (!HASH.matcher(hash).matches()) {
            throw new IllegalArgumentException("fingerprint hash must be 8 to 64 lower-case hex digits, was " + hash);
        }
    }

    /**
     * Reads a fingerprint in the form {@link #toString()} writes.
     *
     * @param text for example {@code v1:3f9a0c1d2e4b5a69}
     * @return the fingerprint
     * @throws IllegalArgumentException when the text is not of that form
     */
    public static Fingerprint parse(String text) {
        int colon = text.indexOf(':');
        if (!text.startsWith("v") || colon < 2) {
            throw new IllegalArgumentException("not a fingerprint (expected v<version>:<hex>): " + text);
        }
        int version;
        try {
            version = Integer.parseInt(text.substring(1, colon));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a fingerprint (expected v<version>:<hex>): " + text, e);
        }
        return new Fingerprint(version, text.substring(colon + 1));
    }

    /**
     * Returns the fingerprint as {@code v<version>:<hash>}.
     *
     * @return the text form
     */
    @Override
    public String toString() {
        return "v" + version + ":" + hash;
    }
}

package dev.armature.api.state;

import static java.util.Objects.requireNonNull;

import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * The rules every {@link StateStore} applies to namespaces and keys, so that each implementation
 * accepts and refuses exactly the same names.
 *
 * <ul>
 *   <li>A <b>namespace</b> is 1 to {@value #MAX_NAMESPACE_LENGTH} characters: lowercase ASCII
 *       letters and digits in words joined by single {@code .}, {@code -} or {@code _}, for example
 *       {@code sessions} or {@code agent.checkpoints}. Being lowercase, namespaces stay distinct on
 *       case-insensitive file systems.
 *   <li>A <b>key</b> is any text that is not blank, contains no control characters and no unpaired
 *       surrogate, and takes 1 to {@value #MAX_KEY_BYTES} bytes in UTF-8. Keys are case-sensitive
 *       and may contain {@code /}, {@code ..} or spaces: implementations encode them, never use
 *       them raw as file names or paths.
 * </ul>
 *
 * @since 0.1
 */
public final class StateNames {
    /** The longest namespace, in characters: {@value}. */
    public static final int MAX_NAMESPACE_LENGTH = 64;

    /** The longest key, in bytes of its UTF-8 encoding: {@value}. */
    public static final int MAX_KEY_BYTES = 128;

    private static final Pattern NAMESPACE = Pattern.compile("[a-z0-9]+(?:[._-][a-z0-9]+)*");

    private StateNames() {}

    /**
     * Returns the namespace if it follows the rules above.
     *
     * @param namespace the namespace to check
     * @return {@code namespace}, unchanged
     * @throws IllegalArgumentException naming the namespace and the rule it breaks
     */
    public static String checkNamespace(String namespace) {
        requireNonNull(namespace, "namespace");
        if (namespace.length() > MAX_NAMESPACE_LENGTH
                || !NAMESPACE.matcher(namespace).matches()) {
            throw new IllegalArgumentException("state namespace '" + namespace
                    + "' must be 1 to " + MAX_NAMESPACE_LENGTH
                    + " lowercase letters and digits in words joined by '.', '-' or '_'");
        }
        return namespace;
    }

    /**
     * Returns the key if it follows the rules above.
     *
     * @param key the key to check
     * @return {@code key}, unchanged
     * @throws IllegalArgumentException naming the key and the rule it breaks
     */
    public static String checkKey(String key) {
        requireNonNull(key, "key");
        if (key.isBlank()) {
            throw new IllegalArgumentException("state key '" + key + "' must not be blank");
        }
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (Character.isISOControl(c)) {
                throw new IllegalArgumentException(
                        "state key '" + printable(key) + "' must not contain control characters (at index " + i + ")");
            }
            if (Character.isHighSurrogate(c) && i + 1 < key.length() && Character.isLowSurrogate(key.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                throw new IllegalArgumentException(
                        "state key '" + printable(key) + "' has an unpaired surrogate at index " + i);
            }
        }
        int bytes = key.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > MAX_KEY_BYTES) {
            throw new IllegalArgumentException(
                    "state key '" + key + "' takes " + bytes + " bytes in UTF-8; the limit is " + MAX_KEY_BYTES);
        }
        return key;
    }

    private static String printable(String key) {
        StringBuilder out = new StringBuilder(key.length());
        key.chars().forEach(c -> {
            if (Character.isISOControl(c) || Character.isSurrogate((char) c)) {
                out.append(String.format("\\u%04x", c));
            } else {
                out.append((char) c);
            }
        });
        return out.toString();
    }
}

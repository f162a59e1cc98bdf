package dev.armature.core.internal.state;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Internal: maps state keys to file names and back. A key's UTF-8 bytes are written in lowercase
 * base32 (RFC 4648 alphabet, no padding) with the suffix {@value #SUFFIX}: the name holds only
 * {@code a-z}, {@code 2-7} and one dot, so no key can climb out of its directory, collide with
 * another on a case-insensitive file system, or exceed a file-name limit (a key of at most 128 bytes
 * gives at most 207 characters).
 */
final class KeyFileNames {
    static final String SUFFIX = ".v";

    private static final char[] ALPHABET = "abcdefghijklmnopqrstuvwxyz234567".toCharArray();

    private KeyFileNames() {}

    static String fileName(String key) {
        return encode(key.getBytes(StandardCharsets.UTF_8)) + SUFFIX;
    }

    /** Returns the key of a file name, or empty if the name is not one that {@link #fileName} makes. */
    static Optional<String> key(String fileName) {
        if (!fileName.endsWith(SUFFIX)) {
            return Optional.empty();
        }
        byte[] bytes = decode(fileName.substring(0, fileName.length() - SUFFIX.length()));
        if (bytes == null || bytes.length == 0) {
            return Optional.empty();
        }
        String key = new String(bytes, StandardCharsets.UTF_8);
        return fileName(key).equals(fileName) ? Optional.of(key) : Optional.empty();
    }

    static String encode(byte[] bytes) {
        StringBuilder out = new StringBuilder((bytes.length * 8 + 4) / 5);
        int buffer = 0;
        int bits = 0;
        for (byte b : bytes) {
            buffer = (buffer << 8) | (b & 0xff);
            bits += 8;
            while (bits >= 5) {
                out.append(ALPHABET[(buffer >>> (bits - 5)) & 31]);
                bits -= 5;
            }
        }
        if (bits > 0) {
            out.append(ALPHABET[(buffer << (5 - bits)) & 31]);
        }
        return out.toString();
    }

    /** Decodes {@link #encode}'s output; returns {@code null} for text it cannot have produced. */
    static byte @org.jspecify.annotations.Nullable [] decode(String text) {
        byte[] out = new byte[text.length() * 5 / 8];
        int buffer = 0;
        int bits = 0;
        int n = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            int value;
            if (c >= 'a' && c <= 'z') {
                value = c - 'a';
            } else if (c >= '2' && c <= '7') {
                value = c - '2' + 26;
            } else {
                return null;
            }
            buffer = (buffer << 5) | value;
            bits += 5;
            if (bits >= 8) {
                out[n++] = (byte) (buffer >>> (bits - 8));
                bits -= 8;
            }
        }
        if ((buffer & ((1 << bits) - 1)) != 0) {
            return null; // padding bits must be zero
        }
        return out;
    }
}

package dev.armature.core.internal.config;

/** Internal: recognises the {@code ENC(…)} form, which must be a value's whole text. */
final class EncryptedText {
    private EncryptedText() {}

    static boolean isEncrypted(String text) {
        String t = text.trim();
        return t.startsWith("ENC(") && t.endsWith(")");
    }
}

package dev.armature.monitoring.internal.health;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** Internal: masks the values of details whose names look secret before they are kept or shown. */
final class DetailMasker {
    static final String MASK = "******";

    private static final String[] SECRET_WORDS = {
        "password", "passwd", "secret", "token", "credential", "key", "authorization"
    };

    private DetailMasker() {}

    static Map<String, String> mask(Map<String, String> details) {
        Map<String, String> masked = new TreeMap<>();
        details.forEach((name, value) -> masked.put(name, looksSecret(name) ? MASK : value));
        return masked;
    }

    static boolean looksSecret(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        for (String word : SECRET_WORDS) {
            if (lower.contains(word)) {
                return true;
            }
        }
        return false;
    }
}

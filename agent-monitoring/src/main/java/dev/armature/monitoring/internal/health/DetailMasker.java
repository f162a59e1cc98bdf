package dev.armature.monitoring.internal.health;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** Internal: masks the values of details whose names look secret before they are kept or shown. */
public final class DetailMasker {
    /** What a masked value shows. */
    public static final String MASK = "******";

    private static final String[] SECRET_WORDS = {
        "password", "passwd", "secret", "token", "credential", "key", "authorization"
    };

    private DetailMasker() {}

    /** Returns the details with the values under secret-looking names masked; sorted by name. */
    public static Map<String, String> mask(Map<String, String> details) {
        Map<String, String> masked = new TreeMap<>();
        details.forEach((name, value) -> masked.put(name, looksSecret(name) ? MASK : value));
        return masked;
    }

    /** Whether a name looks like it holds a secret: password, token, key and the like. */
    public static boolean looksSecret(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        for (String word : SECRET_WORDS) {
            if (lower.contains(word)) {
                return true;
            }
        }
        return false;
    }
}

package dev.armature.core.internal.resilience.limit;

import static java.util.Objects.requireNonNull;

import dev.armature.api.config.ConfigException;
import dev.armature.core.internal.config.Conversions;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * Internal: reads {@link AdaptiveLimiterSettings} from configuration options. Messages name the
 * full key and never quote the text, as elsewhere in configuration.
 */
final class OptionsReader {
    /** Unreadable text, the code configuration reads use for it. */
    static final String TYPE_CODE = "armature.config.type";
    /** A readable value out of range, or an option that does not exist. */
    static final String INVALID_CODE = "armature.config.invalid";

    private static final Set<String> COMMON = Set.of(
            AdaptiveLimiterSettings.ALGORITHM,
            AdaptiveLimiterSettings.INITIAL_LIMIT,
            AdaptiveLimiterSettings.MIN_LIMIT,
            AdaptiveLimiterSettings.MAX_LIMIT);
    private static final Set<String> AIMD = Set.of(AimdSettings.BACKOFF_RATIO, AimdSettings.TIMEOUT);
    private static final Set<String> GRADIENT2 = Set.of(
            Gradient2Settings.SMOOTHING,
            Gradient2Settings.QUEUE_SIZE,
            Gradient2Settings.RTT_TOLERANCE,
            Gradient2Settings.LONG_WINDOW);

    private final String prefix;
    private final Map<String, String> options;

    private OptionsReader(String prefix, Map<String, String> options) {
        this.prefix = prefix;
        this.options = options;
    }

    static AdaptiveLimiterSettings read(String keyPrefix, Map<String, String> options) {
        requireNonNull(keyPrefix, "keyPrefix");
        requireNonNull(options, "options");
        return new OptionsReader(keyPrefix, options).read();
    }

    private AdaptiveLimiterSettings read() {
        String algorithm = algorithm();
        boolean aimd = algorithm.equals(AimdSettings.NAME);
        checkNames(aimd ? AIMD : GRADIENT2, aimd ? GRADIENT2 : AIMD, algorithm);
        int min = readInt(AdaptiveLimiterSettings.MIN_LIMIT, AdaptiveLimiterSettings.DEFAULT_MIN_LIMIT);
        int max = readInt(AdaptiveLimiterSettings.MAX_LIMIT, AdaptiveLimiterSettings.DEFAULT_MAX_LIMIT);
        // A default initial limit follows bounds set without it, so max-limit=10 alone is valid.
        int initial = readInt(
                AdaptiveLimiterSettings.INITIAL_LIMIT,
                Math.max(min, Math.min(max, AdaptiveLimiterSettings.DEFAULT_INITIAL_LIMIT)));
        try {
            if (aimd) {
                return new AimdSettings(
                        initial,
                        min,
                        max,
                        readDouble(AimdSettings.BACKOFF_RATIO, AimdSettings.DEFAULT_BACKOFF_RATIO),
                        readDuration(AimdSettings.TIMEOUT, AimdSettings.DEFAULT_TIMEOUT));
            }
            return new Gradient2Settings(
                    initial,
                    min,
                    max,
                    readDouble(Gradient2Settings.SMOOTHING, Gradient2Settings.DEFAULT_SMOOTHING),
                    readInt(Gradient2Settings.QUEUE_SIZE, Gradient2Settings.DEFAULT_QUEUE_SIZE),
                    readDouble(Gradient2Settings.RTT_TOLERANCE, Gradient2Settings.DEFAULT_RTT_TOLERANCE),
                    readInt(Gradient2Settings.LONG_WINDOW, Gradient2Settings.DEFAULT_LONG_WINDOW));
        } catch (InvalidOptionException e) {
            throw new ConfigException(INVALID_CODE, key(e.option()) + ": " + e.getMessage(), key(e.option()), e);
        }
    }

    private String algorithm() {
        String text = options.get(AdaptiveLimiterSettings.ALGORITHM);
        if (text == null) {
            return AimdSettings.NAME;
        }
        String name = text.trim().toLowerCase(Locale.ROOT);
        if (name.equals(AimdSettings.NAME) || name.equals(Gradient2Settings.NAME)) {
            return name;
        }
        String key = key(AdaptiveLimiterSettings.ALGORITHM);
        throw new ConfigException(
                INVALID_CODE,
                key + " names no known algorithm; set it to " + AimdSettings.NAME + " (the default) or "
                        + Gradient2Settings.NAME,
                key,
                null);
    }

    private void checkNames(Set<String> own, Set<String> other, String algorithm) {
        for (String name : new TreeSet<>(options.keySet())) {
            if (COMMON.contains(name) || own.contains(name)) {
                continue;
            }
            String key = key(name);
            if (other.contains(name)) {
                throw new ConfigException(
                        INVALID_CODE,
                        key + " applies only to algorithm "
                                + (algorithm.equals(AimdSettings.NAME) ? Gradient2Settings.NAME : AimdSettings.NAME)
                                + ", but " + key(AdaptiveLimiterSettings.ALGORITHM) + " is " + algorithm
                                + "; remove it or change the algorithm",
                        key,
                        null);
            }
            var known = new TreeSet<>(COMMON);
            known.addAll(own);
            throw new ConfigException(
                    INVALID_CODE,
                    key + " is not an option of the adaptive limiter (" + algorithm + "); known options: "
                            + String.join(", ", known),
                    key,
                    null);
        }
    }

    private int readInt(String option, int defaultValue) {
        String text = options.get(option);
        if (text == null) {
            return defaultValue;
        }
        try {
            return Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            throw typeError(option, "a whole number", e);
        }
    }

    private double readDouble(String option, double defaultValue) {
        String text = options.get(option);
        if (text == null) {
            return defaultValue;
        }
        double value;
        try {
            value = Double.parseDouble(text.trim());
        } catch (NumberFormatException e) {
            throw typeError(option, "a number such as 0.9", e);
        }
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            throw typeError(option, "a finite number", null);
        }
        return value;
    }

    private Duration readDuration(String option, Duration defaultValue) {
        String text = options.get(option);
        if (text == null) {
            return defaultValue;
        }
        try {
            return Conversions.toDuration(text);
        } catch (IllegalArgumentException | ArithmeticException e) {
            throw typeError(option, "a duration such as 500ms, 30s or PT30S", e);
        }
    }

    private ConfigException typeError(String option, String expected, @Nullable Exception cause) {
        String key = key(option);
        return new ConfigException(TYPE_CODE, key + " cannot be read: expected " + expected, key, cause);
    }

    private String key(String option) {
        return prefix + "." + option;
    }
}

package dev.armature.core.internal.config;

import dev.armature.api.config.ConfigType;
import dev.armature.api.config.DataSize;
import dev.armature.api.config.Secret;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Internal: turns configuration text into typed values. Each method throws {@link
 * IllegalArgumentException} with a message saying what was expected; callers add the key and origin.
 * Messages never quote the text, which may be a secret.
 */
public final class Conversions {
    private static final Pattern SHORT_DURATION = Pattern.compile("(\\d+)\\s*(ns|us|ms|s|m|h|d)");
    private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*(B|KB|MB|GB|TB|KiB|MiB|GiB|TiB)?");

    private Conversions() {}

    /** Converts text to the Java type a schema type reads as; lists and maps are handled by the caller. */
    public static Object toScalar(String text, ConfigType type) {
        if (type instanceof ConfigType.Scalar scalar) {
            return switch (scalar) {
                case STRING -> text;
                case BOOLEAN -> toBoolean(text);
                case INT -> toInt(text);
                case LONG -> toLong(text);
                case DOUBLE -> toDouble(text);
                case DURATION -> toDuration(text);
                case SIZE -> toSize(text);
            };
        }
        if (type instanceof ConfigType.EnumOf e) {
            return toEnum(text, e.type());
        }
        throw new IllegalArgumentException("expected a single value, not a " + describe(type));
    }

    /** Converts text to a Java class, for reads of keys that no schema declares. */
    public static Object toClass(String text, Class<?> type) {
        if (type == String.class || type == Object.class || type == CharSequence.class) {
            return text;
        }
        if (type == Boolean.class || type == boolean.class) {
            return toBoolean(text);
        }
        if (type == Integer.class || type == int.class) {
            return toInt(text);
        }
        if (type == Long.class || type == long.class) {
            return toLong(text);
        }
        if (type == Double.class || type == double.class) {
            return toDouble(text);
        }
        if (type == Duration.class) {
            return toDuration(text);
        }
        if (type == DataSize.class) {
            return toSize(text);
        }
        if (type == Secret.class) {
            return Secret.of(text);
        }
        if (type.isEnum()) {
            return toEnumUnchecked(text, type);
        }
        throw new IllegalArgumentException("cannot read configuration as " + type.getName()
                + "; read String, Boolean, Integer, Long, Double, Duration, DataSize, Secret or an enum,"
                + " or bind a record");
    }

    /** Returns the boxed class a primitive reads as, so that {@code Class.isInstance} works. */
    public static Class<?> boxed(Class<?> type) {
        if (!type.isPrimitive()) {
            return type;
        }
        if (type == int.class) {
            return Integer.class;
        }
        if (type == long.class) {
            return Long.class;
        }
        if (type == double.class) {
            return Double.class;
        }
        if (type == boolean.class) {
            return Boolean.class;
        }
        throw new IllegalArgumentException("cannot read configuration as " + type.getName());
    }

    static boolean toBoolean(String text) {
        String t = text.trim();
        if (t.equalsIgnoreCase("true")) {
            return true;
        }
        if (t.equalsIgnoreCase("false")) {
            return false;
        }
        throw new IllegalArgumentException("expected true or false");
    }

    static int toInt(String text) {
        try {
            return Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    "expected a whole number from " + Integer.MIN_VALUE + " to " + Integer.MAX_VALUE);
        }
    }

    static long toLong(String text) {
        try {
            return Long.parseLong(text.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("expected a whole number (64-bit)");
        }
    }

    static double toDouble(String text) {
        try {
            double d = Double.parseDouble(text.trim());
            if (Double.isNaN(d) || Double.isInfinite(d)) {
                throw new IllegalArgumentException("expected a finite number");
            }
            return d;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("expected a number such as 0.75");
        }
    }

    /** Reads {@code 500ms}, {@code 30s}, {@code 2m}, {@code 1h}, {@code 1d} or ISO-8601 {@code PT30S}. */
    public static Duration toDuration(String text) {
        String t = text.trim();
        Matcher m = SHORT_DURATION.matcher(t);
        if (m.matches()) {
            long n;
            try {
                n = Long.parseLong(m.group(1));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("the duration is too long");
            }
            return switch (m.group(2)) {
                case "ns" -> Duration.ofNanos(n);
                case "us" -> Duration.ofNanos(Math.multiplyExact(n, 1000L));
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofDays(n);
            };
        }
        if (t.startsWith("P") || t.startsWith("p") || t.startsWith("-P")) {
            try {
                return Duration.parse(t);
            } catch (DateTimeParseException e) {
                // reported below with the accepted forms
            }
        }
        throw new IllegalArgumentException(
                "expected a duration such as 500ms, 30s, 2m, 1h, 1d or PT30S (units ns, us, ms, s, m, h, d)");
    }

    /** Reads {@code 512}, {@code 64KiB}, {@code 10MiB}, {@code 1GiB} or {@code 10MB}. */
    public static DataSize toSize(String text) {
        Matcher m = SIZE.matcher(text.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException(
                    "expected a size such as 512, 64KiB, 10MiB, 1GiB or 10MB (units B, KB, MB, GB, TB, KiB, MiB, GiB, TiB)");
        }
        long unit =
                switch (m.group(2) == null ? "B" : m.group(2)) {
                    case "KB" -> 1000L;
                    case "MB" -> 1000L * 1000;
                    case "GB" -> 1000L * 1000 * 1000;
                    case "TB" -> 1000L * 1000 * 1000 * 1000;
                    case "KiB" -> 1024L;
                    case "MiB" -> 1024L * 1024;
                    case "GiB" -> 1024L * 1024 * 1024;
                    case "TiB" -> 1024L * 1024 * 1024 * 1024;
                    default -> 1L;
                };
        try {
            return DataSize.ofBytes(Math.multiplyExact(Long.parseLong(m.group(1)), unit));
        } catch (ArithmeticException | NumberFormatException e) {
            throw new IllegalArgumentException("the size is too large");
        }
    }

    private static Object toEnumUnchecked(String text, Class<?> type) {
        @SuppressWarnings("unchecked") // checked by the caller through Class.isEnum
        Class<? extends Enum<?>> enumType = (Class<? extends Enum<?>>) type;
        return toEnum(text, enumType);
    }

    static Enum<?> toEnum(String text, Class<? extends Enum<?>> type) {
        String wanted = normalizeEnum(text);
        StringBuilder names = new StringBuilder();
        for (Enum<?> constant : type.getEnumConstants()) {
            if (normalizeEnum(constant.name()).equals(wanted)) {
                return constant;
            }
            names.append(names.length() == 0 ? "" : ", ").append(constant.name().toLowerCase(Locale.ROOT));
        }
        throw new IllegalArgumentException("expected one of " + names);
    }

    private static String normalizeEnum(String text) {
        return text.trim().replace('-', '_').toUpperCase(Locale.ROOT);
    }

    /** Describes a type for messages and the JSON Schema, such as {@code duration} or {@code list of int}. */
    public static String describe(ConfigType type) {
        if (type instanceof ConfigType.Scalar s) {
            return s.name().toLowerCase(Locale.ROOT);
        }
        if (type instanceof ConfigType.EnumOf e) {
            return "one of " + e.type().getSimpleName();
        }
        if (type instanceof ConfigType.ListOf l) {
            return "list of " + describe(l.element());
        }
        return "map of " + describe(((ConfigType.MapOf) type).value());
    }

    /** Compares two typed values of one scalar type, for min and max checks; -2 when they do not compare. */
    @SuppressWarnings({"unchecked", "rawtypes"}) // both values come from one scalar type
    static int compare(Object a, Object b) {
        if (a instanceof Comparable ca && a.getClass() == b.getClass()) {
            return Integer.signum(ca.compareTo(b));
        }
        return -2;
    }
}

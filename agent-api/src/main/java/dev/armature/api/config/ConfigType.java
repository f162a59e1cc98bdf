package dev.armature.api.config;

import static java.util.Objects.requireNonNull;

/**
 * The type of a schema property's value, which decides how its text is parsed when a snapshot is
 * built and what Java type a typed read returns.
 *
 * <p>Scalars are written as text in every source: {@link #DURATION} as {@code 30s}, {@code 500ms},
 * {@code 2m}, {@code 1h}, {@code 1d} or ISO-8601 ({@code PT30S}); {@link #SIZE} as a {@link
 * DataSize}. Lists are written as a sequence in YAML and JSON, or as indexed keys ({@code
 * key[0]=a}) or a comma-separated value in any format; maps as nested keys.
 *
 * @since 0.1
 */
public sealed interface ConfigType permits ConfigType.Scalar, ConfigType.EnumOf, ConfigType.ListOf, ConfigType.MapOf {
    /** Text, read as {@link String}. */
    ConfigType STRING = Scalar.STRING;

    /** {@code true} or {@code false}, read as {@link Boolean}. */
    ConfigType BOOLEAN = Scalar.BOOLEAN;

    /** A 32-bit integer, read as {@link Integer}. */
    ConfigType INT = Scalar.INT;

    /** A 64-bit integer, read as {@link Long}. */
    ConfigType LONG = Scalar.LONG;

    /** A decimal number, read as {@link Double}. */
    ConfigType DOUBLE = Scalar.DOUBLE;

    /** A length of time, read as {@link java.time.Duration}. */
    ConfigType DURATION = Scalar.DURATION;

    /** An amount of data, read as {@link DataSize}. */
    ConfigType SIZE = Scalar.SIZE;

    /**
     * Returns the type of an enum's constants, matched without regard to case or to {@code -} and
     * {@code _}.
     *
     * @param type the enum class
     * @return the type
     */
    static ConfigType enumOf(Class<? extends Enum<?>> type) {
        return new EnumOf(type);
    }

    /**
     * Returns the type of a list of elements, read as an immutable {@link java.util.List}.
     *
     * @param element the elements' type
     * @return the type
     */
    static ConfigType listOf(ConfigType element) {
        return new ListOf(element);
    }

    /**
     * Returns the type of a map from key segments to values, read as an immutable {@link
     * java.util.Map} with string keys.
     *
     * @param value the values' type
     * @return the type
     */
    static ConfigType mapOf(ConfigType value) {
        return new MapOf(value);
    }

    /** The scalar types. */
    enum Scalar implements ConfigType {
        /** See {@link ConfigType#STRING}. */
        STRING,
        /** See {@link ConfigType#BOOLEAN}. */
        BOOLEAN,
        /** See {@link ConfigType#INT}. */
        INT,
        /** See {@link ConfigType#LONG}. */
        LONG,
        /** See {@link ConfigType#DOUBLE}. */
        DOUBLE,
        /** See {@link ConfigType#DURATION}. */
        DURATION,
        /** See {@link ConfigType#SIZE}. */
        SIZE
    }

    /**
     * An enum's constants.
     *
     * @param type the enum class
     */
    record EnumOf(Class<? extends Enum<?>> type) implements ConfigType {
        /**
         * Checks that the class is present.
         *
         * @param type the enum class
         */
        public EnumOf {
            requireNonNull(type, "type");
        }
    }

    /**
     * A list.
     *
     * @param element the elements' type
     */
    record ListOf(ConfigType element) implements ConfigType {
        /**
         * Checks that the element type is present.
         *
         * @param element the elements' type
         */
        public ListOf {
            requireNonNull(element, "element");
        }
    }

    /**
     * A map from key segments to values.
     *
     * @param value the values' type
     */
    record MapOf(ConfigType value) implements ConfigType {
        /**
         * Checks that the value type is present.
         *
         * @param value the values' type
         */
        public MapOf {
            requireNonNull(value, "value");
        }
    }
}

package dev.armature.api.config;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * One key of a {@link ConfigSchema}: its type, default, constraints and whether it may change while
 * the system runs.
 *
 * <pre>{@code
 * ConfigProperty timeout = ConfigProperty.builder("agent.model.timeout", ConfigType.DURATION)
 *         .defaultValue("30s")
 *         .min("1s")
 *         .reloadable(true)
 *         .description("How long one model call may take.")
 *         .build();
 * }</pre>
 *
 * @param key the full key; a segment {@code *} matches any one segment, as in {@code
 *     armature.components.*.start-timeout}
 * @param type the value's type
 * @param defaultValue the value's text when no source sets it (a code default, ordinal 0)
 * @param required whether a value must be present (from a source or the default)
 * @param min the smallest allowed value, as text of the type; for numbers, durations and sizes
 * @param max the largest allowed value, as text of the type
 * @param pattern a regular expression the whole text must match, for strings
 * @param allowedValues the only texts allowed, when not empty
 * @param reloadable whether a change applies while running; if not, a change is reported as needing
 *     a restart and is not applied
 * @param secret whether the value is a secret: read as {@link Secret}, masked everywhere
 * @param description what the key controls, for people and for the exported JSON Schema
 * @param relocatedFrom former names of the key, still read with a deprecation warning
 * @since 0.1
 */
public record ConfigProperty(
        String key,
        ConfigType type,
        Optional<String> defaultValue,
        boolean required,
        Optional<String> min,
        Optional<String> max,
        Optional<String> pattern,
        List<String> allowedValues,
        boolean reloadable,
        boolean secret,
        String description,
        List<String> relocatedFrom) {
    private static final Pattern KEY = Pattern.compile("(?:[A-Za-z0-9_-]+|\\*)(?:\\.(?:[A-Za-z0-9_-]+|\\*))*");

    /**
     * Checks every part and copies the lists.
     *
     * @param key the key
     * @param type the type
     * @param defaultValue the default text, if any
     * @param required whether required
     * @param min the minimum, if any
     * @param max the maximum, if any
     * @param pattern the regular expression, if any
     * @param allowedValues the allowed texts
     * @param reloadable whether reloadable
     * @param secret whether secret
     * @param description the description
     * @param relocatedFrom the former names
     * @throws IllegalArgumentException if the key is not dotted segments or the pattern does not
     *     compile
     */
    public ConfigProperty {
        requireValidKey(key);
        requireNonNull(type, "type");
        requireNonNull(defaultValue, "defaultValue");
        requireNonNull(min, "min");
        requireNonNull(max, "max");
        requireNonNull(pattern, "pattern");
        allowedValues = List.copyOf(allowedValues);
        requireNonNull(description, "description");
        relocatedFrom = List.copyOf(relocatedFrom);
        relocatedFrom.forEach(ConfigProperty::requireValidKey);
        pattern.ifPresent(p -> {
            try {
                Pattern.compile(p);
            } catch (PatternSyntaxException e) {
                throw new IllegalArgumentException("the pattern of " + key + " does not compile: " + e.getMessage(), e);
            }
        });
    }

    private static void requireValidKey(String key) {
        requireNonNull(key, "key");
        if (!KEY.matcher(key).matches()) {
            throw new IllegalArgumentException(
                    "config key '" + key + "' must be segments of letters, digits, '-' or '_' (or '*') joined by '.'");
        }
    }

    /**
     * Starts a property.
     *
     * @param key the full key
     * @param type the value's type
     * @return a builder
     */
    public static Builder builder(String key, ConfigType type) {
        return new Builder(key, type);
    }

    /**
     * Builds a {@link ConfigProperty}. Not thread-safe.
     *
     * @since 0.1
     */
    public static final class Builder {
        private final String key;
        private final ConfigType type;
        private Optional<String> defaultValue = Optional.empty();
        private boolean required;
        private Optional<String> min = Optional.empty();
        private Optional<String> max = Optional.empty();
        private Optional<String> pattern = Optional.empty();
        private List<String> allowedValues = List.of();
        private boolean reloadable;
        private boolean secret;
        private String description = "";
        private final List<String> relocatedFrom = new ArrayList<>();

        Builder(String key, ConfigType type) {
            this.key = requireNonNull(key, "key");
            this.type = requireNonNull(type, "type");
        }

        /**
         * Sets the default, a code default at ordinal 0. None by default.
         *
         * @param value the default's text
         * @return this builder
         */
        public Builder defaultValue(String value) {
            this.defaultValue = Optional.of(requireNonNull(value, "value"));
            return this;
        }

        /**
         * Sets whether a value must be present. {@code false} by default.
         *
         * @param required whether required
         * @return this builder
         */
        public Builder required(boolean required) {
            this.required = required;
            return this;
        }

        /**
         * Sets the smallest allowed value, as text of the type. None by default.
         *
         * @param min the minimum
         * @return this builder
         */
        public Builder min(String min) {
            this.min = Optional.of(requireNonNull(min, "min"));
            return this;
        }

        /**
         * Sets the largest allowed value, as text of the type. None by default.
         *
         * @param max the maximum
         * @return this builder
         */
        public Builder max(String max) {
            this.max = Optional.of(requireNonNull(max, "max"));
            return this;
        }

        /**
         * Sets a regular expression that the whole text must match. None by default.
         *
         * @param regex the expression
         * @return this builder
         */
        public Builder pattern(String regex) {
            this.pattern = Optional.of(requireNonNull(regex, "regex"));
            return this;
        }

        /**
         * Sets the only texts allowed. Any text by default.
         *
         * @param values the allowed texts
         * @return this builder
         */
        public Builder allowedValues(String... values) {
            this.allowedValues = List.of(values);
            return this;
        }

        /**
         * Sets whether a change applies while the system runs. {@code false} by default: a change
         * is then reported as needing a restart and is not applied.
         *
         * @param reloadable whether reloadable
         * @return this builder
         */
        public Builder reloadable(boolean reloadable) {
            this.reloadable = reloadable;
            return this;
        }

        /**
         * Sets whether the value is a secret. {@code false} by default.
         *
         * @param secret whether secret
         * @return this builder
         */
        public Builder secret(boolean secret) {
            this.secret = secret;
            return this;
        }

        /**
         * Sets what the key controls. Empty by default.
         *
         * @param description the description
         * @return this builder
         */
        public Builder description(String description) {
            this.description = requireNonNull(description, "description");
            return this;
        }

        /**
         * Adds a former name of the key, still read with a deprecation warning.
         *
         * @param oldKey the former name
         * @return this builder
         */
        public Builder addRelocatedFrom(String oldKey) {
            relocatedFrom.add(requireNonNull(oldKey, "oldKey"));
            return this;
        }

        /**
         * Builds the property.
         *
         * @return the property
         * @throws IllegalArgumentException if the key or the pattern is malformed
         */
        public ConfigProperty build() {
            return new ConfigProperty(
                    key,
                    type,
                    defaultValue,
                    required,
                    min,
                    max,
                    pattern,
                    allowedValues,
                    reloadable,
                    secret,
                    description,
                    relocatedFrom);
        }
    }
}

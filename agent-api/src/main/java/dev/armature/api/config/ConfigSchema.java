package dev.armature.api.config;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The keys an owner (the SDK, a plugin or the host) declares: their types, defaults and
 * constraints, and the prefixes the owner claims, under which an undeclared key is an error with a
 * "did you mean" suggestion.
 *
 * <pre>{@code
 * ConfigSchema schema = ConfigSchema.builder("agent-host")
 *         .addPrefix("agent")
 *         .add(ConfigProperty.builder("agent.model.timeout", ConfigType.DURATION).defaultValue("30s").build())
 *         .build();
 * }</pre>
 *
 * @param owner who declares the keys, named in reports
 * @param properties the declared keys
 * @param prefixes the claimed prefixes
 * @since 0.1
 */
public record ConfigSchema(String owner, List<ConfigProperty> properties, List<String> prefixes) {
    /**
     * Checks every part, copies the lists and rejects a key declared twice.
     *
     * @param owner the owner
     * @param properties the properties
     * @param prefixes the prefixes
     * @throws IllegalArgumentException if a key is declared twice
     */
    public ConfigSchema {
        requireNonNull(owner, "owner");
        properties = List.copyOf(properties);
        prefixes = List.copyOf(prefixes);
        Set<String> seen = new HashSet<>();
        for (ConfigProperty p : properties) {
            if (!seen.add(p.key())) {
                throw new IllegalArgumentException("schema of " + owner + " declares " + p.key() + " twice");
            }
        }
    }

    /**
     * Starts a schema.
     *
     * @param owner who declares the keys
     * @return a builder
     */
    public static Builder builder(String owner) {
        return new Builder(owner);
    }

    /**
     * Builds a {@link ConfigSchema}. Not thread-safe.
     *
     * @since 0.1
     */
    public static final class Builder {
        private final String owner;
        private final List<ConfigProperty> properties = new ArrayList<>();
        private final List<String> prefixes = new ArrayList<>();

        Builder(String owner) {
            this.owner = requireNonNull(owner, "owner");
        }

        /**
         * Declares a key.
         *
         * @param property the key's declaration
         * @return this builder
         */
        public Builder add(ConfigProperty property) {
            properties.add(requireNonNull(property, "property"));
            return this;
        }

        /**
         * Claims a prefix: an undeclared key under it is reported as unknown.
         *
         * @param prefix the prefix, such as {@code agent.model}
         * @return this builder
         */
        public Builder addPrefix(String prefix) {
            prefixes.add(requireNonNull(prefix, "prefix"));
            return this;
        }

        /**
         * Builds the schema.
         *
         * @return the schema
         * @throws IllegalArgumentException if a key is declared twice
         */
        public ConfigSchema build() {
            return new ConfigSchema(owner, properties, prefixes);
        }
    }
}

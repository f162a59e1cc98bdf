package dev.armature.spi.config;

import static java.util.Objects.requireNonNull;

import dev.armature.api.config.ConfigSchema;
import dev.armature.api.config.ConfigValidator;
import dev.armature.api.config.Keyring;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the builder gathered about configuration, handed to the runtime.
 *
 * @param files the files given to the builder, in order (later files win)
 * @param sources the sources added on the builder
 * @param schemas the host's schemas
 * @param validators the host's validators
 * @param environmentPrefix the prefix of the host's own environment variables, such as {@code
 *     AGENT_}, or empty for none
 * @param environment the environment variables the system reads, or empty for the process's
 * @param systemProperties the system properties the system reads, or empty for the process's
 * @param keyring the keyring that opens {@code ENC(…)} values, if any
 * @since 0.1
 */
public record ConfigSpec(
        List<Path> files,
        List<ConfigSource> sources,
        List<ConfigSchema> schemas,
        List<ConfigValidator> validators,
        String environmentPrefix,
        Optional<Map<String, String>> environment,
        Optional<Map<String, String>> systemProperties,
        Optional<Keyring> keyring) {
    /**
     * Checks every part and copies the collections.
     *
     * @param files the files
     * @param sources the sources
     * @param schemas the schemas
     * @param validators the validators
     * @param environmentPrefix the host's environment prefix
     * @param environment the environment, if given
     * @param systemProperties the system properties, if given
     * @param keyring the keyring, if any
     */
    public ConfigSpec {
        files = List.copyOf(files);
        sources = List.copyOf(sources);
        schemas = List.copyOf(schemas);
        validators = List.copyOf(validators);
        requireNonNull(environmentPrefix, "environmentPrefix");
        environment = environment.map(Map::copyOf);
        systemProperties = systemProperties.map(Map::copyOf);
        requireNonNull(keyring, "keyring");
    }

    /**
     * Returns a spec with nothing but the defaults.
     *
     * @return the empty spec
     */
    public static ConfigSpec empty() {
        return new ConfigSpec(
                List.of(),
                List.of(),
                List.of(),
                List.of(),
                "",
                Optional.empty(),
                Optional.empty(),
                Optional.<Keyring>empty());
    }
}

package dev.armature.samples.host;

import dev.armature.api.config.ConfigProperty;
import dev.armature.api.config.ConfigSchema;
import dev.armature.api.config.ConfigType;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/** The host's own configuration keys, and the file they are edited in. */
final class HostSettings {
    static final String MODEL_NAME = "agent.model.name";
    static final String MAX_ANSWER_CHARS = "agent.model.max-answer-chars";
    static final String TURN_INTERVAL = "agent.session.turn-interval";

    /** The file written into the data directory on the first run, when {@code --config} is not given. */
    static final String DEFAULT_FILE_NAME = "agent-host.yaml";

    static final ConfigSchema SCHEMA = ConfigSchema.builder("agent-host")
            .addPrefix("agent")
            .add(ConfigProperty.builder(MODEL_NAME, ConfigType.STRING)
                    .defaultValue("simulated-small")
                    .pattern("[a-z0-9-]+")
                    .reloadable(true)
                    .description("Which model the gateway asks.")
                    .build())
            .add(ConfigProperty.builder(MAX_ANSWER_CHARS, ConfigType.INT)
                    .defaultValue("120")
                    .min("10")
                    .max("10000")
                    .reloadable(true)
                    .description("An answer longer than this is cut.")
                    .build())
            .add(ConfigProperty.builder(TURN_INTERVAL, ConfigType.DURATION)
                    .defaultValue("1s")
                    .min("10ms")
                    .description("How often an agent turn runs; read at start.")
                    .build())
            .build();

    private HostSettings() {}

    /** Writes the bundled default settings to {@code file} unless it exists; returns whether it wrote. */
    static boolean writeDefaultsIfAbsent(Path file) {
        if (Files.exists(file)) {
            return false;
        }
        try (InputStream defaults = Objects.requireNonNull(
                HostSettings.class.getResourceAsStream("/" + DEFAULT_FILE_NAME), DEFAULT_FILE_NAME)) {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.write(file, defaults.readAllBytes());
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the default settings to " + file, e);
        }
    }
}

package dev.armature.monitoring.internal.export;

import dev.armature.api.config.Config;
import dev.armature.api.config.ConfigProperty;
import dev.armature.api.config.ConfigSchema;
import dev.armature.api.config.ConfigType;
import dev.armature.api.config.DataSize;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Internal: the keys under {@code armature.exporters} and the meter TTL's keys {@code
 * armature.metrics.ttl} and {@code armature.metrics.ttl-keep}, with the code's defaults and typed
 * reads of each.
 */
public final class ExportersSchema {
    static final String PREFIX = "armature.exporters";
    static final String INTERVAL = PREFIX + ".interval";
    static final String QUEUE_CAPACITY = PREFIX + ".queue-capacity";
    static final String FLUSH_TIMEOUT = PREFIX + ".flush-timeout";
    static final String CONSOLE_ENABLED = PREFIX + ".console.enabled";
    static final String CONSOLE_INCLUDE = PREFIX + ".console.include";
    static final String CONSOLE_HIDE_TAGS = PREFIX + ".console.hide-tags";
    static final String FILE_ENABLED = PREFIX + ".file.enabled";
    static final String FILE_DIRECTORY = PREFIX + ".file.directory";
    static final String FILE_MAX_SIZE = PREFIX + ".file.max-size";
    static final String FILE_ROTATE_EVERY = PREFIX + ".file.rotate-every";
    static final String FILE_MAX_FILES = PREFIX + ".file.max-files";
    static final String FILE_MAX_AGE = PREFIX + ".file.max-age";
    static final String TTL = "armature.metrics.ttl";
    static final String TTL_KEEP = "armature.metrics.ttl-keep";

    static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(60);
    static final int DEFAULT_QUEUE_CAPACITY = 4;
    static final Duration DEFAULT_FLUSH_TIMEOUT = Duration.ofSeconds(5);
    static final List<String> DEFAULT_HIDE_TAGS = List.of("application", "instance");
    /** The file exporter's directory under the system's data directory, unless configured. */
    static final String DEFAULT_FILE_SUBDIRECTORY = "metrics";

    static final DataSize DEFAULT_MAX_SIZE = DataSize.ofMebibytes(10);
    static final int DEFAULT_MAX_FILES = 10;
    /**
     * The SDK's meters (held strongly, cached by their owners) and those of the binders it or a host
     * registers once (Resilience4j's, the JVM's): removed, they would never come back.
     */
    static final List<String> DEFAULT_TTL_KEEP = List.of("armature.", "resilience4j.", "jvm.", "process.", "system.");

    private ExportersSchema() {}

    /** Returns the schema, owned by the plugin. */
    public static ConfigSchema schema(String owner) {
        return ConfigSchema.builder(owner)
                .addPrefix(PREFIX)
                .add(ConfigProperty.builder(INTERVAL, ConfigType.DURATION)
                        .defaultValue("60s")
                        .min("1s")
                        .reloadable(true)
                        .description("How often a snapshot of the meters goes to every exporter. 60s.")
                        .build())
                .add(ConfigProperty.builder(QUEUE_CAPACITY, ConfigType.INT)
                        .defaultValue(String.valueOf(DEFAULT_QUEUE_CAPACITY))
                        .min("1")
                        .max("1000")
                        .description("Snapshots waiting per exporter; when full, the oldest is dropped and"
                                + " counted in armature.exporter.dropped. 4.")
                        .build())
                .add(ConfigProperty.builder(FLUSH_TIMEOUT, ConfigType.DURATION)
                        .defaultValue("5s")
                        .min("1ms")
                        .max("8s")
                        .description("How long stop waits for the exporters to drain their queues and flush"
                                + " (within the component's 10s stop timeout). 5s.")
                        .build())
                .add(ConfigProperty.builder(CONSOLE_ENABLED, ConfigType.BOOLEAN)
                        .defaultValue("false")
                        .description("Whether the console exporter writes a table of the meters at every"
                                + " export, to the host's stream (ExportersExtension) or else the log. false.")
                        .build())
                .add(ConfigProperty.builder(CONSOLE_INCLUDE, ConfigType.listOf(ConfigType.STRING))
                        .description(
                                "Name prefixes of the meters the console table shows; every meter when" + " absent.")
                        .build())
                .add(ConfigProperty.builder(CONSOLE_HIDE_TAGS, ConfigType.listOf(ConfigType.STRING))
                        .description("Tags the console table leaves out. application,instance.")
                        .build())
                .add(ConfigProperty.builder(FILE_ENABLED, ConfigType.BOOLEAN)
                        .defaultValue("false")
                        .description(
                                "Whether the file exporter writes JSON lines, one per meter per export." + " false.")
                        .build())
                .add(ConfigProperty.builder(FILE_DIRECTORY, ConfigType.STRING)
                        .description("The file exporter's directory. metrics under the system's data directory.")
                        .build())
                .add(ConfigProperty.builder(FILE_MAX_SIZE, ConfigType.SIZE)
                        .min("1KiB")
                        .description("The size past which the file is rotated. 10MiB.")
                        .build())
                .add(ConfigProperty.builder(FILE_ROTATE_EVERY, ConfigType.DURATION)
                        .min("1s")
                        .description("The age past which the file is rotated; by size only when absent.")
                        .build())
                .add(ConfigProperty.builder(FILE_MAX_FILES, ConfigType.INT)
                        .min("0")
                        .max("100000")
                        .description("Rotated files kept, newest first. 10.")
                        .build())
                .add(ConfigProperty.builder(FILE_MAX_AGE, ConfigType.DURATION)
                        .min("1s")
                        .description("The age past which a rotated file is deleted; by count only when absent.")
                        .build())
                .add(ConfigProperty.builder(TTL, ConfigType.DURATION)
                        .min("1s")
                        .reloadable(true)
                        .description("How long a dynamic meter may go unchanged before it is removed from the"
                                + " registry; off when absent.")
                        .build())
                .add(ConfigProperty.builder(TTL_KEEP, ConfigType.listOf(ConfigType.STRING))
                        .description("Name prefixes of meters the TTL never removes."
                                + " armature.,resilience4j.,jvm.,process.,system.")
                        .build())
                .build();
    }

    static Duration interval(Config config) {
        return config.getOptional(INTERVAL, Duration.class).orElse(DEFAULT_INTERVAL);
    }

    static int queueCapacity(Config config) {
        return config.getOptional(QUEUE_CAPACITY, Integer.class).orElse(DEFAULT_QUEUE_CAPACITY);
    }

    static Duration flushTimeout(Config config) {
        return config.getOptional(FLUSH_TIMEOUT, Duration.class).orElse(DEFAULT_FLUSH_TIMEOUT);
    }

    static boolean consoleEnabled(Config config) {
        return config.getOptional(CONSOLE_ENABLED, Boolean.class).orElse(false);
    }

    static List<String> consoleInclude(Config config) {
        return config.snapshot().getList(CONSOLE_INCLUDE, String.class);
    }

    static List<String> consoleHideTags(Config config) {
        return listOr(config, CONSOLE_HIDE_TAGS, DEFAULT_HIDE_TAGS);
    }

    static boolean fileEnabled(Config config) {
        return config.getOptional(FILE_ENABLED, Boolean.class).orElse(false);
    }

    static FileExporter.Settings fileSettings(Config config, java.nio.file.Path dataDirectory) {
        return new FileExporter.Settings(
                config.getOptional(FILE_DIRECTORY, String.class)
                        .map(java.nio.file.Path::of)
                        .orElse(dataDirectory.resolve(DEFAULT_FILE_SUBDIRECTORY)),
                config.getOptional(FILE_MAX_SIZE, DataSize.class).orElse(DEFAULT_MAX_SIZE),
                config.getOptional(FILE_ROTATE_EVERY, Duration.class),
                config.getOptional(FILE_MAX_FILES, Integer.class).orElse(DEFAULT_MAX_FILES),
                config.getOptional(FILE_MAX_AGE, Duration.class));
    }

    static Optional<Duration> ttl(Config config) {
        return config.getOptional(TTL, Duration.class);
    }

    static List<String> ttlKeep(Config config) {
        return listOr(config, TTL_KEEP, DEFAULT_TTL_KEEP);
    }

    /** A list key's value, or the default when it is absent; an empty list set on purpose is kept. */
    private static List<String> listOr(Config config, String key, List<String> defaults) {
        var snapshot = config.snapshot();
        boolean present = snapshot.keys().stream().anyMatch(k -> k.equals(key) || k.startsWith(key + "["));
        return present ? snapshot.getList(key, String.class) : defaults;
    }
}

package dev.armature.monitoring.internal.health;

import dev.armature.api.config.ConfigProperty;
import dev.armature.api.config.ConfigSchema;
import dev.armature.api.config.ConfigType;

/**
 * Internal: the keys under {@code armature.health}. No key carries a schema default: the code's
 * defaults (named in each description) apply when a key is absent.
 */
public final class HealthSchema {
    static final String POOL_SIZE = "armature.health.pool-size";
    static final String HISTORY_SIZE = "armature.health.history-size";
    static final String FLAPPING_WINDOW = "armature.health.flapping.window";
    static final String FLAPPING_TRANSITIONS = "armature.health.flapping.transitions";
    /** The key of the status order, which the endpoints weigh their subsets of checks by too. */
    public static final String STATUS_ORDER = "armature.health.status-order";

    static final String PERSISTENCE_ENABLED = "armature.health.persistence.enabled";
    static final String PERSISTENCE_INTERVAL = "armature.health.persistence.interval";
    static final String EVENTS_ENABLED = "armature.health.components.enabled";
    static final String RESOURCES_ENABLED = "armature.health.resources.enabled";
    static final String HEAP_DEGRADED_RATIO = "armature.health.resources.heap-degraded-ratio";
    static final String HEAP_DOWN_RATIO = "armature.health.resources.heap-down-ratio";
    static final String MIN_FREE_DISK = "armature.health.resources.min-free-disk";
    static final String DISK_PATH = "armature.health.resources.disk-path";
    static final String NON_HEAP_DEGRADED_RATIO = "armature.health.resources.non-heap-degraded-ratio";
    static final String NON_HEAP_DOWN_RATIO = "armature.health.resources.non-heap-down-ratio";
    static final String GC_DEGRADED_RATIO = "armature.health.resources.gc-degraded-ratio";
    static final String GC_DOWN_RATIO = "armature.health.resources.gc-down-ratio";
    static final String FD_DEGRADED_RATIO = "armature.health.resources.fd-degraded-ratio";
    static final String FD_DOWN_RATIO = "armature.health.resources.fd-down-ratio";
    static final String CPU_DEGRADED_RATIO = "armature.health.resources.cpu-degraded-ratio";
    static final String MAX_THREADS = "armature.health.resources.max-threads";
    static final String PREDICTION_ENABLED = "armature.health.prediction.enabled";
    static final String PREDICTION_HORIZON = "armature.health.prediction.horizon";
    static final String PREDICTION_WINDOW = "armature.health.prediction.window";
    static final String PREDICTION_MIN_SAMPLES = "armature.health.prediction.min-samples";
    static final String PREDICTION_MIN_CONFIDENCE = "armature.health.prediction.min-confidence";
    static final String PREDICTION_SMOOTHING = "armature.health.prediction.smoothing";
    static final String RECOMMENDATIONS_ENABLED = "armature.health.recommendations.enabled";

    static final int DEFAULT_POOL_SIZE = 2;

    /** A permutation of the four known statuses, no name twice. */
    private static final String ORDER_PATTERN = "(?!.*\\b(\\w+)\\b.*\\b\\1\\b)(?:UP|DEGRADED|OUT_OF_SERVICE|DOWN)"
            + "(?:,(?:UP|DEGRADED|OUT_OF_SERVICE|DOWN)){3}";

    private HealthSchema() {}

    /** Returns the schema, owned by the plugin. */
    public static ConfigSchema schema(String owner) {
        return ConfigSchema.builder(owner)
                .addPrefix("armature.health")
                .add(ConfigProperty.builder(POOL_SIZE, ConfigType.INT)
                        .min("1")
                        .max("64")
                        .reloadable(false)
                        .description("Threads that run health checks; a hanging check holds at most one. 2.")
                        .build())
                .add(ConfigProperty.builder(HISTORY_SIZE, ConfigType.INT)
                        .min("1")
                        .max("100000")
                        .reloadable(false)
                        .description("Results and transitions kept per check. 100.")
                        .build())
                .add(ConfigProperty.builder(FLAPPING_WINDOW, ConfigType.INT)
                        .min("2")
                        .max("1000")
                        .reloadable(false)
                        .description("The latest results in which flapping is counted. 10.")
                        .build())
                .add(ConfigProperty.builder(FLAPPING_TRANSITIONS, ConfigType.INT)
                        .min("1")
                        .max("1000")
                        .reloadable(false)
                        .description("Status changes within the window that make a check flapping. 4.")
                        .build())
                .add(ConfigProperty.builder(STATUS_ORDER, ConfigType.STRING)
                        .pattern(ORDER_PATTERN)
                        .reloadable(false)
                        .description("The statuses from best to worst, comma-separated, each once."
                                + " UP,DEGRADED,OUT_OF_SERVICE,DOWN.")
                        .build())
                .add(ConfigProperty.builder(PERSISTENCE_ENABLED, ConfigType.BOOLEAN)
                        .reloadable(false)
                        .description(
                                "Whether each check's history is kept in the state store (the data directory) across"
                                        + " restarts. true.")
                        .build())
                .add(ConfigProperty.builder(PERSISTENCE_INTERVAL, ConfigType.DURATION)
                        .min("1s")
                        .reloadable(false)
                        .description("How often changed histories are saved; they are also saved at stop. 1m.")
                        .build())
                .add(ConfigProperty.builder(EVENTS_ENABLED, ConfigType.BOOLEAN)
                        .reloadable(false)
                        .description("Whether the built-in checks of component states and circuit states run. true.")
                        .build())
                .add(ConfigProperty.builder(RESOURCES_ENABLED, ConfigType.BOOLEAN)
                        .reloadable(false)
                        .description("Whether the built-in resource checks (heap, non-heap, GC, threads, file"
                                + " descriptors, CPU, free disk) run. true.")
                        .build())
                .add(ConfigProperty.builder(HEAP_DEGRADED_RATIO, ConfigType.DOUBLE)
                        .min("0")
                        .max("1")
                        .reloadable(false)
                        .description("The share of the maximum heap in use that makes the heap check DEGRADED. 0.85.")
                        .build())
                .add(ConfigProperty.builder(HEAP_DOWN_RATIO, ConfigType.DOUBLE)
                        .min("0")
                        .max("1")
                        .reloadable(false)
                        .description("The share of the maximum heap in use that makes the heap check DOWN. 0.95.")
                        .build())
                .add(ConfigProperty.builder(MIN_FREE_DISK, ConfigType.SIZE)
                        .reloadable(false)
                        .description("The free space of the data directory's disk below which the disk check is"
                                + " DOWN (DEGRADED below twice it). 100 MiB.")
                        .build())
                .add(ConfigProperty.builder(DISK_PATH, ConfigType.STRING)
                        .reloadable(false)
                        .description("The path whose disk the disk check watches; the system's data directory.")
                        .build())
                .add(ratio(
                        NON_HEAP_DEGRADED_RATIO,
                        "The share of the maximum non-heap memory in use that makes the"
                                + " non-heap check DEGRADED (when the JVM has a maximum). 0.85."))
                .add(ratio(
                        NON_HEAP_DOWN_RATIO,
                        "The share of the maximum non-heap memory in use that makes the"
                                + " non-heap check DOWN. 0.95."))
                .add(ratio(
                        GC_DEGRADED_RATIO,
                        "The share of time spent in GC between two runs that makes the GC check" + " DEGRADED. 0.10."))
                .add(ratio(
                        GC_DOWN_RATIO,
                        "The share of time spent in GC between two runs that makes the GC check" + " DOWN. 0.25."))
                .add(ratio(
                        FD_DEGRADED_RATIO,
                        "The share of the process's file descriptor limit in use that makes"
                                + " the file-descriptor check DEGRADED. 0.80."))
                .add(ratio(
                        FD_DOWN_RATIO,
                        "The share of the process's file descriptor limit in use that makes the"
                                + " file-descriptor check DOWN. 0.95."))
                .add(ratio(
                        CPU_DEGRADED_RATIO,
                        "The process's share of all CPUs that makes the CPU check DEGRADED;"
                                + " it is never DOWN. 0.90."))
                .add(ConfigProperty.builder(MAX_THREADS, ConfigType.INT)
                        .min("1")
                        .reloadable(false)
                        .description("Live threads at which the threads check is DEGRADED, and the critical value"
                                + " its prediction aims at. 5000.")
                        .build())
                .add(ConfigProperty.builder(PREDICTION_ENABLED, ConfigType.BOOLEAN)
                        .reloadable(false)
                        .description("Whether checks' indicators are watched for a breach within the horizon. true.")
                        .build())
                .add(ConfigProperty.builder(PREDICTION_HORIZON, ConfigType.DURATION)
                        .min("1s")
                        .reloadable(false)
                        .description("How far ahead a predicted breach makes an UP check DEGRADED. 30m.")
                        .build())
                .add(ConfigProperty.builder(PREDICTION_WINDOW, ConfigType.INT)
                        .min("3")
                        .max("100000")
                        .reloadable(false)
                        .description("The latest results (the new one included) whose indicator values a"
                                + " prediction fits; at most the history size counts. 30.")
                        .build())
                .add(ConfigProperty.builder(PREDICTION_MIN_SAMPLES, ConfigType.INT)
                        .min("3")
                        .max("100000")
                        .reloadable(false)
                        .description("Values an indicator needs before a prediction is made. 5.")
                        .build())
                .add(ratio(
                        PREDICTION_MIN_CONFIDENCE,
                        "The confidence (R² × (n − 2) / n) a prediction needs to count." + " 0.5."))
                .add(ConfigProperty.builder(PREDICTION_SMOOTHING, ConfigType.DOUBLE)
                        .min("0.01")
                        .max("1")
                        .reloadable(false)
                        .description("The EWMA weight of each new value before the fit; 1 fits the raw values."
                                + " Smoothing steadies a noisy indicator but lags its trend. 1.")
                        .build())
                .add(ConfigProperty.builder(RECOMMENDATIONS_ENABLED, ConfigType.BOOLEAN)
                        .reloadable(false)
                        .description("Whether the built-in recommendation rules run; contributed rules always run."
                                + " true.")
                        .build())
                .build();
    }

    private static ConfigProperty ratio(String key, String description) {
        return ConfigProperty.builder(key, ConfigType.DOUBLE)
                .min("0")
                .max("1")
                .reloadable(false)
                .description(description)
                .build();
    }
}

package dev.armature.monitoring.internal.prometheus;

import dev.armature.api.config.ConfigProperty;
import dev.armature.api.config.ConfigSchema;
import dev.armature.api.config.ConfigType;

/** Internal: the keys under {@code armature.metrics.prometheus}. */
public final class PrometheusSchema {
    static final String ENABLED = "armature.metrics.prometheus.enabled";
    static final String DESCRIPTIONS = "armature.metrics.prometheus.descriptions";

    private PrometheusSchema() {}

    /**
     * Returns the schema.
     *
     * @param owner the plugin that declares the keys
     * @return the schema
     */
    public static ConfigSchema schema(String owner) {
        return ConfigSchema.builder(owner)
                .addPrefix("armature.metrics.prometheus")
                .add(ConfigProperty.builder(ENABLED, ConfigType.BOOLEAN)
                        .defaultValue("true")
                        .reloadable(false)
                        .description("Whether the system's meters are offered in the Prometheus text format"
                                + " (MetricsExposition, /metrics).")
                        .build())
                .add(ConfigProperty.builder(DESCRIPTIONS, ConfigType.BOOLEAN)
                        .defaultValue("true")
                        .reloadable(false)
                        .description("Whether each family's # HELP line carries the meter's description; off, the"
                                + " scrape is smaller. Ignored when the host gave its own Prometheus registry.")
                        .build())
                .build();
    }
}

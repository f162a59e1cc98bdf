package dev.armature.core.internal.config;

import dev.armature.api.RestartKind;
import dev.armature.api.RestartStrategy;
import dev.armature.api.config.ConfigProperty;
import dev.armature.api.config.ConfigSchema;
import dev.armature.api.config.ConfigType;

/** Internal: the keys agent-core itself reads. */
public final class CoreSchema {
    /** The schema's owner as reports name it. */
    public static final String OWNER = "agent-core";

    /** The pattern prefix of per-component keys. */
    public static final String COMPONENTS = "armature.components.*.";

    private CoreSchema() {}

    /** Returns agent-core's schema. */
    public static ConfigSchema schema() {
        return ConfigSchema.builder(OWNER)
                .addPrefix("armature.config")
                .addPrefix("armature.plugins")
                .addPrefix("armature.components")
                .addPrefix("armature.errors")
                .addPrefix("armature.recovery")
                .addPrefix("armature.emergency")
                .add(ConfigProperty.builder(Resolver.PROFILE_KEY, ConfigType.STRING)
                        .description("The active profiles, comma-separated; the last listed wins. Read at build.")
                        .build())
                .add(ConfigProperty.builder("armature.config.poll-interval", ConfigType.DURATION)
                        .defaultValue("10s")
                        .min("100ms")
                        .description("How often every configuration source is read again to find changes.")
                        .build())
                .add(ConfigProperty.builder("armature.config.history.size", ConfigType.INT)
                        .defaultValue(String.valueOf(ConfigHistory.DEFAULT_SIZE))
                        .min("1")
                        .max("10000")
                        .reloadable(true)
                        .description("How many applied configuration versions the history keeps.")
                        .build())
                .add(ConfigProperty.builder("armature.errors.in-app-packages", ConfigType.listOf(ConfigType.STRING))
                        .description("The host's packages, such as com.example.agent: when set, only their frames"
                                + " make error fingerprints; when not, every frame outside the JDK, languages,"
                                + " test tools and Armature does. Read at build.")
                        .build())
                .add(ConfigProperty.builder("armature.errors.max-fingerprints", ConfigType.INT)
                        .min("1")
                        .max("1000000")
                        .description("How many error fingerprints keep the explanation of their first error, the"
                                + " least recently recorded forgotten first; 1000 by default. Read at build.")
                        .build())
                .add(ConfigProperty.builder("armature.plugins.*.enabled", ConfigType.BOOLEAN)
                        .description("Whether the plugin of this id is loaded; read at build.")
                        .build())
                .add(ConfigProperty.builder("armature.components.*.start-timeout", ConfigType.DURATION)
                        .min("1ms")
                        .description("How long the component's start may take; the code's value by default.")
                        .build())
                .add(ConfigProperty.builder("armature.components.*.stop-timeout", ConfigType.DURATION)
                        .min("1ms")
                        .description("How long the component's stop may take; the code's value by default.")
                        .build())
                .add(ConfigProperty.builder("armature.components.*.optional", ConfigType.BOOLEAN)
                        .description("Whether the system starts without the component when its start fails.")
                        .build())
                .add(ConfigProperty.builder("armature.components.*.essential", ConfigType.BOOLEAN)
                        .description("Whether the component keeps running in safe mode; the code's value (true by"
                                + " default) unless set.")
                        .build())
                .add(ConfigProperty.builder("armature.recovery.stable-after", ConfigType.DURATION)
                        .defaultValue("5m")
                        .min("1ms")
                        .description("How long a target must stay well after a recovery step recovered it for the"
                                + " recovery to end; a failure within it sends the chain on to its next step.")
                        .build())
                .add(ConfigProperty.builder(
                                "armature.emergency.safe-mode.open-guards", ConfigType.listOf(ConfigType.STRING))
                        .reloadable(true)
                        .description("The guards whose circuits safe mode forces open, such as model.chat; none by"
                                + " default.")
                        .build())
                .add(component(
                        "restart.kind", ConfigType.enumOf(RestartKind.class), "When the component is restarted."))
                .add(component(
                        "restart.strategy",
                        ConfigType.enumOf(RestartStrategy.class),
                        "Which components restart with it."))
                .add(component("restart.backoff.min", ConfigType.DURATION, "The first restart delay."))
                .add(component("restart.backoff.max", ConfigType.DURATION, "The longest restart delay."))
                .add(ConfigProperty.builder(COMPONENTS + "restart.backoff.multiplier", ConfigType.DOUBLE)
                        .min("1")
                        .description("How much each restart delay grows.")
                        .build())
                .add(ConfigProperty.builder(COMPONENTS + "restart.backoff.jitter", ConfigType.DOUBLE)
                        .min("0")
                        .max("1")
                        .description("The random share of each restart delay.")
                        .build())
                .add(ConfigProperty.builder(COMPONENTS + "restart.intensity.max-restarts", ConfigType.INT)
                        .min("0")
                        .description("How many restarts the window allows before escalation.")
                        .build())
                .add(component("restart.intensity.window", ConfigType.DURATION, "The window restarts are counted in."))
                .build();
    }

    private static ConfigProperty component(String suffix, ConfigType type, String description) {
        return ConfigProperty.builder(COMPONENTS + suffix, type)
                .description(description + " The code's value by default; read at build.")
                .build();
    }
}

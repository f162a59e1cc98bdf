package dev.armature.cli;

import dev.armature.api.config.ConfigProperty;
import dev.armature.api.config.ConfigSchema;
import dev.armature.api.config.ConfigType;
import dev.armature.spi.Plugin;
import dev.armature.spi.PluginContext;

/**
 * A plugin that declares the {@code acme} keys. No services file on the test class path names it:
 * tests write one into a directory they pass as {@code --plugin-path}, so that it is found only there.
 */
public final class CliTestPlugin implements Plugin {
    /** The plugin's id. */
    public static final String ID = "cli-test";

    /** Creates the plugin, as ServiceLoader does. */
    public CliTestPlugin() {}

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String supportedApiVersions() {
        return "[0.1,)";
    }

    @Override
    public void contribute(PluginContext context) {
        context.addConfigSchema(ConfigSchema.builder(ID)
                .addPrefix("acme")
                .add(ConfigProperty.builder("acme.endpoint", ConfigType.STRING)
                        .description("Where the ACME service is.")
                        .build())
                .add(ConfigProperty.builder("acme.timeout", ConfigType.DURATION)
                        .defaultValue("30s")
                        .max("1m")
                        .build())
                .add(ConfigProperty.builder("acme.retries", ConfigType.INT)
                        .defaultValue("3")
                        .min("0")
                        .max("10")
                        .build())
                .add(ConfigProperty.builder("acme.token", ConfigType.STRING)
                        .secret(true)
                        .description("The ACME API token.")
                        .build())
                .build());
    }
}

package dev.armature.monitoring.internal.endpoint;

import dev.armature.api.config.ConfigProperty;
import dev.armature.api.config.ConfigSchema;
import dev.armature.api.config.ConfigType;

/**
 * Internal: the keys under {@code armature.endpoints}. No key carries a schema default: the code's
 * defaults (named in each description) apply when a key is absent.
 */
public final class EndpointsSchema {
    /** Which JSON shape the health endpoints answer in. */
    public static final String SHAPE = "armature.endpoints.health.shape";

    /** The bearer token that lets a remote request see details. */
    public static final String TOKEN = "armature.endpoints.token";

    /** Whether the built-in server runs. */
    public static final String SERVER_ENABLED = "armature.endpoints.server.enabled";

    /** The address the built-in server binds. */
    public static final String SERVER_ADDRESS = "armature.endpoints.server.address";

    /** The built-in server's port. */
    public static final String PORT = "armature.endpoints.port";

    /** The built-in server's threads. */
    public static final String SERVER_THREADS = "armature.endpoints.server.threads";

    static final String DEFAULT_ADDRESS = "127.0.0.1";
    static final int DEFAULT_PORT = 8470;
    static final int DEFAULT_THREADS = 2;

    private EndpointsSchema() {}

    /** Returns the schema, owned by the plugin. */
    public static ConfigSchema schema(String owner) {
        return ConfigSchema.builder(owner)
                .addPrefix("armature.endpoints")
                .add(ConfigProperty.builder(SHAPE, ConfigType.STRING)
                        .allowedValues("spring", "microprofile")
                        .reloadable(false)
                        .description("The JSON shape of /health and its sub-paths: spring ({status, components})"
                                + " or microprofile ({status, checks}). spring.")
                        .build())
                .add(ConfigProperty.builder(TOKEN, ConfigType.STRING)
                        .secret(true)
                        .reloadable(false)
                        .description("A bearer token (Authorization: Bearer <token>) that lets a request from"
                                + " another host see details. None: only loopback requests see details.")
                        .build())
                .add(ConfigProperty.builder(SERVER_ENABLED, ConfigType.BOOLEAN)
                        .reloadable(false)
                        .description("Whether the built-in HTTP server serves the endpoints. false.")
                        .build())
                .add(ConfigProperty.builder(SERVER_ADDRESS, ConfigType.STRING)
                        .reloadable(false)
                        .description("The address the built-in server binds. 127.0.0.1: this machine only.")
                        .build())
                .add(ConfigProperty.builder(PORT, ConfigType.INT)
                        .min("0")
                        .max("65535")
                        .reloadable(false)
                        .description("The built-in server's port; 0 picks a free one. 8470.")
                        .build())
                .add(ConfigProperty.builder(SERVER_THREADS, ConfigType.INT)
                        .min("1")
                        .max("64")
                        .reloadable(false)
                        .description("Threads that answer the built-in server's requests. 2.")
                        .build())
                .build();
    }
}

package dev.armature.spi;

import static java.util.Objects.requireNonNull;

import dev.armature.api.ArmatureException;
import org.jspecify.annotations.Nullable;

/**
 * Thrown by {@code AgentSystem.Builder#build()} when a plugin cannot be used: it could not be
 * loaded, shares its id with another, does not support this API version, or threw while
 * contributing. The message names the plugin's id, class and jar.
 *
 * @since 0.1
 */
public final class PluginException extends ArmatureException {
    private static final long serialVersionUID = 1L;

    /** The kind of plugin failure. */
    public enum Kind {
        /** ServiceLoader could not load or instantiate it. */
        LOAD_FAILED,
        /** Its id is missing, malformed, or used by another plugin too. */
        INVALID_ID,
        /** Its supported range excludes this API version, or cannot be parsed. */
        VERSION_MISMATCH,
        /** It threw while contributing, or contributed something invalid. */
        CONTRIBUTION_FAILED
    }

    /** The kind of failure. */
    private final Kind kind;

    /** The plugin's id, or its class name when it has no usable id. */
    private final String pluginId;

    /**
     * Creates the exception.
     *
     * @param kind the kind of failure
     * @param pluginId the plugin's id, or its class name when it has no usable id
     * @param message what was wrong, where, and what to do
     * @param cause the underlying failure, or {@code null}
     */
    public PluginException(Kind kind, String pluginId, String message, @Nullable Throwable cause) {
        super(
                "armature.plugin." + requireNonNull(kind, "kind").name().toLowerCase(java.util.Locale.ROOT),
                message,
                cause);
        this.kind = kind;
        this.pluginId = requireNonNull(pluginId, "pluginId");
    }

    /**
     * Returns the kind of failure.
     *
     * @return the kind
     */
    public Kind kind() {
        return kind;
    }

    /**
     * Returns the plugin's id, or its class name when it has no usable id.
     *
     * @return the id
     */
    public String pluginId() {
        return pluginId;
    }
}

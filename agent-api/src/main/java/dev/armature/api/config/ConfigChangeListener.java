package dev.armature.api.config;

import java.util.List;

/**
 * Told of the changes under a key prefix after a new version is committed. A listener cannot veto
 * (register a {@link ConfigValidator} for that); its exception is logged and counted and does not
 * affect other listeners.
 *
 * @since 0.1
 */
@FunctionalInterface
public interface ConfigChangeListener {
    /**
     * Receives the changes of one version under the listener's prefix, in key order.
     *
     * @param changes the changes, never empty
     */
    void onChange(List<ConfigChange> changes);
}

package dev.armature.api.config;

import dev.armature.api.event.Subscription;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The system's configuration: ordered sources merged into immutable snapshots, read with types,
 * explained by origin, validated against a schema, reloaded as a transaction, kept in a history
 * that can be rolled back. Reached through {@code AgentSystem#config()}.
 *
 * <pre>{@code
 * Duration timeout = system.config().get("agent.model.timeout", Duration.class);
 * ModelSettings model = system.config().bind("agent.model", ModelSettings.class);
 * system.config().onChange("agent.model", changes -> reconnect());
 * }</pre>
 *
 * <p>Readers never see a mix of two versions, nor a version that is later taken back. All methods
 * are thread-safe; changes are applied one at a time.
 *
 * @since 0.1
 */
public interface Config {
    /**
     * Returns the snapshot in force, for reads that must agree with each other.
     *
     * @return the current snapshot
     */
    ConfigSnapshot snapshot();

    /**
     * Reads a value from the current snapshot; see {@link ConfigSnapshot#get(String, Class)}.
     *
     * @param <T> the value's type
     * @param key the full key
     * @param type the value's type
     * @return the value
     * @throws ConfigException if the key is absent or its text is not a {@code type}
     */
    default <T> T get(String key, Class<T> type) {
        return snapshot().get(key, type);
    }

    /**
     * Reads a value that may be absent from the current snapshot.
     *
     * @param <T> the value's type
     * @param key the full key
     * @param type the value's type
     * @return the value, or empty
     * @throws ConfigException if its text is not a {@code type}
     */
    default <T> Optional<T> getOptional(String key, Class<T> type) {
        return snapshot().getOptional(key, type);
    }

    /**
     * Binds a prefix of the current snapshot to a record; see {@link ConfigSnapshot#bind}.
     *
     * @param <T> the record's type
     * @param prefix the prefix
     * @param type the record class
     * @return a new instance
     * @throws ConfigException if a key does not bind
     */
    default <T> T bind(String prefix, Class<T> type) {
        return snapshot().bind(prefix, type);
    }

    /**
     * Lists every source's value for a key, highest ordinal first, the one in force marked; secrets
     * are masked.
     *
     * @param key the full key
     * @return the candidates, empty when no source sets the key
     */
    List<ConfigCandidate> explain(String key);

    /**
     * Renders the configuration in force, one key per line with its origin, secrets masked.
     *
     * @return the dump
     */
    String dump();

    /**
     * Returns the schemas in force: the SDK's, the plugins' and the host's.
     *
     * @return the schemas
     */
    List<ConfigSchema> schemas();

    /**
     * Reads every source again now, and applies the result as one change.
     *
     * @return what happened
     * @throws ConfigException with code {@code armature.config.frozen} while {@linkplain
     *     dev.armature.api.resilience.Emergency safe mode} freezes reloads
     */
    ConfigUpdate reload();

    /**
     * Sets runtime overrides (ordinal 500), applied as one change through validation and listeners.
     * An empty string value is a value; use {@link #clearOverrides()} to drop them.
     *
     * @param values the keys and their texts
     * @return what happened; when rejected, no override was kept
     */
    ConfigUpdate override(Map<String, String> values);

    /**
     * Drops every runtime override, returning to the sources.
     *
     * @return what happened
     */
    ConfigUpdate clearOverrides();

    /**
     * Computes what a set of overrides would do, without applying anything: the changes and the
     * violations.
     *
     * @param values the keys and their texts
     * @return the preview
     */
    ConfigUpdate preview(Map<String, String> values);

    /**
     * Returns the applied versions, oldest first (bounded by {@code armature.config.history.size},
     * default 50).
     *
     * @return the history
     */
    List<ConfigVersion> history();

    /**
     * Re-applies the values of an earlier version as a runtime override, through the same
     * validation and listeners; this creates a new version, so the history stays linear.
     *
     * @param version the version to return to
     * @return what happened
     * @throws ConfigException with code {@code armature.config.no-such-version} if the history does
     *     not hold the version
     */
    ConfigUpdate rollback(long version);

    /**
     * Ends a rollback, returning to the sources' values.
     *
     * @return what happened
     */
    ConfigUpdate clearRollback();

    /**
     * Registers a listener for the changes under a key prefix ({@code ""} for every key).
     *
     * @param prefix the prefix
     * @param listener the listener
     * @return the registration; close it to stop listening
     */
    Subscription onChange(String prefix, ConfigChangeListener listener);

    /**
     * Registers a validator that every later change must pass.
     *
     * @param validator the validator
     * @return the registration; close it to remove the validator
     */
    Subscription addValidator(ConfigValidator validator);
}

package dev.armature.spi;

import dev.armature.api.Component;
import dev.armature.api.config.ConfigSchema;
import dev.armature.api.event.Event;
import dev.armature.api.event.EventListener;
import dev.armature.api.event.SubscribeOptions;
import dev.armature.api.resilience.ErrorClassifier;
import dev.armature.spi.resilience.RecoveryChain;
import java.util.Optional;

/**
 * What a {@link Plugin} contributes through, the one path by which plugins extend a system. Valid
 * only during {@link Plugin#contribute}; not thread-safe.
 *
 * @since 0.1
 */
public interface PluginContext {
    /**
     * Returns the id of the plugin contributing.
     *
     * @return the plugin's id
     */
    String pluginId();

    /**
     * Adds a component to the system, as {@code AgentSystem.Builder#component} does.
     *
     * @param component the component
     */
    void addComponent(Component component);

    /**
     * Subscribes a listener to the system's events before the system starts, so that it sees every
     * event from the first.
     *
     * @param <E> the payload type
     * @param type the payload type
     * @param options replay and queue capacity
     * @param listener the listener
     */
    <E extends Event> void addListener(Class<E> type, SubscribeOptions options, EventListener<E> listener);

    /**
     * Contributes an instance of an area's SPI, such as a health check or a notification channel,
     * for the module that owns the area to use.
     *
     * @param <T> the SPI type
     * @param spiType the SPI interface, from a {@code dev.armature.spi} package
     * @param instance the implementation
     * @throws IllegalArgumentException if {@code spiType} is not an interface of a {@code
     *     dev.armature.spi} package
     */
    <T> void contribute(Class<T> spiType, T instance);

    /**
     * Provides a module's service, which {@code AgentSystem#service(type)} and {@link
     * dev.armature.api.ComponentContext#service} then return: how a module such as agent-monitoring
     * makes its interface from {@code dev.armature.api} available. A service that needs the
     * system's lifecycle is usually also a component the plugin adds.
     *
     * @param <T> the service type
     * @param type the service interface, from a {@code dev.armature.api} package
     * @param service the implementation
     * @throws IllegalArgumentException if {@code type} is not an interface of a {@code
     *     dev.armature.api} package
     * @throws PluginException if another plugin provides the same service
     */
    <T> void addService(Class<T> type, T service);

    /**
     * Declares the plugin's configuration keys, which take part in validation from the first
     * snapshot on. Contribute a {@link dev.armature.spi.config.ConfigSource} through {@link
     * #contribute} to add values.
     *
     * @param schema the schema
     */
    void addConfigSchema(ConfigSchema schema);

    /**
     * Adds a rule that classifies the failures of guarded calls, asked after the host's rules and
     * before the built-in ones, in the order plugins contribute them.
     *
     * @param classifier the rule
     */
    void addErrorClassifier(ErrorClassifier classifier);

    /**
     * Adds a recovery chain; the host's chain for the same target wins over a plugin's, and two
     * plugins' chains for one target are an error at build.
     *
     * @param chain the chain
     */
    void addRecoveryChain(RecoveryChain chain);

    /**
     * Returns the builder extension of a type, when the host gave one.
     *
     * @param <T> the extension type
     * @param type the extension's class
     * @return the extension, or empty
     */
    <T extends SystemExtension> Optional<T> extension(Class<T> type);
}

package dev.armature.core.internal.plugin;

import static java.util.Objects.requireNonNull;

import dev.armature.api.Component;
import dev.armature.api.config.ConfigSchema;
import dev.armature.api.event.Event;
import dev.armature.api.event.EventBus;
import dev.armature.api.event.EventListener;
import dev.armature.api.event.SubscribeOptions;
import dev.armature.api.resilience.ErrorClassifier;
import dev.armature.api.resilience.RecoveryTarget;
import dev.armature.spi.Plugin;
import dev.armature.spi.PluginContext;
import dev.armature.spi.PluginException;
import dev.armature.spi.SystemExtension;
import dev.armature.spi.SystemSpec;
import dev.armature.spi.resilience.RecoveryChain;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Internal: what the plugins of one system contributed — components, listeners and SPI instances —
 * collected by asking each plugin in order. A plugin that throws fails the build with its id.
 */
public final class PluginContributions {
    private final List<Component> components = new ArrayList<>();
    private final List<ListenerContribution<?>> listeners = new ArrayList<>();
    private final Map<Class<?>, List<Object>> spiInstances = new LinkedHashMap<>();
    private final List<String> pluginIds = new ArrayList<>();
    private final List<ConfigSchema> configSchemas = new ArrayList<>();
    private final List<ErrorClassifier> errorClassifiers = new ArrayList<>();
    private final Map<RecoveryTarget, RecoveryChain> recoveryChains = new LinkedHashMap<>();
    private final Map<Class<?>, Object> services = new LinkedHashMap<>();
    private final Map<Class<?>, String> serviceOwners = new LinkedHashMap<>();
    private final Map<RecoveryTarget, String> recoveryChainOwners = new LinkedHashMap<>();

    private PluginContributions() {}

    /**
     * Asks each plugin to contribute.
     *
     * @param plugins the plugins, in order
     * @param spec the system's settings, for the extensions plugins may read
     * @return what they contributed
     * @throws PluginException naming the plugin that threw or contributed something invalid
     */
    public static PluginContributions collect(List<Plugin> plugins, SystemSpec spec) {
        PluginContributions all = new PluginContributions();
        for (Plugin plugin : plugins) {
            String id = PluginLoader.idOf(plugin);
            Context context = all.new Context(id, spec);
            try {
                plugin.contribute(context);
            } catch (PluginException e) {
                throw e;
            } catch (Exception | LinkageError e) {
                throw new PluginException(
                        PluginException.Kind.CONTRIBUTION_FAILED,
                        id,
                        "Plugin '" + id + "' (" + PluginLoader.describe(plugin) + ") failed while contributing: " + e
                                + ". Fix the plugin or disable it with disablePlugin(\"" + id + "\").",
                        e);
            } finally {
                context.closed = true;
            }
            all.pluginIds.add(id);
        }
        return all;
    }

    /** Returns the contributed components, in contribution order. */
    public List<Component> components() {
        return List.copyOf(components);
    }

    /** Returns the ids of the plugins that contributed, in order. */
    public List<String> pluginIds() {
        return List.copyOf(pluginIds);
    }

    /** Returns the contributed configuration schemas, in contribution order. */
    public List<ConfigSchema> configSchemas() {
        return List.copyOf(configSchemas);
    }

    /** Returns the plugins' error classifiers, in the order they were contributed. */
    public List<ErrorClassifier> errorClassifiers() {
        return List.copyOf(errorClassifiers);
    }

    /** Returns the services the plugins provide, by interface. */
    public Map<Class<?>, Object> services() {
        return Map.copyOf(services);
    }

    /** Returns the plugins' recovery chains, one per target. */
    public Map<RecoveryTarget, RecoveryChain> recoveryChains() {
        return Map.copyOf(recoveryChains);
    }

    /** Returns the instances contributed for an SPI type, in contribution order. */
    public <T> List<T> instances(Class<T> spiType) {
        return spiInstances.getOrDefault(spiType, List.of()).stream()
                .map(spiType::cast)
                .toList();
    }

    /** Subscribes every contributed listener to the bus. */
    public void subscribeListeners(EventBus bus) {
        for (ListenerContribution<?> l : listeners) {
            l.subscribe(bus);
        }
    }

    private record ListenerContribution<E extends Event>(
            Class<E> type, SubscribeOptions options, EventListener<E> listener) {
        void subscribe(EventBus bus) {
            var unused = bus.subscribe(type, options, listener);
        }
    }

    private final class Context implements PluginContext {
        private final String id;
        private final SystemSpec spec;
        private boolean closed;

        Context(String id, SystemSpec spec) {
            this.id = id;
            this.spec = spec;
        }

        private void checkOpen() {
            if (closed) {
                throw new IllegalStateException("the context of plugin '" + id
                        + "' is used after contribute() returned; contribute" + " everything from within contribute()");
            }
        }

        @Override
        public String pluginId() {
            return id;
        }

        @Override
        public void addComponent(Component component) {
            checkOpen();
            components.add(requireNonNull(component, "component"));
        }

        @Override
        public <E extends Event> void addListener(Class<E> type, SubscribeOptions options, EventListener<E> listener) {
            checkOpen();
            listeners.add(new ListenerContribution<>(
                    requireNonNull(type, "type"),
                    requireNonNull(options, "options"),
                    requireNonNull(listener, "listener")));
        }

        @Override
        public <T> void contribute(Class<T> spiType, T instance) {
            checkOpen();
            requireNonNull(spiType, "spiType");
            requireNonNull(instance, "instance");
            if (!spiType.isInterface() || !spiType.getPackageName().startsWith("dev.armature.spi")) {
                throw new IllegalArgumentException("plugin '" + id + "' contributed to " + spiType.getName()
                        + ", which is not an SPI interface of a dev.armature.spi package");
            }
            if (!spiType.isInstance(instance)) {
                throw new IllegalArgumentException("plugin '" + id + "' contributed a "
                        + instance.getClass().getName() + " as " + spiType.getName() + ", which it does not implement");
            }
            spiInstances.computeIfAbsent(spiType, k -> new ArrayList<>()).add(instance);
        }

        @Override
        public void addConfigSchema(ConfigSchema schema) {
            checkOpen();
            configSchemas.add(requireNonNull(schema, "schema"));
        }

        @Override
        public void addErrorClassifier(ErrorClassifier classifier) {
            checkOpen();
            errorClassifiers.add(requireNonNull(classifier, "classifier"));
        }

        @Override
        public <T> void addService(Class<T> type, T service) {
            checkOpen();
            requireNonNull(type, "type");
            requireNonNull(service, "service");
            if (!type.isInterface() || !type.getPackageName().startsWith("dev.armature.api")) {
                throw new IllegalArgumentException("plugin '" + id + "' provides " + type.getName()
                        + " as a service, but services are interfaces of dev.armature.api packages");
            }
            String other = serviceOwners.putIfAbsent(type, id);
            if (other != null) {
                throw new PluginException(
                        PluginException.Kind.CONTRIBUTION_FAILED,
                        id,
                        "Plugins '" + other + "' and '" + id + "' both provide " + type.getName()
                                + "; disable one of them.",
                        null);
            }
            services.put(type, service);
        }

        @Override
        public void addRecoveryChain(RecoveryChain chain) {
            checkOpen();
            requireNonNull(chain, "chain");
            String other = recoveryChainOwners.putIfAbsent(chain.target(), id);
            if (other != null) {
                throw new PluginException(
                        PluginException.Kind.CONTRIBUTION_FAILED,
                        id,
                        "Plugins '" + other + "' and '" + id + "' both contribute a recovery chain for "
                                + chain.target() + "; disable one, or bind the chain on the builder, which wins.",
                        null);
            }
            recoveryChains.put(chain.target(), chain);
        }

        @Override
        public <T extends SystemExtension> Optional<T> extension(Class<T> type) {
            return spec.extension(type);
        }
    }
}

package dev.armature.core.internal.plugin;

import static java.util.Objects.requireNonNull;

import dev.armature.spi.Plugin;
import dev.armature.spi.PluginException;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Internal: the one place that loads plugins. Discovers them through ServiceLoader on an explicit
 * class loader (never the context loader behind the caller's back, never in a static initialiser),
 * adds the builder's, drops the disabled ones, refuses duplicate ids and unsupported API versions,
 * and returns an unmodifiable list in order-then-id order.
 */
public final class PluginLoader {
    private static final Logger log = LoggerFactory.getLogger(PluginLoader.class);
    private static final Pattern ID = Pattern.compile("[a-z0-9]+(?:[.-][a-z0-9]+)*");

    private PluginLoader() {}

    /**
     * Loads and checks the plugins of one system.
     *
     * @param loader the class loader to discover plugins on
     * @param discover whether to discover plugins at all
     * @param added plugins added on the builder
     * @param disabled ids of plugins not to use
     * @param apiVersion the API version plugins must support
     * @return the enabled plugins, ordered by order then id
     * @throws PluginException when a plugin cannot be loaded, has a bad or duplicate id, or does not
     *     support the API version
     */
    public static List<Plugin> load(
            ClassLoader loader, boolean discover, List<Plugin> added, Set<String> disabled, String apiVersion) {
        requireNonNull(loader, "loader");
        List<Plugin> candidates = new ArrayList<>();
        if (discover) {
            candidates.addAll(discover(loader));
        }
        candidates.addAll(added);

        Map<String, Plugin> byId = new LinkedHashMap<>();
        for (Plugin plugin : candidates) {
            String id = idOf(plugin);
            if (disabled.contains(id)) {
                log.atInfo().addKeyValue("plugin", id).log("plugin disabled");
                continue;
            }
            @Nullable Plugin other = byId.putIfAbsent(id, plugin);
            if (other != null) {
                throw new PluginException(
                        PluginException.Kind.INVALID_ID,
                        id,
                        "Two plugins have the id '" + id + "': " + describe(other) + " and " + describe(plugin)
                                + ". Remove one of the jars, or give one plugin another id.",
                        null);
            }
            checkVersion(plugin, id, apiVersion);
        }
        List<Plugin> ordered = new ArrayList<>(byId.values());
        ordered.sort(Comparator.comparingInt(Plugin::order).thenComparing(PluginLoader::idOf));
        return List.copyOf(ordered);
    }

    private static List<Plugin> discover(ClassLoader loader) {
        List<Plugin> found = new ArrayList<>();
        Iterator<ServiceLoader.Provider<Plugin>> providers =
                ServiceLoader.load(Plugin.class, loader).stream().iterator();
        while (true) {
            ServiceLoader.Provider<Plugin> provider;
            try {
                if (!providers.hasNext()) {
                    return found;
                }
                provider = providers.next();
            } catch (ServiceConfigurationError e) {
                throw loadFailed("a plugin listed in META-INF/services/" + Plugin.class.getName(), e);
            }
            try {
                found.add(provider.get());
            } catch (ServiceConfigurationError e) {
                throw loadFailed(provider.type().getName() + " (" + location(provider.type()) + ")", e);
            }
        }
    }

    private static PluginException loadFailed(String what, ServiceConfigurationError e) {
        return new PluginException(
                PluginException.Kind.LOAD_FAILED,
                what,
                "Could not load " + what + ": " + e.getMessage()
                        + ". Check that the class exists, is public and has a public no-argument constructor.",
                e);
    }

    static String idOf(Plugin plugin) {
        String id;
        try {
            id = plugin.id();
        } catch (RuntimeException e) {
            throw new PluginException(
                    PluginException.Kind.INVALID_ID,
                    plugin.getClass().getName(),
                    "Plugin " + describe(plugin) + " threw from id(): " + e,
                    e);
        }
        if (id == null || !ID.matcher(id).matches()) {
            throw new PluginException(
                    PluginException.Kind.INVALID_ID,
                    plugin.getClass().getName(),
                    "Plugin " + describe(plugin) + " has the id '" + id
                            + "'; an id is lowercase letters and digits in words joined by '-' or '.'.",
                    null);
        }
        return id;
    }

    private static void checkVersion(Plugin plugin, String id, String apiVersion) {
        String text;
        try {
            text = requireNonNull(plugin.supportedApiVersions(), "supportedApiVersions()");
        } catch (RuntimeException e) {
            throw new PluginException(
                    PluginException.Kind.VERSION_MISMATCH,
                    id,
                    "Plugin '" + id + "' (" + describe(plugin) + ") did not say which API versions it supports: " + e,
                    e);
        }
        VersionRange range;
        try {
            range = VersionRange.parse(text);
        } catch (VersionRange.SyntaxException e) {
            throw new PluginException(
                    PluginException.Kind.VERSION_MISMATCH,
                    id,
                    "Plugin '" + id + "' (" + describe(plugin) + ") declares the API range '" + text
                            + "', which is not a Maven version range: " + e.getMessage(),
                    e);
        }
        if (!range.contains(apiVersion)) {
            throw new PluginException(
                    PluginException.Kind.VERSION_MISMATCH,
                    id,
                    "Plugin '" + id + "' (" + describe(plugin) + ") supports Armature API " + range
                            + ", but this is API " + apiVersion
                            + ". Use a version of the plugin built for API " + apiVersion + ", or disable it.",
                    null);
        }
    }

    static String describe(Plugin plugin) {
        return plugin.getClass().getName() + " from " + location(plugin.getClass());
    }

    private static String location(Class<?> type) {
        @Nullable CodeSource source = type.getProtectionDomain().getCodeSource();
        return source == null || source.getLocation() == null
                ? "an unknown location"
                : source.getLocation().toString();
    }
}

package dev.armature.core.internal.config;

import dev.armature.api.config.ConfigException;
import dev.armature.api.config.ConfigSchema;
import dev.armature.api.config.ConfigValidationException;
import dev.armature.api.config.ConfigViolation;
import dev.armature.api.config.Keyring;
import dev.armature.api.event.EventBus;
import dev.armature.api.time.TimeSource;
import dev.armature.core.internal.config.crypto.EncryptedValues;
import dev.armature.core.internal.config.crypto.KeyringFormat;
import dev.armature.core.internal.config.source.ClasspathConfigSource;
import dev.armature.core.internal.config.source.EnvironmentConfigSource;
import dev.armature.core.internal.config.source.FileConfigSource;
import dev.armature.core.internal.config.source.SystemPropertiesConfigSource;
import dev.armature.spi.config.ConfigSource;
import dev.armature.spi.config.ConfigSpec;
import dev.armature.spi.config.SourceValue;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ThreadFactory;

/**
 * Internal: the documented bootstrap order. First the builder's files, the class path's {@code
 * armature.yaml}, the environment and system properties are read, which decides the profiles and
 * {@code armature.plugins.<id>.enabled}; then the plugins load and add their sources and schemas;
 * then the first full snapshot is built and validated.
 */
public final class ConfigBootstrap {
    /** The class-path resource read at ordinal 100. */
    public static final String CLASSPATH_RESOURCE = "armature.yaml";

    private static final String PLUGIN_PREFIX = "armature.plugins.";
    private static final String ENABLED_SUFFIX = ".enabled";

    private final ConfigSpec spec;
    private final Optional<Keyring> keyring;
    private final List<ConfigSource> beforePlugins;
    private final List<ConfigSource> afterPlugins;
    private final DefaultSnapshot early;
    private final IdentityHashMap<ConfigSource, Map<String, SourceValue>> read;

    private ConfigBootstrap(
            ConfigSpec spec,
            Optional<Keyring> keyring,
            List<ConfigSource> beforePlugins,
            List<ConfigSource> afterPlugins,
            DefaultSnapshot early,
            IdentityHashMap<ConfigSource, Map<String, SourceValue>> read) {
        this.spec = spec;
        this.keyring = keyring;
        this.beforePlugins = beforePlugins;
        this.afterPlugins = afterPlugins;
        this.early = early;
        this.read = read;
    }

    /**
     * Reads the sources that exist before any plugin: the class path, the builder's files and
     * sources, the environment and system properties, each profile's overlays beside its base.
     */
    public static ConfigBootstrap begin(ConfigSpec spec, ClassLoader loader, ThreadFactory watchThreads) {
        Map<String, String> env = spec.environment().orElseGet(System::getenv);
        Map<String, String> properties = spec.systemProperties().orElseGet(ConfigBootstrap::processProperties);
        Optional<Keyring> keyring = spec.keyring().or(() -> KeyringFormat.fromEnvironment(env));
        ConfigSource environment = new EnvironmentConfigSource(env, spec.environmentPrefix());
        ConfigSource system = new SystemPropertiesConfigSource(properties);

        List<ConfigSource> base = new ArrayList<>();
        base.add(new ClasspathConfigSource(loader, CLASSPATH_RESOURCE, ConfigSource.CLASSPATH_ORDINAL));
        for (int i = 0; i < spec.files().size(); i++) {
            base.add(new FileConfigSource(spec.files().get(i), ConfigSource.FILE_ORDINAL + i, watchThreads));
        }
        // Each source is read once at build: here, and its content handed on to the first snapshot.
        IdentityHashMap<ConfigSource, Map<String, SourceValue>> read = new IdentityHashMap<>();
        List<Layer> layers = new ArrayList<>();
        for (ConfigSource s : concat(base, spec.sources(), List.of(environment, system))) {
            layers.add(new Layer(s.name(), s.ordinal(), layers.size(), read.computeIfAbsent(s, ConfigSource::read)));
        }
        List<String> profiles = Resolver.profiles(layers);

        List<ConfigSource> before = new ArrayList<>();
        for (ConfigSource s : base) {
            before.add(s);
            before.addAll(overlays(s, profiles, loader, watchThreads));
        }
        before.addAll(spec.sources());
        List<ConfigSource> after = List.of(environment, system);

        Resolver plain = new Resolver(new SchemaIndex(List.of(CoreSchema.schema())), decryptor(keyring));
        List<Layer> all = new ArrayList<>();
        for (ConfigSource s : concat(before, List.of(), after)) {
            all.add(new Layer(s.name(), s.ordinal(), all.size(), read.computeIfAbsent(s, ConfigSource::read)));
        }
        Resolver.Resolution resolution = plain.resolve(all, null);
        List<ConfigViolation> pluginViolations = resolution.violations().stream()
                .filter(v -> v.key().startsWith(PLUGIN_PREFIX))
                .toList();
        if (!pluginViolations.isEmpty()) {
            throw new ConfigValidationException("the plugin settings read before plugins load", pluginViolations);
        }
        return new ConfigBootstrap(spec, keyring, before, after, resolution.snapshot(), read);
    }

    private static List<ConfigSource> concat(List<ConfigSource> a, List<ConfigSource> b, List<ConfigSource> c) {
        List<ConfigSource> out = new ArrayList<>(a);
        out.addAll(b);
        out.addAll(c);
        return out;
    }

    /** {@code armature-prod.yaml} beside {@code armature.yaml}; {@code agent-prod.yaml} beside {@code agent.yaml}. */
    private static List<ConfigSource> overlays(
            ConfigSource base, List<String> profiles, ClassLoader loader, ThreadFactory watchThreads) {
        List<ConfigSource> out = new ArrayList<>();
        for (String profile : profiles) {
            if (base instanceof ClasspathConfigSource) {
                out.add(new ClasspathConfigSource(loader, "armature-" + profile + ".yaml", base.ordinal()));
            } else if (base instanceof FileConfigSource file) {
                Path overlay = overlayPath(file.file(), profile);
                if (Files.isRegularFile(overlay)) {
                    out.add(new FileConfigSource(overlay, base.ordinal(), watchThreads));
                }
            }
        }
        return out;
    }

    static Path overlayPath(Path file, String profile) {
        String name = String.valueOf(file.getFileName());
        int dot = name.lastIndexOf('.');
        String overlay = dot < 0 ? name + "-" + profile : name.substring(0, dot) + "-" + profile + name.substring(dot);
        return file.resolveSibling(overlay);
    }

    /** The plugin ids that configuration switches off ({@code armature.plugins.<id>.enabled=false}). */
    public Set<String> disabledPlugins() {
        Set<String> out = new LinkedHashSet<>();
        for (String key : early.keys()) {
            if (key.startsWith(PLUGIN_PREFIX) && key.endsWith(ENABLED_SUFFIX)) {
                String id = key.substring(PLUGIN_PREFIX.length(), key.length() - ENABLED_SUFFIX.length());
                if (!early.get(key, Boolean.class)) {
                    out.add(id);
                }
            }
        }
        return out;
    }

    /** Adds the plugins' sources and schemas and builds the first full snapshot. */
    public DefaultConfig finish(
            List<ConfigSource> pluginSources,
            List<ConfigSchema> pluginSchemas,
            EventBus bus,
            TimeSource time,
            MeterRegistry registry) {
        List<ConfigSchema> schemas = new ArrayList<>();
        schemas.add(CoreSchema.schema());
        schemas.addAll(pluginSchemas);
        schemas.addAll(spec.schemas());
        return DefaultConfig.create(
                concat(beforePlugins, pluginSources, afterPlugins),
                schemas,
                spec.validators(),
                decryptor(keyring),
                bus,
                time,
                registry,
                source -> read.computeIfAbsent(source, ConfigSource::read));
    }

    private static Resolver.Decryptor decryptor(Optional<Keyring> keyring) {
        return (text, key) -> EncryptedValues.decrypt(
                keyring.orElseThrow(() -> new ConfigException(
                        "armature.config.decrypt",
                        key + " is encrypted (ENC(…)) but no keyring is configured; give the system one"
                                + " (AgentSystem.builder().keyring(…), or --keyring on the armature command)"
                                + " or set " + KeyringFormat.ENVIRONMENT_VARIABLE,
                        key,
                        null)),
                text,
                key);
    }

    private static Map<String, String> processProperties() {
        Properties properties = System.getProperties();
        Map<String, String> out = new TreeMap<>();
        for (String name : properties.stringPropertyNames()) {
            out.put(name, properties.getProperty(name));
        }
        return out;
    }
}

package dev.armature.cli.internal;

import dev.armature.api.AgentSystem;
import dev.armature.api.config.Config;
import dev.armature.api.config.ConfigValidationException;
import dev.armature.api.config.ConfigViolation;
import dev.armature.core.config.Keyrings;
import java.io.Closeable;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * Internal: a system built, never started, from configuration files exactly as a host's would be, so
 * that the commands see the configuration the runtime would: the class path's {@code armature.yaml},
 * the files, the command's environment ({@code ARMATURE_*}), plugins and their schemas. System
 * properties are left out: the command's own JVM properties are not the host's.
 */
final class ConfiguredSystem implements AutoCloseable {
    /** The name of the system built. */
    static final String SYSTEM_NAME = "armature-cli";

    private final AgentSystem system;
    private final Optional<URLClassLoader> pluginLoader;

    private ConfiguredSystem(AgentSystem system, Optional<URLClassLoader> pluginLoader) {
        this.system = system;
        this.pluginLoader = pluginLoader;
    }

    /**
     * Builds the system.
     *
     * @param context the environment
     * @param files the configuration files, later ones winning
     * @param keyringFile the keyring that opens {@code ENC(…)} values; without it, {@code
     *     ARMATURE_KEYRING} of the environment is used, as the runtime does
     * @param pluginPath where plugins beyond the command's class path are
     * @throws dev.armature.api.config.ConfigException if the configuration cannot be read or is
     *     invalid ({@link ConfigValidationException})
     */
    static ConfiguredSystem build(
            CliContext context, List<Path> files, @Nullable Path keyringFile, PluginPathOption pluginPath) {
        ClassLoader own = ConfiguredSystem.class.getClassLoader();
        Optional<URLClassLoader> pluginLoader = pluginPath.loader(own);
        try {
            AgentSystem.Builder builder = AgentSystem.builder()
                    .name(SYSTEM_NAME)
                    .environment(context.environment())
                    .systemProperties(Map.of())
                    .pluginDiscovery(true)
                    .classLoader(pluginLoader.<ClassLoader>map(l -> l).orElse(own));
            files.forEach(builder::addConfigFile);
            if (keyringFile != null) {
                builder.keyring(Keyrings.fromFile(keyringFile));
            }
            return new ConfiguredSystem(builder.build(), pluginLoader);
        } catch (RuntimeException e) {
            pluginLoader.ifPresent(loader -> {
                try {
                    loader.close();
                } catch (IOException closing) {
                    e.addSuppressed(closing);
                }
            });
            throw e;
        }
    }

    /** Returns the system's configuration. */
    Config config() {
        return system.config();
    }

    /**
     * Prints a heading, then every violation on a line of its own: {@code   - key: message
     * (file:line [source, ordinal n])}. Violations never hold the value of a secret.
     *
     * @param out where to print
     * @param files the files checked, named in the heading
     * @param e the violations
     */
    static void printViolations(PrintWriter out, List<Path> files, ConfigValidationException e) {
        List<ConfigViolation> violations = e.violations();
        out.println(
                "invalid: " + count(violations.size(), "violation") + (files.isEmpty() ? "" : " in " + names(files)));
        for (ConfigViolation v : violations) {
            out.println("  - " + v);
        }
    }

    /** Returns {@code 1 key} or {@code 2 keys}. */
    static String count(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }

    /** Returns the files as one comma-separated list, for messages. */
    static String names(List<Path> files) {
        return files.stream().map(Path::toString).collect(Collectors.joining(", "));
    }

    @Override
    public void close() {
        // The loader closes after the system, which may still use plugin classes while it stops.
        Closeable loader = pluginLoader.isPresent() ? pluginLoader.get() : () -> {};
        try (loader) {
            system.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close the plugin path's class loader", e);
        }
    }
}

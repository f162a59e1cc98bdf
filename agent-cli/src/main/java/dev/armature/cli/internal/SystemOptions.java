package dev.armature.cli.internal;

import dev.armature.api.config.ConfigValidationException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.function.ToIntFunction;
import picocli.CommandLine.Mixin;

/**
 * Internal: what every command that builds a system from configuration files takes ({@code
 * --keyring}, {@code --plugin-path}), and how it runs: build, use, close, and report an invalid
 * configuration as its violations with exit code 1.
 */
final class SystemOptions {
    @Mixin
    KeyringOption keyring = new KeyringOption();

    @Mixin
    PluginPathOption pluginPath = new PluginPathOption();

    /**
     * Builds a system from {@code files}, applies {@code command} to it and closes it.
     *
     * @param violations where the violations of an invalid configuration are printed
     * @return the command's exit code, or {@link Commands#EXIT_INVALID_INPUT} if the configuration is
     *     invalid
     */
    int run(CliContext context, List<Path> files, PrintWriter violations, ToIntFunction<ConfiguredSystem> command) {
        try (ConfiguredSystem system = ConfiguredSystem.build(context, files, keyring.file, pluginPath)) {
            return command.applyAsInt(system);
        } catch (ConfigValidationException e) {
            ConfiguredSystem.printViolations(violations, files, e);
            return Commands.EXIT_INVALID_INPUT;
        } finally {
            violations.flush();
        }
    }
}

package dev.armature.cli.internal;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * Internal: {@code armature config}, the parent of every configuration command. A new one is a class
 * annotated with {@code @Command} that is added to {@code subcommands} below; a constructor taking a
 * {@link CliContext} gives it the standard input and the environment.
 */
@Command(
        name = "config",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Works with configuration: shows and validates it as a system would see it, exports its"
                + " JSON Schema, seals values into ENC(…) and opens them.",
        subcommands = {
            ConfigShowCommand.class,
            ConfigValidateCommand.class,
            ConfigSchemaCommand.class,
            ConfigEncryptCommand.class,
            ConfigDecryptCommand.class
        })
final class ConfigCommand implements Runnable {
    @Spec
    @SuppressWarnings("NullAway.Init") // injected by picocli before run()
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "Missing a config command; see armature config --help");
    }
}

package dev.armature.cli.internal;

import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** Internal: {@code armature}, the root of every command. */
@Command(
        name = "armature",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description =
                "Operates Armature from the command line: keyrings, configuration, encrypted values and incidents.",
        subcommands = {KeygenCommand.class, ConfigCommand.class, IncidentsCommand.class, HelpCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:success",
            "1:invalid input (invalid configuration, missing file, bad keyring, tampered value…)",
            "2:usage error"
        })
final class RootCommand implements Runnable {
    @Spec
    @SuppressWarnings("NullAway.Init") // injected by picocli before run()
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "Missing a command; see armature --help");
    }
}

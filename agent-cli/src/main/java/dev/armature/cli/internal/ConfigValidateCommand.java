package dev.armature.cli.internal;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * Internal: {@code armature config validate}, which checks configuration files against every schema
 * as a system's build would, and lists every violation with the file and line it came from.
 */
@Command(
        name = "validate",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {
            "Checks configuration files as a system built from them would: merged with the class path's"
                    + " armature.yaml and the ARMATURE_* environment, against the schemas of the SDK and of the"
                    + " plugins found (see --plugin-path).",
            "Prints 'valid: …' or every violation, one a line with its file:line, on standard output."
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:the configuration is valid",
            "1:it is not (each violation is listed), or a file is missing or cannot be parsed",
            "2:usage error"
        })
final class ConfigValidateCommand implements Callable<Integer> {
    private final CliContext context;

    @Spec
    @SuppressWarnings("NullAway.Init") // injected by picocli before call()
    CommandSpec spec;

    @Mixin
    SystemOptions system = new SystemOptions();

    @Parameters(
            arity = "1..*",
            paramLabel = "FILE",
            description =
                    "A configuration file (.yaml, .yml, .json or .properties); a later file wins over an earlier one.")
    List<Path> files = new ArrayList<>();

    ConfigValidateCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        return system.run(context, files, out, built -> {
            int keys = built.config().snapshot().keys().size();
            out.println("valid: " + ConfiguredSystem.count(keys, "key") + " from " + ConfiguredSystem.names(files));
            return Commands.EXIT_OK;
        });
    }
}

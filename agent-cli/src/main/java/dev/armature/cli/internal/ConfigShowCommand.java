package dev.armature.cli.internal;

import dev.armature.api.config.ConfigCandidate;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * Internal: {@code armature config show}, which prints the configuration a system built from the
 * files would have in force, or with {@code --explain} every source's value for one key. Secrets are
 * always masked.
 */
@Command(
        name = "show",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {
            "Prints the effective configuration of a system built from the files, one key a line with"
                    + " where its value came from; secrets and ENC(…) values are masked (****).",
            "With --explain KEY, prints every source's value for KEY instead, highest ordinal first, the"
                    + " one in force marked 'effective'.",
            "An invalid configuration prints its violations on standard error (exit code 1)."
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:success",
            "1:invalid configuration, a missing or unparsable file, or a KEY no source sets",
            "2:usage error"
        })
final class ConfigShowCommand implements Callable<Integer> {
    private final CliContext context;

    @Spec
    @SuppressWarnings("NullAway.Init") // injected by picocli before call()
    CommandSpec spec;

    @Mixin
    SystemOptions system = new SystemOptions();

    @Option(
            names = "--explain",
            paramLabel = "KEY",
            description = "Lists every source's value for KEY (such as armature.config.poll-interval).")
    @Nullable
    String explain;

    @Parameters(
            arity = "1..*",
            paramLabel = "FILE",
            description =
                    "A configuration file (.yaml, .yml, .json or .properties); a later file wins over an earlier one.")
    List<Path> files = new ArrayList<>();

    ConfigShowCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            return system.run(context, files, err, built -> show(built, out, err));
        } finally {
            out.flush();
        }
    }

    private int show(ConfiguredSystem built, PrintWriter out, PrintWriter err) {
        String key = explain;
        if (key == null) {
            out.print(built.config().dump());
            return Commands.EXIT_OK;
        }
        List<ConfigCandidate> candidates = built.config().explain(key);
        if (candidates.isEmpty()) {
            err.println("armature: no source sets " + key + "; check its spelling, or see every key with"
                    + " 'armature config show FILE…'");
            return Commands.EXIT_INVALID_INPUT;
        }
        for (ConfigCandidate c : candidates) {
            out.println(c.key() + " = " + c.displayValue() + "    # " + (c.effective() ? "effective" : "shadowed")
                    + ": " + c.origin());
        }
        return Commands.EXIT_OK;
    }
}

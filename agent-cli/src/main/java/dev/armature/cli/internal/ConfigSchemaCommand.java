package dev.armature.cli.internal;

import dev.armature.api.config.ConfigSchema;
import dev.armature.core.config.ConfigSchemas;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
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
 * Internal: {@code armature config schema}, which prints the JSON Schema of every declared key: the
 * SDK's and those of the plugins found, for editors and CI.
 */
@Command(
        name = "schema",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {
            "Prints the JSON Schema (2020-12) of every configuration key declared by the SDK and by the"
                    + " plugins found (see --plugin-path), for editors and CI; secrets are writeOnly.",
            "Files are optional: give them when they switch plugins off (armature.plugins.<id>.enabled)."
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:success",
            "1:a file is invalid, missing or unparsable, or --out cannot be written",
            "2:usage error"
        })
final class ConfigSchemaCommand implements Callable<Integer> {
    private final CliContext context;

    @Spec
    @SuppressWarnings("NullAway.Init") // injected by picocli before call()
    CommandSpec spec;

    @Mixin
    SystemOptions system = new SystemOptions();

    @Option(
            names = "--out",
            paramLabel = "FILE",
            description = "Writes the schema to FILE (replacing it) instead of standard output.")
    @Nullable
    Path out;

    @Parameters(
            arity = "0..*",
            paramLabel = "FILE",
            description =
                    "A configuration file (.yaml, .yml, .json or .properties); a later file wins over an earlier one.")
    List<Path> files = new ArrayList<>();

    ConfigSchemaCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        PrintWriter stdout = spec.commandLine().getOut();
        try {
            return system.run(context, files, spec.commandLine().getErr(), built -> write(built, stdout));
        } finally {
            stdout.flush();
        }
    }

    private int write(ConfiguredSystem built, PrintWriter stdout) {
        List<ConfigSchema> schemas = built.config().schemas();
        String json = ConfigSchemas.toJsonSchema(schemas);
        Path target = out;
        if (target == null) {
            stdout.println(json);
            return Commands.EXIT_OK;
        }
        try {
            Files.writeString(target, json + System.lineSeparator(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "cannot write the JSON Schema to " + target + " ("
                            + e.getClass().getSimpleName() + ")",
                    e);
        }
        int keys = schemas.stream().mapToInt(s -> s.properties().size()).sum();
        stdout.println("Wrote the JSON Schema of " + ConfiguredSystem.count(keys, "key") + " from "
                + ConfiguredSystem.count(schemas.size(), "schema") + " to " + target);
        return Commands.EXIT_OK;
    }
}

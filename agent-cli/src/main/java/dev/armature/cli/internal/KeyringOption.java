package dev.armature.cli.internal;

import dev.armature.api.config.Keyring;
import dev.armature.core.config.Keyrings;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/** Internal: {@code --keyring FILE}, falling back to the keyring in {@code ARMATURE_KEYRING}. */
final class KeyringOption {
    @Option(
            names = "--keyring",
            paramLabel = "FILE",
            description = "The keyring file. Without it, the keyring in the environment variable "
                    + Keyrings.ENVIRONMENT_VARIABLE + " is used.")
    @Nullable
    Path file;

    /**
     * Returns the keyring of {@code --keyring}, else of the environment.
     *
     * @throws ParameterException if there is neither
     */
    Keyring load(CliContext context, CommandSpec spec) {
        if (file != null) {
            return Keyrings.fromFile(file);
        }
        return Keyrings.fromEnvironment(context.environment())
                .orElseThrow(() -> new ParameterException(
                        spec.commandLine(),
                        "Missing a keyring: give --keyring FILE or set " + Keyrings.ENVIRONMENT_VARIABLE));
    }
}

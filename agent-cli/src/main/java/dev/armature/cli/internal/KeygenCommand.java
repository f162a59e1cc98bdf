package dev.armature.cli.internal;

import dev.armature.api.config.Keyring;
import dev.armature.core.config.Keyrings;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** Internal: {@code armature keygen}, which writes a new keyring file holding one random key. */
@Command(
        name = "keygen",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {
            "Writes a new keyring file holding one random AES-256 key, readable by its owner only.",
            "Refuses to overwrite an existing file: values sealed with its keys would no longer open."
        })
final class KeygenCommand implements Runnable {
    @Spec
    @SuppressWarnings("NullAway.Init") // injected by picocli before run()
    CommandSpec spec;

    @Option(names = "--out", paramLabel = "FILE", required = true, description = "The keyring file to create.")
    @SuppressWarnings("NullAway.Init") // required: picocli sets it or refuses the command line
    Path out;

    @Option(
            names = "--key-id",
            paramLabel = "ID",
            defaultValue = Keyrings.DEFAULT_KEY_ID,
            description = "The new key's id, 1 to 64 of A-Z a-z 0-9 . _ - (default: ${DEFAULT-VALUE}).")
    String keyId = Keyrings.DEFAULT_KEY_ID;

    @Override
    public void run() {
        Keyring keyring;
        try {
            keyring = Keyrings.generate(keyId);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "Invalid --key-id: " + e.getMessage(), e, null, keyId);
        }
        Keyrings.write(keyring, out);
        spec.commandLine()
                .getOut()
                .println("Wrote the keyring " + out + " with the key '" + keyId
                        + "'. Keep it secret and keep it safe: it opens every value sealed with it.");
    }
}

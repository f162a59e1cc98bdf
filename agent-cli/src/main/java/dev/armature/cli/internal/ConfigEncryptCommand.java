package dev.armature.cli.internal;

import dev.armature.core.config.ConfigEncryption;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Internal: {@code armature config encrypt}, which seals a value with the keyring's primary key. */
@Command(
        name = "encrypt",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {
            "Seals a value with the keyring's primary key and prints it as ENC(keyId:…).",
            "Paste the result into a configuration file. Put -- before a value that starts with -."
        })
final class ConfigEncryptCommand implements Runnable {
    private final CliContext context;

    @Spec
    @SuppressWarnings("NullAway.Init") // injected by picocli before run()
    CommandSpec spec;

    @Mixin
    KeyringOption keyring = new KeyringOption();

    @Parameters(
            index = "0",
            paramLabel = "VALUE",
            description = "The value to seal, or - to read it from standard input (one trailing newline is "
                    + "dropped), which keeps it out of the shell's history.")
    @SuppressWarnings("NullAway.Init") // required: picocli sets it or refuses the command line
    String value;

    ConfigEncryptCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public void run() {
        String plain = value.equals("-") ? readStandardInput() : value;
        spec.commandLine().getOut().println(ConfigEncryption.encrypt(keyring.load(context, spec), plain));
    }

    private String readStandardInput() {
        String text;
        try {
            text = new String(context.standardInput().readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the value from standard input", e);
        }
        if (text.endsWith("\r\n")) {
            return text.substring(0, text.length() - 2);
        }
        return text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
    }
}

package dev.armature.cli.internal;

import dev.armature.core.config.ConfigEncryption;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Internal: {@code armature config decrypt}, which opens a sealed value and prints it. */
@Command(
        name = "decrypt",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {
            "Opens a value sealed by 'armature config encrypt' and prints it in plain text.",
            "A value that was altered or sealed with another key is refused (exit code 1)."
        })
final class ConfigDecryptCommand implements Runnable {
    /** What failures call the value, which has no configuration key here. */
    static final String VALUE_NAME = "VALUE";

    private final CliContext context;

    @Spec
    @SuppressWarnings("NullAway.Init") // injected by picocli before run()
    CommandSpec spec;

    @Mixin
    KeyringOption keyring = new KeyringOption();

    @Parameters(index = "0", paramLabel = VALUE_NAME, description = "The sealed value, ENC(keyId:…).")
    @SuppressWarnings("NullAway.Init") // required: picocli sets it or refuses the command line
    String value;

    ConfigDecryptCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public void run() {
        spec.commandLine()
                .getOut()
                .println(ConfigEncryption.decrypt(keyring.load(context, spec), value, VALUE_NAME)
                        .reveal());
    }
}

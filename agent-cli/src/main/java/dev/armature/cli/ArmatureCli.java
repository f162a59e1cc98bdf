package dev.armature.cli;

import static java.util.Objects.requireNonNull;

import dev.armature.cli.internal.CliContext;
import dev.armature.cli.internal.Commands;
import java.io.InputStream;
import java.util.Map;
import picocli.CommandLine;

/**
 * The {@code armature} command.
 *
 * <pre>{@code
 * armature keygen --out keyring.json [--key-id k1]
 * armature config encrypt --keyring keyring.json VALUE     # VALUE "-" reads standard input
 * armature config decrypt --keyring keyring.json 'ENC(k1:…)'
 * armature config show [--explain KEY] [--keyring FILE] [--plugin-path PATH] FILE…
 * armature config validate [--keyring FILE] [--plugin-path PATH] FILE…
 * armature config schema [--out FILE] [--plugin-path PATH] [FILE…]
 * armature --help | --version
 * }</pre>
 *
 * <p>Exit codes: {@value #EXIT_OK} on success, {@value #EXIT_INVALID_INPUT} when the input is
 * invalid (an invalid configuration, a missing file, a bad keyring, a tampered value; the reason
 * goes to standard error, except that {@code config validate} lists violations on standard output), {@value
 * #EXIT_USAGE} on a usage error (an unknown option, a missing parameter).
 *
 * <p>To run it in-process, for example in tests, build a command line with {@link #commandLine} and
 * give it writers:
 *
 * <pre>{@code
 * StringWriter out = new StringWriter();
 * int exit = ArmatureCli.commandLine(InputStream.nullInputStream(), Map.of())
 *         .setOut(new PrintWriter(out))
 *         .execute("keygen", "--out", "keyring.json");
 * }</pre>
 *
 * @since 0.1
 */
public final class ArmatureCli {
    /** The exit code of a command that succeeded: {@value}. */
    public static final int EXIT_OK = 0;

    /** The exit code of a command refused for invalid input, such as a tampered value: {@value}. */
    public static final int EXIT_INVALID_INPUT = 1;

    /** The exit code of a command line that breaks the command's usage: {@value}. */
    public static final int EXIT_USAGE = 2;

    private ArmatureCli() {}

    /**
     * Runs the command with the process's standard streams and environment, then exits with its
     * code.
     *
     * @param args the command-line arguments
     */
    public static void main(String[] args) {
        // picocli writes to standard output and error through its own default writers.
        System.exit(commandLine(System.in, System.getenv()).execute(args));
    }

    /**
     * Builds the command line, ready to {@link CommandLine#execute execute}; each call gives a new,
     * independent one. Its output goes to picocli's default writers unless others are set with
     * {@link CommandLine#setOut} and {@link CommandLine#setErr}.
     *
     * @param standardInput what commands read when given {@code -} as a value
     * @param environment the environment, from which a keyring ({@code ARMATURE_KEYRING}) and
     *     configuration ({@code ARMATURE_*}) may come
     * @return the command line
     */
    public static CommandLine commandLine(InputStream standardInput, Map<String, String> environment) {
        return Commands.commandLine(
                new CliContext(requireNonNull(standardInput, "standardInput"), Map.copyOf(environment)));
    }
}

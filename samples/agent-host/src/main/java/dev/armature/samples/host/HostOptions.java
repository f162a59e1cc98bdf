package dev.armature.samples.host;

import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The host's command line: how long to run, where to create the workspace, or help.
 *
 * @param runFor how long to run before stopping; empty to run until Ctrl-C
 * @param workspaceParent the directory the temporary workspace is created in; empty for the
 *     system's temporary directory
 * @param dataDirectory where durable state (the session's checkpoints) is kept
 * @param configFile the settings file; empty for {@code agent-host.yaml} in the data directory
 * @param chaos whether the simulated model fails for a while and the host stops after the scenario
 * @param safeMode whether the host enters safe mode as soon as it has started
 * @param port the port of the monitoring endpoints on 127.0.0.1; 0 for any free port
 * @param help whether {@code --help} was given
 */
record HostOptions(
        Optional<Duration> runFor,
        Optional<Path> workspaceParent,
        Path dataDirectory,
        Optional<Path> configFile,
        boolean chaos,
        boolean safeMode,
        int port,
        boolean help) {
    /** The endpoints' port without {@code --port}. */
    static final int DEFAULT_PORT = 8470;

    /** Where durable state goes without {@code --data-dir}. */
    static final Path DEFAULT_DATA_DIRECTORY = Path.of("armature-data");

    static final String USAGE = String.join(
            System.lineSeparator(),
            "Usage: java -jar agent-host.jar [--run-for <duration>] [--workspace-dir <dir>] [--data-dir <dir>]",
            "                                [--config <file>] [--port <port>] [--chaos] [--safe-mode] [--help]",
            "",
            "Starts a small coding-agent host on Armature, prints each component's transitions,",
            "runs until Ctrl-C (or for the given duration), then prints the shutdown report.",
            "",
            "  --run-for <duration>   stop after this long: 500ms, 3s, 2m, 1h or ISO-8601 (PT3S)",
            "  --workspace-dir <dir>  create the temporary workspace in <dir> (default: the system temp dir)",
            "  --data-dir <dir>       keep durable state, such as the session's checkpoints, in <dir>",
            "                         (default: ./armature-data); a second run there resumes the session",
            "  --config <file>        the settings file (YAML, JSON or .properties), watched while running",
            "                         (default: agent-host.yaml in the data directory, written on first run)",
            "  --chaos                make the simulated model fail for a few calls, to show the guard's circuit",
            "                         opening and closing and the fingerprinted errors; stops by itself after",
            "                         the scenario (about 12 s), or after --run-for if that is shorter;",
            "                         the model guard's recovery chain answers with the last good reply meanwhile",
            "  --safe-mode            enter safe mode once started: non-essential components (telemetry) stop",
            "  --port <port>          serve /health, /health/live|ready|started, /metrics and /alerts on",
            "                         127.0.0.1:<port> (default 8470; 0 picks a free port)",
            "  --help                 print this help and exit",
            "",
            "Exit status: 0 on a clean run, 1 when a component failed to start or stop, 2 on bad arguments.");

    private static final Pattern SHORT_DURATION = Pattern.compile("(\\d+)(ms|s|m|h)");

    /**
     * Parses the arguments.
     *
     * @throws IllegalArgumentException naming the argument that is wrong
     */
    static HostOptions parse(List<String> args) {
        Optional<Duration> runFor = Optional.empty();
        Optional<Path> workspaceParent = Optional.empty();
        Path dataDirectory = DEFAULT_DATA_DIRECTORY;
        Optional<Path> configFile = Optional.empty();
        boolean chaos = false;
        boolean safeMode = false;
        int port = DEFAULT_PORT;
        boolean help = false;
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            switch (arg) {
                case "--help", "-h" -> help = true;
                case "--run-for" -> runFor = Optional.of(parseDuration(valueOf(args, ++i, arg)));
                case "--workspace-dir" -> workspaceParent = Optional.of(Path.of(valueOf(args, ++i, arg)));
                case "--data-dir" -> dataDirectory = Path.of(valueOf(args, ++i, arg));
                case "--config" -> configFile = Optional.of(Path.of(valueOf(args, ++i, arg)));
                case "--chaos" -> chaos = true;
                case "--safe-mode" -> safeMode = true;
                case "--port" -> port = parsePort(valueOf(args, ++i, arg));
                default -> throw new IllegalArgumentException("unknown argument '" + arg + "'");
            }
        }
        return new HostOptions(runFor, workspaceParent, dataDirectory, configFile, chaos, safeMode, port, help);
    }

    /** The settings file in use: the one given, or the default in the data directory. */
    Path settingsFile() {
        return configFile.orElseGet(() -> dataDirectory.resolve(HostSettings.DEFAULT_FILE_NAME));
    }

    private static int parsePort(String text) {
        String problem = "'" + text + "' is not a port: write a number from 0 to 65535";
        int port;
        try {
            port = Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(problem, e);
        }
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException(problem);
        }
        return port;
    }

    private static String valueOf(List<String> args, int index, String option) {
        if (index >= args.size()) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args.get(index);
    }

    /**
     * Parses a positive duration written as {@code 500ms}, {@code 3s}, {@code 2m}, {@code 1h} or in
     * ISO-8601 ({@code PT3S}).
     *
     * @throws IllegalArgumentException if it is neither, or not positive
     */
    static Duration parseDuration(String text) {
        Duration d;
        Matcher m = SHORT_DURATION.matcher(text);
        if (m.matches()) {
            try {
                d = ofUnit(Long.parseLong(m.group(1)), m.group(2));
            } catch (ArithmeticException | NumberFormatException e) {
                throw new IllegalArgumentException("'" + text + "' is too long a duration", e);
            }
        } else if (text.toUpperCase(Locale.ROOT).startsWith("PT")) {
            try {
                d = Duration.parse(text);
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("'" + text + "' is not an ISO-8601 duration such as PT3S", e);
            }
        } else {
            throw new IllegalArgumentException("'" + text + "' is not a duration: write 500ms, 3s, 2m, 1h or PT3S");
        }
        if (d.isZero() || d.isNegative()) {
            throw new IllegalArgumentException("the duration must be positive, was '" + text + "'");
        }
        return d;
    }

    private static Duration ofUnit(long amount, String unit) {
        return switch (unit) {
            case "ms" -> Duration.ofMillis(amount);
            case "s" -> Duration.ofSeconds(amount);
            case "m" -> Duration.ofMinutes(amount);
            default -> Duration.ofHours(amount);
        };
    }
}

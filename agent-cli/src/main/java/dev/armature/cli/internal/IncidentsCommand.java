package dev.armature.cli.internal;

import dev.armature.api.incident.Incident;
import dev.armature.api.incident.IncidentReport;
import dev.armature.api.incident.Incidents;
import dev.armature.api.incident.TimelineEntry;
import dev.armature.core.incident.IncidentArchive;
import dev.armature.core.incident.IncidentReportFormats;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code armature incidents}: the incidents of a data directory, read and moved while no system runs
 * on it. A change is saved at once; the system reads it when it next starts.
 */
@Command(
        name = "incidents",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Lists, shows, acknowledges and resolves the incidents of a data directory while no system"
                + " runs on it, and prints their post-incident reports.",
        subcommands = {
            IncidentsCommand.ListCommand.class,
            IncidentsCommand.ShowCommand.class,
            IncidentsCommand.AckCommand.class,
            IncidentsCommand.ResolveCommand.class,
            IncidentsCommand.ReportCommand.class
        })
final class IncidentsCommand implements Runnable {
    @Spec
    @SuppressWarnings("NullAway.Init") // injected by picocli before run()
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "Missing an incidents command; see armature incidents --help");
    }

    /** The data directory option and the opening of its archive, shared by the subcommands. */
    static final class DataDirectory {
        @Option(
                names = "--data-dir",
                paramLabel = "DIR",
                description = "The system's data directory (default: ${DEFAULT-VALUE}).",
                defaultValue = "armature-data")
        Path directory = Path.of("armature-data");

        int apply(CommandSpec spec, Function<Incidents, String> action) {
            PrintWriter out = spec.commandLine().getOut();
            try (IncidentArchive archive = IncidentArchive.open(directory)) {
                out.print(action.apply(archive.incidents()));
                return Commands.EXIT_OK;
            } finally {
                out.flush();
            }
        }
    }

    /** The actor option of the commands that change an incident. */
    static final class Actor {
        @Option(
                names = "--actor",
                paramLabel = "NAME",
                description = "Who does it, for the timeline (default: the USER of the environment).")
        @org.jspecify.annotations.Nullable
        String name;

        String name(Map<String, String> environment) {
            String n = name;
            return n != null ? n : environment.getOrDefault("USER", "cli");
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Lists the incidents, newest first.")
    static final class ListCommand implements java.util.concurrent.Callable<Integer> {
        @Spec
        @SuppressWarnings("NullAway.Init") // injected by picocli before call()
        CommandSpec spec;

        @Mixin
        DataDirectory data = new DataDirectory();

        @Option(names = "--open", description = "Only the incidents that are not resolved.")
        boolean open;

        @Override
        public Integer call() {
            return data.apply(spec, incidents -> {
                StringBuilder b = new StringBuilder();
                b.append(String.format(
                        Locale.ROOT,
                        "%-8s %-12s %-4s %-3s %-20s %s%n",
                        "ID",
                        "STATE",
                        "SEV",
                        "PRI",
                        "OPENED",
                        "TITLE"));
                for (Incident i : open ? incidents.open() : incidents.list()) {
                    b.append(String.format(
                            Locale.ROOT,
                            "%-8s %-12s %-4s %-3s %-20s %s%n",
                            i.id(),
                            i.state(),
                            i.severity(),
                            i.priority(),
                            i.openedAt().truncatedTo(java.time.temporal.ChronoUnit.SECONDS),
                            i.title()));
                }
                return b.toString();
            });
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true, description = "Shows an incident and its timeline.")
    static final class ShowCommand implements java.util.concurrent.Callable<Integer> {
        @Spec
        @SuppressWarnings("NullAway.Init") // injected by picocli before call()
        CommandSpec spec;

        @Mixin
        DataDirectory data = new DataDirectory();

        @Parameters(paramLabel = "ID", description = "The incident's id, such as INC-3.")
        String id = "";

        @Override
        public Integer call() {
            return data.apply(spec, incidents -> show(IncidentsCommand.get(incidents, id)));
        }
    }

    @Command(
            name = "ack",
            mixinStandardHelpOptions = true,
            description = "Acknowledges an incident: somebody has taken it; its escalation stops.")
    static final class AckCommand implements java.util.concurrent.Callable<Integer> {
        private final CliContext context;

        @Spec
        @SuppressWarnings("NullAway.Init") // injected by picocli before call()
        CommandSpec spec;

        @Mixin
        DataDirectory data = new DataDirectory();

        @Mixin
        Actor actor = new Actor();

        @Parameters(paramLabel = "ID", description = "The incident's id, such as INC-3.")
        String id = "";

        AckCommand(CliContext context) {
            this.context = context;
        }

        @Override
        public Integer call() {
            return data.apply(spec, incidents -> line(incidents.acknowledge(id, actor.name(context.environment()))));
        }
    }

    @Command(
            name = "resolve",
            mixinStandardHelpOptions = true,
            description = {
                "Resolves an incident whose source no longer fails.",
                "With --force REASON, resolves it even though its source still fails; the override is recorded."
            })
    static final class ResolveCommand implements java.util.concurrent.Callable<Integer> {
        private final CliContext context;

        @Spec
        @SuppressWarnings("NullAway.Init") // injected by picocli before call()
        CommandSpec spec;

        @Mixin
        DataDirectory data = new DataDirectory();

        @Mixin
        Actor actor = new Actor();

        @Option(names = "--force", paramLabel = "REASON", description = "Resolves it while its source still fails.")
        @org.jspecify.annotations.Nullable
        String force;

        @Parameters(paramLabel = "ID", description = "The incident's id, such as INC-3.")
        String id = "";

        ResolveCommand(CliContext context) {
            this.context = context;
        }

        @Override
        public Integer call() {
            String who = actor.name(context.environment());
            String reason = force;
            return data.apply(
                    spec,
                    incidents -> line(
                            reason == null ? incidents.resolve(id, who) : incidents.forceResolve(id, who, reason)));
        }
    }

    @Command(
            name = "report",
            mixinStandardHelpOptions = true,
            description = "Prints an incident's post-incident report: final once it is resolved, else a draft.")
    static final class ReportCommand implements java.util.concurrent.Callable<Integer> {
        @Spec
        @SuppressWarnings("NullAway.Init") // injected by picocli before call()
        CommandSpec spec;

        @Mixin
        DataDirectory data = new DataDirectory();

        @Option(
                names = "--format",
                paramLabel = "FORMAT",
                description = "markdown or json (default: ${DEFAULT-VALUE}).",
                defaultValue = "markdown")
        String format = "markdown";

        @Parameters(paramLabel = "ID", description = "The incident's id, such as INC-3.")
        String id = "";

        @Override
        public Integer call() {
            boolean json =
                    switch (format) {
                        case "markdown" -> false;
                        case "json" -> true;
                        default -> throw new ParameterException(
                                spec.commandLine(), "--format is markdown or json, not '" + format + "'");
                    };
            return data.apply(spec, incidents -> {
                IncidentReport report = incidents.report(id);
                return json ? IncidentReportFormats.json(report) + "\n" : IncidentReportFormats.markdown(report);
            });
        }
    }

    static Incident get(Incidents incidents, String id) {
        return incidents
                .find(id)
                .orElseThrow(() -> new dev.armature.api.incident.IncidentException(
                        dev.armature.api.incident.IncidentException.Kind.NOT_FOUND,
                        id,
                        "no incident has the id '" + id + "'; list them with armature incidents list"));
    }

    private static String line(Incident i) {
        return i.id() + " " + i.state() + "\n";
    }

    static String show(Incident i) {
        StringBuilder b = new StringBuilder();
        b.append(i.id()).append(' ').append(i.title()).append('\n');
        b.append("  key:       ").append(i.key()).append('\n');
        b.append("  state:     ")
                .append(i.state())
                .append(i.sourceFailing() ? " (source failing)" : "")
                .append('\n');
        b.append("  severity:  ")
                .append(i.severity())
                .append(", priority ")
                .append(i.priority())
                .append('\n');
        b.append("  opened:    ").append(i.openedAt()).append('\n');
        i.resolvedAt().ifPresent(at -> b.append("  resolved:  ").append(at).append('\n'));
        i.actionItems().forEach(a -> b.append("  action ")
                .append(a.id())
                .append(": ")
                .append(a.text())
                .append(" (")
                .append(a.owner())
                .append(", due ")
                .append(a.due())
                .append(a.isOpen() ? ", open" : ", closed")
                .append(")\n"));
        b.append("  timeline:\n");
        for (TimelineEntry e : i.timeline()) {
            b.append(String.format(
                    Locale.ROOT, "    %3d %s %-13s %s: %s%n", e.sequence(), e.at(), e.kind(), e.actor(), e.text()));
        }
        return b.toString();
    }
}

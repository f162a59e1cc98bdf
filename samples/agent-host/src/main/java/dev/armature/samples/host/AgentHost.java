package dev.armature.samples.host;

import dev.armature.api.AgentSystem;
import dev.armature.api.ComponentEvent;
import dev.armature.api.ComponentFailure;
import dev.armature.api.ShutdownPhase;
import dev.armature.api.ShutdownReport;
import dev.armature.api.StartupException;
import dev.armature.api.config.ConfigEvent;
import dev.armature.api.config.ConfigException;
import dev.armature.api.event.EventEnvelope;
import dev.armature.api.event.SubscribeOptions;
import dev.armature.api.event.Subscription;
import dev.armature.api.incident.IncidentEvent;
import dev.armature.api.incident.TimelineEntry;
import dev.armature.api.monitoring.AlertEvent;
import dev.armature.api.monitoring.Endpoints;
import dev.armature.api.resilience.EmergencyEvent;
import dev.armature.api.resilience.ErrorEvent;
import dev.armature.api.resilience.ErrorFinding;
import dev.armature.api.resilience.Fingerprint;
import dev.armature.api.resilience.GuardEvent;
import dev.armature.api.resilience.RecoveryEvent;
import dev.armature.api.resilience.RecoveryTarget;
import dev.armature.api.time.Cancellable;
import dev.armature.api.time.TimeSource;
import dev.armature.core.incident.IncidentReportFormats;
import dev.armature.core.runbook.RunbooksExtension;
import dev.armature.monitoring.ExportersExtension;
import dev.armature.spi.resilience.RecoveryChain;
import dev.armature.spi.resilience.RecoverySteps;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * A small coding-agent host: composes the components, prints each lifecycle transition, the model
 * guard's circuit transitions, each new error fingerprint, the error findings and the alerts that
 * fire and resolve (the rules are in the class path's {@code armature.yaml}) as they happen,
 * runs until Ctrl-C or {@code --run-for}, then stops and prints the shutdown report. With {@code
 * --chaos} the simulated model fails for a few calls and the host stops by itself after the
 * scenario.
 *
 * <pre>
 * java -jar samples/agent-host/target/agent-host.jar --run-for 3s
 * java -jar samples/agent-host/target/agent-host.jar --chaos
 * </pre>
 */
public final class AgentHost {
    /** Exit status of a clean run, and of {@code --help}. */
    static final int EXIT_OK = 0;
    /** Exit status when a component failed to start, or the shutdown was not clean. */
    static final int EXIT_FAILED = 1;
    /** Exit status on bad arguments. */
    static final int EXIT_USAGE = 2;

    /** How long the JVM's shutdown waits for the report to be printed after Ctrl-C. */
    private static final Duration REPORT_GRACE = Duration.ofSeconds(30);

    /** The timeline entries of incidents printed as they happen. */
    private static final Set<TimelineEntry.Kind> PRINTED_ENTRIES = java.util.EnumSet.of(
            TimelineEntry.Kind.STATE_CHANGED,
            TimelineEntry.Kind.SOURCE,
            TimelineEntry.Kind.ESCALATION,
            TimelineEntry.Kind.RUNBOOK);

    /**
     * How long {@code --chaos} runs, on the system's clock: the outage opens the breaker within
     * 3 s, it closes again by about 8 s, and the error detector's first evaluation (10 s after the
     * start) reports the new fingerprint.
     */
    static final Duration CHAOS_SCENARIO = Duration.ofSeconds(12);

    private static final DateTimeFormatter CLOCK =
            DateTimeFormatter.ofPattern("HH:mm:ss.SSS", Locale.ROOT).withZone(ZoneId.systemDefault());

    private final HostOptions options;
    private final PrintStream out;
    private final PrintStream err;
    /** The system's clock and scheduler; null for the real ones. Tests pass a ManualTime. */
    private final @Nullable TimeSource time;
    /** Fingerprints already printed: each is printed once, not at every repetition. */
    private final Set<Fingerprint> printedFingerprints = ConcurrentHashMap.newKeySet();
    /** The incidents opened in this run, in order, whose reports are printed at the end. */
    private final Set<String> incidentsOpened = java.util.Collections.synchronizedSet(new java.util.LinkedHashSet<>());

    private AgentHost(HostOptions options, PrintStream out, PrintStream err, @Nullable TimeSource time) {
        this.options = options;
        this.out = out;
        this.err = err;
        this.time = time;
    }

    /**
     * Runs the host and exits with its status.
     *
     * @param args the command line; {@code --help} lists it
     */
    public static void main(String[] args) {
        // UTF-8 whatever the platform's default, so that the arrows print the same everywhere.
        PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
        int status = run(List.of(args), out, System.err);
        out.flush();
        if (status != EXIT_OK) {
            System.exit(status);
        }
    }

    /**
     * Runs the host with the given arguments and returns its exit status.
     *
     * @param args the command line
     * @param out where transitions and the report go
     * @param err where errors and usage go
     * @return {@link #EXIT_OK}, {@link #EXIT_FAILED} or {@link #EXIT_USAGE}
     */
    static int run(List<String> args, PrintStream out, PrintStream err) {
        return run(args, out, err, new CountDownLatch(1));
    }

    /** As {@link #run(List, PrintStream, PrintStream)}, also stopping when {@code stop} is counted down. */
    static int run(List<String> args, PrintStream out, PrintStream err, CountDownLatch stop) {
        return run(args, out, err, stop, null);
    }

    /**
     * As {@link #run(List, PrintStream, PrintStream, CountDownLatch)}, on the given clock; a time
     * source that is also a scheduler (ManualTime) runs the system's timers too.
     */
    static int run(
            List<String> args, PrintStream out, PrintStream err, CountDownLatch stop, @Nullable TimeSource time) {
        HostOptions options;
        try {
            options = HostOptions.parse(args);
        } catch (IllegalArgumentException e) {
            err.println("agent-host: " + e.getMessage());
            err.println(HostOptions.USAGE);
            return EXIT_USAGE;
        }
        if (options.help()) {
            out.println(HostOptions.USAGE);
            return EXIT_OK;
        }
        return new AgentHost(options, out, err, time).run(stop);
    }

    private int run(CountDownLatch stopRequested) {
        Path settings = options.settingsFile();
        if (options.configFile().isEmpty() && HostSettings.writeDefaultsIfAbsent(settings)) {
            out.println("agent-host: wrote the default settings to " + settings.toAbsolutePath());
        }
        Workspace workspace = new Workspace(options.workspaceParent());
        ModelGateway model = new ModelGateway(options.chaos() ? ModelGateway.Outage.CHAOS : ModelGateway.Outage.NONE);
        ToolRunner tools = new ToolRunner(workspace);
        SessionManager sessions = new SessionManager(model, tools);
        AgentSystem system;
        try {
            system = build(workspace, model, tools, sessions, settings);
        } catch (ConfigException e) {
            err.println("agent-host: the settings are not valid: " + e.getMessage());
            return EXIT_FAILED;
        }

        CountDownLatch reported = new CountDownLatch(1);

        // The JVM ends once every shutdown hook has returned: this one holds it until the report is out.
        Thread reportHook = new Thread(
                () -> {
                    stopRequested.countDown();
                    awaitQuietly(reported, REPORT_GRACE);
                },
                "agent-host-report");
        Runtime.getRuntime().addShutdownHook(reportHook);
        try (Subscription printer =
                        system.events().subscribe(ComponentEvent.class, SubscribeOptions.withReplay(), this::print);
                Subscription configPrinter =
                        system.events().subscribe(ConfigEvent.class, SubscribeOptions.defaults(), this::printConfig);
                Subscription circuitPrinter = system.events()
                        .subscribe(
                                GuardEvent.CircuitStateChanged.class, SubscribeOptions.defaults(), this::printCircuit);
                Subscription errorPrinter =
                        system.events().subscribe(ErrorEvent.class, SubscribeOptions.defaults(), this::printError);
                Subscription findingPrinter =
                        system.events().subscribe(ErrorFinding.class, SubscribeOptions.defaults(), this::printFinding);
                Subscription turnPrinter = system.events()
                        .subscribe(AgentTurnFailed.class, SubscribeOptions.defaults(), this::printTurnFailed);
                Subscription recoveryPrinter = system.events()
                        .subscribe(RecoveryEvent.class, SubscribeOptions.defaults(), this::printRecovery);
                Subscription emergencyPrinter = system.events()
                        .subscribe(EmergencyEvent.class, SubscribeOptions.defaults(), this::printEmergency);
                Subscription alertPrinter =
                        system.events().subscribe(AlertEvent.class, SubscribeOptions.defaults(), this::printAlert);
                Subscription incidentPrinter = system.events()
                        .subscribe(IncidentEvent.class, SubscribeOptions.defaults(), this::printIncident)) {
            try {
                system.start();
            } catch (StartupException e) {
                err.println("agent-host: startup failed: " + e.getMessage());
                for (ComponentFailure f : e.failures()) {
                    err.println("  " + f.component() + ": " + f.failure().summary());
                }
                printReport(system.stop());
                return EXIT_FAILED;
            }
            if (options.safeMode()) {
                system.emergency().enterSafeMode("started with --safe-mode");
            }
            // The scenario's end is measured on the system's clock, like the outage it shows.
            @Nullable
            Cancellable scenarioEnd =
                    options.chaos() ? system.scheduler().schedule(CHAOS_SCENARIO, stopRequested::countDown) : null;
            Duration stopIn = options.runFor()
                    .map(d -> options.chaos() && CHAOS_SCENARIO.compareTo(d) < 0 ? CHAOS_SCENARIO : d)
                    .orElse(CHAOS_SCENARIO);
            out.println("agent-host is running with "
                    + system.snapshot().components().size() + " components; "
                    + (options.chaos() ? "chaos: the model fails for a few calls; " : "")
                    + (options.chaos() || options.runFor().isPresent()
                            ? "stopping in " + format(stopIn)
                            : "press Ctrl-C to stop"));
            system.service(Endpoints.class)
                    .serverAddress()
                    .ifPresent(address -> out.println("agent-host: " + endpoints(address)));
            out.println("agent-host: settings from " + settings.toAbsolutePath() + " (version "
                    + system.config().snapshot().version() + "); edit the file to change them live");
            if (options.runFor().isPresent()) {
                awaitQuietly(stopRequested, options.runFor().get());
            } else {
                awaitQuietly(stopRequested, Duration.ofNanos(Long.MAX_VALUE));
            }
            if (scenarioEnd != null) {
                scenarioEnd.cancel();
            }
            printIncidentReports(system);
            ShutdownReport report = system.stop();
            printReport(report);
            long dropped = printer.dropped()
                    + configPrinter.dropped()
                    + circuitPrinter.dropped()
                    + errorPrinter.dropped()
                    + findingPrinter.dropped()
                    + turnPrinter.dropped()
                    + recoveryPrinter.dropped()
                    + emergencyPrinter.dropped()
                    + alertPrinter.dropped()
                    + incidentPrinter.dropped();
            if (dropped > 0) {
                err.println("agent-host: " + dropped + " events were not printed: the console was too slow");
            }
            if (!report.isClean()) {
                err.println("agent-host: the shutdown was not clean; see the report above");
                return EXIT_FAILED;
            }
            return EXIT_OK;
        } finally {
            reported.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(reportHook);
            } catch (IllegalStateException e) {
                // The JVM is shutting down, which is what ran the hook: nothing to remove.
            }
        }
    }

    private AgentSystem build(
            Workspace workspace, ModelGateway model, ToolRunner tools, SessionManager sessions, Path settings) {
        AgentSystem.Builder builder = AgentSystem.builder();
        if (time != null) {
            builder.timeSource(time);
        }
        return builder.name("agent-host")
                .component(workspace)
                .component(model)
                .component(tools)
                .component(sessions)
                .component(new Telemetry())
                .healthCheckInterval(Duration.ofSeconds(1))
                .dataDirectory(options.dataDirectory())
                // Settings: the schema's defaults, the file (watched), then AGENT_* variables.
                .addConfigSchema(HostSettings.SCHEMA)
                .addConfigFile(settings)
                .environmentPrefix("AGENT_")
                .addConfigSource(
                        new CommandLineSource(Map.of("armature.endpoints.port", String.valueOf(options.port()))))
                // The console exporter's table goes where the host prints everything else.
                .extension(ExportersExtension.console(out))
                .addShutdownTask(ShutdownPhase.DRAIN, "finish-agent-turn", sessions::drain)
                // While the model's circuit is open, turns get its last good answer; then a person is asked.
                .addRecoveryChain(RecoveryChain.of(
                        RecoveryTarget.guard(ModelGateway.GUARD),
                        RecoverySteps.lastGood(ModelGateway.GUARD),
                        RecoverySteps.manualIntervention()))
                // The incidents of that guard run this runbook as they open.
                .extension(RunbooksExtension.of(ModelOutageRunbook.of(workspace)))
                // On Ctrl-C the system runs its shutdown phases from the JVM's shutdown hook.
                .shutdownHook(true)
                .build();
    }

    private static String endpoints(InetSocketAddress address) {
        String base = "http://" + address.getHostString() + ":" + address.getPort();
        return "monitoring on " + base + Endpoints.HEALTH + ", " + base + Endpoints.READY + ", " + base
                + Endpoints.METRICS + " and " + base + Endpoints.ALERTS;
    }

    private void printConfig(EventEnvelope<? extends ConfigEvent> envelope) {
        String at = CLOCK.format(envelope.timestamp());
        ConfigEvent e = envelope.payload();
        if (e instanceof ConfigEvent.Applied a) {
            out.printf(
                    Locale.ROOT,
                    "%s  %-16s version %d applied from %s: %s%n",
                    at,
                    "config",
                    a.version(),
                    a.source(),
                    a.changedKeys());
        } else if (e instanceof ConfigEvent.Rejected r) {
            out.printf(
                    Locale.ROOT,
                    "%s  %-16s change from %s REJECTED; keeping the last good settings:%n",
                    at,
                    "config",
                    r.source());
            r.violations().forEach(v -> out.printf(Locale.ROOT, "%s  %-16s   %s%n", at, "config", v));
        } else if (e instanceof ConfigEvent.RestartRequired r) {
            out.printf(Locale.ROOT, "%s  %-16s %s changed; restart the host to apply%n", at, "config", r.keys());
        }
    }

    private void printCircuit(EventEnvelope<? extends GuardEvent.CircuitStateChanged> envelope) {
        GuardEvent.CircuitStateChanged c = envelope.payload();
        out.printf(
                Locale.ROOT,
                "%s  %-16s circuit %s → %s: %s%n",
                CLOCK.format(envelope.timestamp()),
                "guard " + c.guard() + c.key().map(k -> "[" + k + "]").orElse(""),
                c.from(),
                c.to(),
                c.reason());
    }

    private void printError(EventEnvelope<? extends ErrorEvent> envelope) {
        ErrorEvent e = envelope.payload();
        if (!printedFingerprints.add(e.fingerprint())) {
            return; // a repetition: the findings say how often
        }
        out.printf(
                Locale.ROOT,
                "%s  %-16s new fingerprint %s: %s \"%s\" from %s %s (%s)%n",
                CLOCK.format(envelope.timestamp()),
                "errors",
                e.fingerprint(),
                e.errorType(),
                e.messageTemplate(),
                e.origin().name().toLowerCase(Locale.ROOT),
                e.originName(),
                e.errorClass());
    }

    private void printFinding(EventEnvelope<? extends ErrorFinding> envelope) {
        ErrorFinding f = envelope.payload();
        String what;
        if (f instanceof ErrorFinding.NewError n) {
            what = String.format(
                    Locale.ROOT, "NewError %s: %s, first seen in %s", n.fingerprint(), n.errorType(), n.originName());
        } else if (f instanceof ErrorFinding.Spike s) {
            what = String.format(
                    Locale.ROOT,
                    "Spike %s: %d in %s, baseline %.1f (%.1f×)",
                    s.fingerprint(),
                    s.count(),
                    format(s.window()),
                    s.baseline(),
                    s.factor());
        } else if (f instanceof ErrorFinding.Escalating x) {
            what = String.format(
                    Locale.ROOT,
                    "Escalating %s: %.2f/min over %s against %.2f/min over %s (%.1f×)",
                    x.fingerprint(),
                    x.shortRate(),
                    format(x.shortWindow()),
                    x.longRate(),
                    format(x.longWindow()),
                    x.ratio());
        } else if (f instanceof ErrorFinding.RisingTrend t) {
            what = String.format(
                    Locale.ROOT,
                    "RisingTrend %s: %.2f/min now, +%.2f/min each minute, %.0f/min in %s (r² %.2f)",
                    t.fingerprint(),
                    t.currentRate(),
                    t.slopePerMinute(),
                    t.threshold(),
                    format(t.timeToThreshold()),
                    t.r2());
        } else if (f instanceof ErrorFinding.Cascade c) {
            what = String.format(
                    Locale.ROOT, "Cascade from %s to %s within %s", c.component(), c.dependents(), format(c.within()));
        } else {
            what = f.type().toString();
        }
        out.printf(Locale.ROOT, "%s  %-16s finding %s%n", CLOCK.format(envelope.timestamp()), "errors", what);
    }

    private void printAlert(EventEnvelope<? extends AlertEvent> envelope) {
        AlertEvent e = envelope.payload();
        String what;
        if (e instanceof AlertEvent.AlertFired f) {
            what = "FIRING " + f.severity() + ": " + f.annotations().getOrDefault("summary", f.rule());
        } else if (e instanceof AlertEvent.AlertResolved r) {
            what = "resolved after " + format(Duration.between(r.firedAt(), r.resolvedAt()));
        } else {
            return; // pending: printed only if it fires
        }
        out.printf(Locale.ROOT, "%s  %-16s %s%n", CLOCK.format(envelope.timestamp()), "alert " + e.rule(), what);
    }

    private void printIncident(EventEnvelope<? extends IncidentEvent> envelope) {
        IncidentEvent e = envelope.payload();
        String what;
        if (e instanceof IncidentEvent.Opened o) {
            incidentsOpened.add(o.incidentId());
            what = "opened " + o.severity() + "/" + o.priority() + ": " + o.title();
        } else if (e instanceof IncidentEvent.Recorded r
                && PRINTED_ENTRIES.contains(r.entry().kind())) {
            what = r.entry().kind().name().toLowerCase(Locale.ROOT).replace('_', ' ') + ": "
                    + r.entry().text();
        } else {
            return; // StateChanged: its timeline entry says the same; signals and notifications are many
        }
        out.printf(
                Locale.ROOT, "%s  %-16s %s%n", CLOCK.format(envelope.timestamp()), "incident " + e.incidentId(), what);
    }

    /** Prints the post-incident report of every incident opened in this run: final, or a draft. */
    private void printIncidentReports(AgentSystem system) {
        for (String id : incidentsOpened) {
            out.println();
            out.print(IncidentReportFormats.markdown(system.incidents().report(id)));
        }
    }

    private void printRecovery(EventEnvelope<? extends RecoveryEvent> envelope) {
        RecoveryEvent e = envelope.payload();
        String what;
        if (e instanceof RecoveryEvent.Started s) {
            what = "started: " + s.trigger() + "; steps " + s.steps();
        } else if (e instanceof RecoveryEvent.StepFinished f) {
            what = "step " + f.step() + " " + f.outcome() + ": " + f.detail();
        } else if (e instanceof RecoveryEvent.Deviated d) {
            what = "failed again after step " + d.step() + ": " + d.signal();
        } else if (e instanceof RecoveryEvent.RolledBack r) {
            what = "step " + r.step() + " rolled back (" + r.why() + ")" + (r.succeeded() ? "" : " — FAILED");
        } else if (e instanceof RecoveryEvent.ManualInterventionRequired m) {
            what = "needs a person: " + m.reason();
        } else if (e instanceof RecoveryEvent.Ended x) {
            what = "ended " + x.resolution() + ": " + x.detail() + " after " + format(x.took());
        } else {
            return; // StepStarted: its StepFinished says more
        }
        out.printf(
                Locale.ROOT,
                "%s  %-16s %s%n",
                CLOCK.format(envelope.timestamp()),
                "recovery " + e.target().name(),
                what);
    }

    private void printEmergency(EventEnvelope<? extends EmergencyEvent> envelope) {
        EmergencyEvent e = envelope.payload();
        String what;
        if (e instanceof EmergencyEvent.SafeModeEntered in) {
            what = "SAFE MODE: " + in.safeMode().reason() + "; stopped "
                    + in.safeMode().stoppedComponents() + ", opened "
                    + in.safeMode().openedGuards();
        } else if (e instanceof EmergencyEvent.SafeModeExited out) {
            what = "safe mode ended after " + format(out.lasted());
        } else {
            what = e.type().toString();
        }
        out.printf(Locale.ROOT, "%s  %-16s %s%n", CLOCK.format(envelope.timestamp()), "emergency", what);
    }

    private void printTurnFailed(EventEnvelope<? extends AgentTurnFailed> envelope) {
        AgentTurnFailed t = envelope.payload();
        out.printf(
                Locale.ROOT,
                "%s  %-16s turn %d failed, going on: %s%n",
                CLOCK.format(envelope.timestamp()),
                SessionManager.NAME,
                t.turn(),
                t.reason());
    }

    private void print(EventEnvelope<? extends ComponentEvent> envelope) {
        String at = CLOCK.format(envelope.timestamp());
        ComponentEvent e = envelope.payload();
        String what;
        if (e instanceof ComponentEvent.StateChanged s) {
            what = String.format(
                    Locale.ROOT,
                    "%-10s → %-10s gen %d%s",
                    s.from(),
                    s.to(),
                    s.generation(),
                    s.cause().map(c -> "  cause: " + c.summary()).orElse(""));
        } else if (e instanceof ComponentEvent.HealthChanged h) {
            what = String.format(
                    Locale.ROOT,
                    "health %s (%s): %s → %s%s",
                    h.check(),
                    h.kind(),
                    h.from(),
                    h.to(),
                    h.detail().map(c -> "  detail: " + c.summary()).orElse(""));
        } else if (e instanceof ComponentEvent.RestartScheduled r) {
            what = String.format(
                    Locale.ROOT,
                    "restart #%d in %s%s",
                    r.attempt(),
                    format(r.delay()),
                    r.cause().map(c -> "  cause: " + c.summary()).orElse(""));
        } else if (e instanceof ComponentEvent.Escalated x) {
            what = String.format(
                    Locale.ROOT,
                    "escalated after %d restarts within %s%s",
                    x.restarts(),
                    format(x.window()),
                    x.cause().map(c -> "  cause: " + c.summary()).orElse(""));
        } else if (e instanceof ComponentEvent.CheckpointRestored c) {
            what = String.format(Locale.ROOT, "resumed from checkpoint #%d (format %s)", c.sequence(), c.version());
        } else if (e instanceof ComponentEvent.CheckpointSaved c) {
            what = String.format(Locale.ROOT, "checkpoint #%d saved (%d bytes)", c.sequence(), c.bytes());
        } else {
            what = e.type().toString();
        }
        out.printf(Locale.ROOT, "%s  %-16s %s%n", at, e.component(), what);
    }

    private void printReport(ShutdownReport report) {
        out.printf(
                Locale.ROOT,
                "Shutdown report: %s in %s%n",
                report.isClean() ? "clean" : "NOT clean",
                format(report.duration()));
        out.println("  phases:");
        for (ShutdownReport.Phase p : report.phases()) {
            out.printf(
                    Locale.ROOT,
                    "    %-16s %10s%s%n",
                    p.phase().name().toLowerCase(Locale.ROOT).replace('_', '-'),
                    format(p.duration()),
                    p.timedOut() ? "  TIMED OUT" : "");
            for (ComponentFailure f : p.failures()) {
                out.printf(
                        Locale.ROOT,
                        "      task %s failed: %s%n",
                        f.component(),
                        f.failure().summary());
            }
        }
        out.println("  components:");
        for (ShutdownReport.ComponentStop c : report.components()) {
            out.printf(
                    Locale.ROOT,
                    "    %-16s %-12s %10s%s%n",
                    c.component(),
                    c.outcome(),
                    format(c.duration()),
                    c.failure().map(f -> "  " + f.summary()).orElse(""));
        }
    }

    private static String format(Duration d) {
        if (d.compareTo(Duration.ofSeconds(1)) < 0) {
            return String.format(Locale.ROOT, "%.1f ms", d.toNanos() / 1e6);
        }
        return String.format(Locale.ROOT, "%.3f s", d.toNanos() / 1e9);
    }

    /** Waits for the latch or the timeout; an interrupt counts as the end of the wait. */
    private static void awaitQuietly(CountDownLatch latch, Duration timeout) {
        try {
            boolean unused = latch.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

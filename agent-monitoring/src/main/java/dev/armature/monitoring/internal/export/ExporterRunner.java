package dev.armature.monitoring.internal.export;

import dev.armature.api.Component;
import dev.armature.api.ComponentContext;
import dev.armature.api.ComponentDescriptor;
import dev.armature.api.config.Config;
import dev.armature.api.event.Subscription;
import dev.armature.spi.monitoring.MetricsExporter;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Internal: the component {@value #NAME}. Each start gathers the built-in exporters that config
 * enables and those plugins contributed, and begins an {@link ExportRun} on the system's
 * scheduler; stop ends it, waiting for the exporters to drain and flush up to {@code
 * armature.exporters.flush-timeout}. A change of {@code armature.exporters.interval} moves the
 * schedule at once. Thread-safe.
 */
public final class ExporterRunner implements Component {
    /** The component's name. */
    public static final String NAME = "armature.exporters";

    /** The logger the console table goes to when the host gave no stream. */
    public static final String CONSOLE_LOGGER = "armature.exporters.console";

    private static final Logger log = LoggerFactory.getLogger(ExporterRunner.class);

    private final @Nullable PrintStream consoleStream;
    private @Nullable ExportRun run;
    private @Nullable Subscription changes;

    /**
     * Creates the runner.
     *
     * @param consoleStream where the console exporter writes its tables, or null for the log
     */
    public ExporterRunner(@Nullable PrintStream consoleStream) {
        this.consoleStream = consoleStream;
    }

    @Override
    public ComponentDescriptor descriptor() {
        return ComponentDescriptor.of(NAME);
    }

    @Override
    public void start(ComponentContext ctx) {
        Config config = ctx.config();
        List<MetricsExporter> exporters = new ArrayList<>();
        if (ExportersSchema.consoleEnabled(config)) {
            exporters.add(new ConsoleExporter(
                    consoleSink(), ExportersSchema.consoleInclude(config), ExportersSchema.consoleHideTags(config)));
        }
        if (ExportersSchema.fileEnabled(config)) {
            exporters.add(
                    new FileExporter(ExportersSchema.fileSettings(config, ctx.dataDirectory()), ctx.timeSource()));
        }
        exporters.addAll(ctx.contributions(MetricsExporter.class));
        ExportRun fresh = new ExportRun(
                ctx.service(MeterRegistry.class),
                ctx.timeSource(),
                ctx.scheduler(),
                exporters,
                ExportersSchema.queueCapacity(config),
                ExportersSchema.flushTimeout(config));
        synchronized (this) {
            run = fresh;
            fresh.start(ExportersSchema.interval(config));
            changes =
                    config.onChange(ExportersSchema.INTERVAL, c -> fresh.reschedule(ExportersSchema.interval(config)));
        }
        log.atDebug()
                .addKeyValue(
                        "exporters", exporters.stream().map(MetricsExporter::id).toList())
                .log("exporters started");
    }

    private Consumer<String> consoleSink() {
        PrintStream stream = consoleStream;
        if (stream != null) {
            return stream::println;
        }
        Logger console = LoggerFactory.getLogger(CONSOLE_LOGGER);
        return table -> console.info("{}", table);
    }

    @Override
    public void stop() throws InterruptedException {
        CompletableFuture<Void> done;
        ExportRun r;
        synchronized (this) {
            Subscription c = changes;
            if (c != null) {
                c.close();
                changes = null;
            }
            r = run;
            if (r == null) {
                return;
            }
            run = null;
            done = r.shutdown();
        }
        try {
            done.get();
        } catch (InterruptedException e) {
            // The stop timeout ran out first: give up on the exporters rather than leave them running.
            r.abort();
            throw e;
        } catch (ExecutionException e) {
            throw new IllegalStateException("the exporters' shutdown failed", e.getCause());
        }
    }
}

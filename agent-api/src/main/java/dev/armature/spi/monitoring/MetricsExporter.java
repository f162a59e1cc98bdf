package dev.armature.spi.monitoring;

/**
 * A destination for the system's meters: a file, a console, a remote backend. Plugins and hosts
 * contribute exporters with {@code PluginContext.contribute(MetricsExporter.class, exporter)};
 * agent-monitoring's exporter runner takes a {@link MetricsSnapshot} of the system's meter
 * registry every {@code armature.exporters.interval} (60 s by default) and hands it to each
 * exporter through a bounded queue of the exporter's own.
 *
 * <p>Each exporter has one worker thread of its own, so {@link #export} is never called
 * concurrently with itself or with {@link #flush}, and a slow or stuck exporter never delays the
 * others or the scheduler: while its queue is full, the oldest waiting snapshot is dropped and
 * counted ({@code armature.exporter.dropped{exporter=<id>}}). A snapshot whose {@code export}
 * throws is counted as a failure ({@code armature.exporter.failures{exporter=<id>}}), logged, and
 * not retried. When the runner stops — at the system's shutdown or before a restart of the runner
 * — it takes a last snapshot, lets each worker drain its queue, and calls {@link #flush}, all
 * bounded by {@code armature.exporters.flush-timeout}; a worker still busy then is interrupted.
 * The runner may start again later (after a supervisor restart) with the same instance, so an
 * exporter stays usable after {@code flush}.
 *
 * <pre>{@code
 * context.contribute(MetricsExporter.class, new MetricsExporter() {
 *     public String id() { return "backend"; }
 *     public void export(MetricsSnapshot snapshot) throws IOException {
 *         client.send(snapshot.meters());
 *     }
 * });
 * }</pre>
 *
 * @since 0.1
 */
public interface MetricsExporter {
    /**
     * Returns the exporter's id: lower-case letters, digits, {@code .} and {@code -}, starting with a
     * letter, unique among the system's exporters. It names the worker thread and is the {@code
     * exporter} tag of the runner's meters. Read once, when the runner starts.
     *
     * @return the id, such as {@code console} or {@code backend}
     */
    String id();

    /**
     * Exports one snapshot. Called on the exporter's worker thread, one snapshot at a time, in the
     * order they were taken; may block, at the price of its own queue only.
     *
     * @param snapshot the meters as they were when the snapshot was taken
     * @throws Exception if the snapshot could not be exported; it is counted as a failure, logged
     *     and not retried
     */
    void export(MetricsSnapshot snapshot) throws Exception;

    /**
     * Writes out whatever the exporter buffers, after the last snapshot of a run of the runner was
     * exported. Called on the worker thread; does nothing by default. The exporter may be given
     * more snapshots afterwards, if the runner starts again.
     *
     * @throws Exception if buffered data could not be written; it is counted as a failure and
     *     logged
     */
    default void flush() throws Exception {}
}

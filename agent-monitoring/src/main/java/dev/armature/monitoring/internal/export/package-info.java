/**
 * Internal: the exporter runner, which hands snapshots of the system's meters to each {@link
 * dev.armature.spi.monitoring.MetricsExporter} through a bounded queue of its own; the built-in
 * console and JSON-lines file exporters; and the sweep that removes dynamic meters unchanged for
 * {@code armature.metrics.ttl}.
 */
@NullMarked
package dev.armature.monitoring.internal.export;

import org.jspecify.annotations.NullMarked;

/**
 * Internal: the Prometheus text exposition of the system's meters. {@link
 * dev.armature.monitoring.internal.prometheus.PrometheusExposition} is the component and the
 * {@code MetricsExposition} service; it reads the host's own {@code PrometheusMeterRegistry} when
 * the system's registry is (or holds) one, and otherwise a {@link
 * dev.armature.monitoring.internal.prometheus.RegistryMirror} that shows every meter of the
 * system's registry in a Prometheus registry of its own.
 */
@NullMarked
package dev.armature.monitoring.internal.prometheus;

import org.jspecify.annotations.NullMarked;

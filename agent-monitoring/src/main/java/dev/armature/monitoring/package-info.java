/**
 * Monitoring for Armature: meter registries and exporters (console, file, Prometheus), the alert engine, the health checker and its HTTP endpoints. Filled by the monitoring issue; the module holds its place in the build until then.
 */
@NullMarked
package dev.armature.monitoring;

import org.jspecify.annotations.NullMarked;

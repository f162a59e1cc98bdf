/**
 * Internal: the health checker. {@link dev.armature.monitoring.internal.health.CheckTracker} keeps
 * one check's results, hysteresis and history; {@link
 * dev.armature.monitoring.internal.health.StatusAggregator} weighs statuses; {@link
 * dev.armature.monitoring.internal.health.HealthEngine} runs the probes on the scheduler and a
 * bounded pool and keeps the snapshot; {@link
 * dev.armature.monitoring.internal.health.HealthChecker} is the component that wires them to a
 * system.
 */
@NullMarked
package dev.armature.monitoring.internal.health;

import org.jspecify.annotations.NullMarked;

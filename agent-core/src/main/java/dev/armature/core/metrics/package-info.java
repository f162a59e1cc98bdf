/**
 * Metrics: {@link dev.armature.core.metrics.MicrometerExtension}, through which a host gives the
 * system its Micrometer registry. Armature's meters are named {@code armature.<area>.<thing>}, carry
 * the common tags {@code application} and {@code instance}, and pass a cardinality guard.
 */
@NullMarked
package dev.armature.core.metrics;

import org.jspecify.annotations.NullMarked;

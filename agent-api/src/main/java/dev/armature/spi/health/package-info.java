/**
 * Health SPI: the {@link dev.armature.spi.health.HealthProbe}s plugins and hosts contribute for the
 * health checker to run.
 */
@NullMarked
package dev.armature.spi.health;

import org.jspecify.annotations.NullMarked;

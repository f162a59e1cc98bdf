/**
 * Health SPI: the {@link dev.armature.spi.health.HealthProbe}s plugins and hosts contribute for the
 * health checker to run, and the {@link dev.armature.spi.health.RecommendationRule}s that extend its
 * recommendation table.
 */
@NullMarked
package dev.armature.spi.health;

import org.jspecify.annotations.NullMarked;

/**
 * Internal: the configuration sources and their file formats — {@link
 * dev.armature.core.internal.config.source.ConfigFormats} turns YAML, JSON and properties text into
 * flat dotted keys ({@code a.b[0].c}) with the line each value stands on, and back; {@link
 * dev.armature.core.internal.config.source.FileConfigSource}, {@link
 * dev.armature.core.internal.config.source.ClasspathConfigSource}, {@link
 * dev.armature.core.internal.config.source.EnvironmentConfigSource}, {@link
 * dev.armature.core.internal.config.source.SystemPropertiesConfigSource} and {@link
 * dev.armature.core.internal.config.source.MapConfigSource} are the built-in {@link
 * dev.armature.spi.config.ConfigSource}s that the configuration manager merges. Not API; hosts add
 * sources through {@code dev.armature.spi.config}.
 */
@NullMarked
package dev.armature.core.internal.config.source;

import org.jspecify.annotations.NullMarked;

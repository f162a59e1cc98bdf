/**
 * Extension points of configuration: {@link dev.armature.spi.config.ConfigSource}s that plugins
 * contribute through {@code PluginContext#contribute} or hosts add on the builder.
 *
 * @since 0.1
 */
@NullMarked
package dev.armature.spi.config;

import org.jspecify.annotations.NullMarked;

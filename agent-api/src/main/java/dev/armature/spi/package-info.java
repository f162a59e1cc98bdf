/**
 * The service provider interface: {@link dev.armature.spi.RuntimeProvider}, through which the API
 * finds its runtime, and the seam for plugins. Every other extension point lives in a {@code
 * dev.armature.spi.<area>} package and is contributed through a plugin or the builder.
 */
@NullMarked
package dev.armature.spi;

import org.jspecify.annotations.NullMarked;

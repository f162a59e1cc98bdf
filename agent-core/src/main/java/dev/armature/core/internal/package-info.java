/**
 * Internal: the runtime's entry point for ServiceLoader. Not API; everything under {@code
 * dev.armature.core.internal} may change without notice.
 */
@NullMarked
package dev.armature.core.internal;

import org.jspecify.annotations.NullMarked;

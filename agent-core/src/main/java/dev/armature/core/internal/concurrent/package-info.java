/**
 * Internal: the threads a system owns, and the default scheduler built on them. Not API.
 */
@NullMarked
package dev.armature.core.internal.concurrent;

import org.jspecify.annotations.NullMarked;

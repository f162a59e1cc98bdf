/**
 * Internal: the event bus implementation. Not API; hosts use {@code dev.armature.api.event}.
 */
@NullMarked
package dev.armature.core.internal.event;

import org.jspecify.annotations.NullMarked;

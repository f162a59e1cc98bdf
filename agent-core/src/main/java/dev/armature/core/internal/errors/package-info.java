/**
 * Internal: error intelligence — fingerprints that name a kind of error whatever its line numbers,
 * generated class names and message parameters, and the {@code Errors} service that records errors
 * as events. Not API; hosts use {@code dev.armature.api.resilience.Errors}.
 */
@NullMarked
package dev.armature.core.internal.errors;

import org.jspecify.annotations.NullMarked;
